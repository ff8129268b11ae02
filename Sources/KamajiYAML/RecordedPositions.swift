import KamajiDiagnostics

/// Where each value of one document was written, recorded by the reader as it converts the value,
/// with no path built: one record per value, in a flat array, and for each collection the records
/// of its items in the order of the converted value's entries or items. A value's `ValuePath` is
/// walked through the value and the records together when a location is asked for, so a file
/// without problems pays for two array appends per value, not a path and a hash per value.
package struct RecordedPositions: Sendable, Equatable {
    package struct Record: Sendable, Equatable {
        package var line: Int32
        package var column: Int32
        /// Where the value's key was written; 0 when it has none (a list item, the root, a merged entry).
        package var keyLine: Int32 = 0
        package var keyColumn: Int32 = 0
        /// The first of the collection's items in `items`; its count is the value's.
        package var firstItem: Int32 = 0
    }

    package let file: String
    package private(set) var records: [Record] = []
    /// Record numbers of collection items, each collection's contiguous.
    private var items: [Int32] = []

    package init(file: String) { self.file = file }

    /// The number the next recorded value gets.
    package var next: Int32 { Int32(records.count) }

    package mutating func record(line: Int32, column: Int32) -> Int32 {
        records.append(Record(line: line, column: column))
        return Int32(records.count - 1)
    }

    /// Nothing when the value was not recorded (the reader stopped at a limit).
    package mutating func setKey(of record: Int32, line: Int32, column: Int32) {
        guard Int(record) < records.count else { return }
        records[Int(record)].keyLine = line
        records[Int(record)].keyColumn = column
    }

    /// Makes room for a list's `count` items, to be filled in with `setItem` as they are converted
    /// (their own items are appended after them in the meantime).
    package mutating func reserveItems(of record: Int32, count: Int) {
        records[Int(record)].firstItem = Int32(items.count)
        items.append(contentsOf: repeatElement(-1, count: count))
    }

    package mutating func setItem(of record: Int32, at offset: Int, to item: Int32) {
        items[Int(records[Int(record)].firstItem) + offset] = item
    }

    /// A mapping's entries, once their order is final (merge keys and overrides settled).
    package mutating func setItems<Items: Sequence>(of record: Int32, _ entries: Items) where Items.Element == Int32 {
        records[Int(record)].firstItem = Int32(items.count)
        items.append(contentsOf: entries)
    }

    /// The location of the value at `path` in `value` (the document these records are of).
    package func location(of path: ValuePath, in value: YAMLValue) -> SourceLocation? {
        var found: SourceLocation?
        walk(path, in: value) { record, isLast in if isLast { found = location(record) } }
        return found
    }

    /// The location of the value at `path`, else of the nearest enclosing value.
    package func nearestLocation(to path: ValuePath, in value: YAMLValue) -> SourceLocation? {
        var found: SourceLocation?
        walk(path, in: value) { record, _ in found = location(record) }
        return found
    }

    /// Every value's location by its path, for callers that want them all.
    package func locations(in value: YAMLValue) -> [ValuePath: SourceLocation] {
        guard !records.isEmpty else { return [:] }
        var all: [ValuePath: SourceLocation] = [:]
        all.reserveCapacity(records.count)
        func visit(_ value: YAMLValue, _ record: Int32, _ path: ValuePath) {
            all[path] = location(Int(record))
            let first = Int(records[Int(record)].firstItem)
            switch value {
            case .mapping(let mapping):
                for (offset, entry) in mapping.entries.enumerated() { visit(entry.value, items[first + offset], path / entry.key) }
            case .sequence(let list):
                for (offset, item) in list.enumerated() { visit(item, items[first + offset], path / offset) }
            default:
                break
            }
        }
        visit(value, 0, .root)
        return all
    }

    /// Calls `body` with the record of the root and of each value on the way to `path` that
    /// exists, and whether it is the value at `path` itself.
    private func walk(_ path: ValuePath, in value: YAMLValue, _ body: (Int, Bool) -> Void) {
        guard !records.isEmpty else { return }
        let steps = path.components
        var record = 0
        var current = value
        body(record, steps.isEmpty)
        for (number, step) in steps.enumerated() {
            let first = Int(records[record].firstItem)
            switch (step, current) {
            case (.key(let key), .mapping(let mapping)):
                guard let offset = mapping.position(of: key) else { return }
                record = Int(items[first + offset])
                current = mapping.entries[offset].value
            case (.index(let index), .sequence(let list)) where index < list.count:
                record = Int(items[first + index])
                current = list[index]
            default:
                return
            }
            body(record, number == steps.count - 1)
        }
    }

    private func location(_ record: Int) -> SourceLocation {
        let r = records[record]
        var location = SourceLocation(file: file, line: Int(r.line), column: Int(r.column))
        if r.keyLine > 0 { location.keyPosition = .init(line: Int(r.keyLine), column: Int(r.keyColumn)) }
        return location
    }
}

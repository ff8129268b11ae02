import Foundation
import KamajiDiagnostics

/// Reads YAML text into `YAMLValue` documents the way Helm (go-yaml v2 behind sigs.k8s.io/yaml)
/// reads values files, with a source position for every value so that later checks can point at
/// the line a user has to fix.
///
/// libyaml does the parsing (`YAMLComposer`); scalars are then resolved with `GoYAMLScalar` instead
/// of YAML 1.1 or 1.2 rules, so `on`, `y`, `0x1F` and `1_000` mean what they mean to Helm. Input is treated
/// as hostile: size, nesting, node count (after alias expansion) and document count are bounded,
/// and every problem becomes a `Diagnostic` rather than a crash or a hang.
///
/// Behaviour worth knowing:
/// - Mapping keys become strings as sigs.k8s.io/yaml makes them: `1:` is `"1"`, `0x1F:` is
///   `"31"`, `yes:` is `"true"`, `1.5:` is `"1.5"` (float32 formatting). Null keys, collection
///   keys and integers beyond `Int64` are errors, as they are for Helm.
/// - A key that appears twice in one mapping (after that conversion) is an error: Helm silently
///   keeps one of them, and which one is not something a user should have to know.
/// - Merge keys (`<<: *base`, `<<: [*a, *b]`) are supported: keys written in the mapping win
///   over merged ones, earlier merge sources over later ones. A key written *before* the `<<`
///   line that a merge also provides is an error, because go-yaml v2 (Helm) lets the merged
///   value win there while the YAML merge specification lets the written one win.
/// - Tags: `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq` and the
///   non-specific `!` are honoured; any other tag (`!!binary`, `!!timestamp`, `!!set`, custom
///   `!tags`) is an error rather than being silently read as a string as go-yaml v2 does.
/// - Timestamps stay strings, as go-yaml v2 decodes them into Helm's values.
public struct YAMLReader {
    /// Bounds on the input. Defaults are far above any real values file or manifest stream and
    /// far below what exhausts memory or the stack.
    public struct Limits: Sendable, Equatable {
        /// Input size in bytes (UTF-8).
        public var maxBytes: Int
        /// Collection nesting; the root collection is depth 1.
        public var maxDepth: Int
        /// Nodes per stream, counting every node an alias expands to, keys included.
        public var maxNodes: Int
        /// Documents per stream.
        public var maxDocuments: Int

        public init(maxBytes: Int = 16 << 20, maxDepth: Int = 256, maxNodes: Int = 1_000_000, maxDocuments: Int = 10_000) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
            self.maxDocuments = maxDocuments
        }
    }

    /// One YAML document: its value and where each value came from, by the value's path
    /// (`nodePools[1].numCPUs`; the root is `ValuePath.root`). Values reached through an alias
    /// point at the anchored node, since that is the text to edit.
    public struct Document: Sendable, Equatable {
        public let value: YAMLValue
        /// Recorded while the value was read; paths are walked through them only when asked.
        package let positions: RecordedPositions

        package init(value: YAMLValue, positions: RecordedPositions) {
            self.value = value
            self.positions = positions
        }

        /// Every value's location by its path, worked out from the recorded positions on each call.
        public var locations: [ValuePath: SourceLocation] { positions.locations(in: value) }

        public func location(of path: ValuePath) -> SourceLocation? { positions.location(of: path, in: value) }

        /// The location of the value at `path`, else of the nearest enclosing value.
        public func nearestLocation(to path: ValuePath) -> SourceLocation? { positions.nearestLocation(to: path, in: value) }
    }

    // MARK: Entry points

    /// Every document of the stream, in order. A stream with no document at all (empty, or only
    /// comments) yields no documents; an explicitly empty document (`---` alone) is `.null`.
    /// Throws `DiagnosticError`. Every document carries its values' locations, recorded as they
    /// are read; the stream is read once, whether or not it has problems (their paths come from
    /// the steps the reader keeps while it descends, see `NodeConverter`).
    public static func documents(_ text: String, file: String, limits: Limits = .init()) throws -> [Document] {
        let size = text.utf8.count
        if size > limits.maxBytes {
            throw DiagnosticError(Diagnostic(
                code: .inputLimit, location: SourceLocation(file: file),
                message: "the input is \(size) bytes, more than the limit of \(limits.maxBytes)",
                hint: "split the file or raise the input limit"))
        }
        // libyaml (with the encoding preset, as Yams does) skips a byte-order mark as if it were a
        // character of the first line, which shifts that line's indentation; drop it here.
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let bytes = Array(text.utf8)
        return try compose(bytes, file: file, limits: limits).get()
    }

    /// The documents of a file given as bytes: UTF-8 (with or without a byte-order mark) or
    /// UTF-16 with a byte-order mark. Invalid encoding is reported with its byte offset.
    public static func documents(_ bytes: [UInt8], file: String, limits: Limits = .init()) throws -> [Document] {
        if bytes.count > limits.maxBytes {
            throw DiagnosticError(Diagnostic(
                code: .inputLimit, location: SourceLocation(file: file),
                message: "the input is \(bytes.count) bytes, more than the limit of \(limits.maxBytes)",
                hint: "split the file or raise the input limit"))
        }
        return try documents(decodeText(bytes, file: file), file: file, limits: limits)
    }

    public static func documents(_ data: Data, file: String, limits: Limits = .init()) throws -> [Document] {
        try documents([UInt8](data), file: file, limits: limits)
    }

    /// A file that must hold at most one document, such as a values file: no document is `.null`.
    public static func document(_ text: String, file: String, limits: Limits = .init()) throws -> Document {
        try single(documents(text, file: file, limits: limits), file: file)
    }

    public static func document(_ bytes: [UInt8], file: String, limits: Limits = .init()) throws -> Document {
        try single(documents(bytes, file: file, limits: limits), file: file)
    }

    public static func document(_ data: Data, file: String, limits: Limits = .init()) throws -> Document {
        try single(documents(data, file: file, limits: limits), file: file)
    }

    // MARK: - Internals

    private static func single(_ docs: [Document], file: String) throws -> Document {
        if docs.count > 1 {
            throw DiagnosticError(Diagnostic(
                code: .yamlSyntax, location: docs[1].location(of: .root) ?? SourceLocation(file: file),
                message: "expected a single YAML document, found \(docs.count)",
                hint: "remove the `---` separators; Helm reads only the first document of a values file"))
        }
        return docs.first ?? Document(value: .null, positions: RecordedPositions(file: file))
    }

    private static func compose(_ bytes: [UInt8], file: String, limits: Limits) -> Result<[Document], DiagnosticError> {
        var converter = NodeConverter(file: file, limits: limits)
        var docs: [Document] = []
        let failure = YAMLComposer.compose(bytes, limits: limits) { tree in
            if docs.count >= limits.maxDocuments {
                let root = tree.root >= 0 ? tree.nodes[Int(tree.root)] : nil
                converter.diagnostics.append(Diagnostic(
                    code: .inputLimit, location: SourceLocation(file: file, line: root.map { Int($0.line) }, column: root.map { Int($0.column) }),
                    message: "more than \(limits.maxDocuments) documents in one stream",
                    hint: "split the stream or raise the document limit"))
                return false
            }
            let value = converter.convertDocument(tree)
            if converter.aborted { return false }
            docs.append(Document(value: value, positions: converter.takePositions()))
            return true
        }
        if let failure {
            converter.diagnostics.append(Diagnostic(
                code: failure.code, location: SourceLocation(file: file, line: failure.line, column: failure.column),
                message: failure.message, hint: failure.hint))
        }
        if !converter.diagnostics.isEmpty {
            // An anchored node with a problem reports it once per alias; keep each problem once.
            var seen = Set<String>()
            let unique = converter.diagnostics.filter { seen.insert($0.description).inserted }
            return .failure(DiagnosticError(unique))
        }
        return .success(docs)
    }

    // MARK: Encodings

    /// The text of a file given as bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with a
    /// byte-order mark. Invalid UTF-8 is reported with its line, column and byte offset, so a
    /// command line that reads files as bytes gives the same message as `documents(_:file:)`.
    public static func text(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> String {
        do {
            return try decodeText(bytes, file: file)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(Diagnostic(code: .yamlSyntax, location: SourceLocation(file: file), message: "\(error)"))
        }
    }

    private static func decodeText(_ bytes: [UInt8], file: String) throws -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF, file: file)
        }
        if let bad = firstInvalidUTF8(bytes) {
            let (line, column) = position(of: bad, in: bytes)
            throw DiagnosticError(Diagnostic(
                code: .yamlSyntax, location: SourceLocation(file: file, line: line, column: column),
                message: "the file is not valid UTF-8: byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad)",
                hint: "save the file as UTF-8"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
    /// (no overlong forms, no surrogates, nothing above U+10FFFF).
    package static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return i
            }
            for k in 1...need {
                guard i + k < b.count else { return i }
                let cont = b[i + k]
                if k == 1 {
                    if cont < lower || cont > upper { return i }
                } else if cont < 0x80 || cont > 0xBF {
                    return i
                }
            }
            i += need + 1
        }
        return nil
    }

    /// The line and column of a byte offset, counting line breaks as libyaml does: LF, CR, CRLF
    /// (once), NEL, LS and PS. The bytes before `offset` must be UTF-8.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for i in 0..<offset {
            let byte = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            let third = i + 2 < bytes.count ? bytes[i + 2] : 0
            if byte == 0x0A || (byte == 0x0D && next != 0x0A) || (byte == 0xC2 && next == 0x85)
                || (byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9)) {
                line += 1
                column = 1
            } else if byte != 0x0D && byte & 0xC0 != 0x80 {
                // The CR of a CRLF and the continuation bytes of a character take no column.
                column += 1
            }
        }
        return (line, column)
    }

    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool, file: String) throws -> String {
        func fail(_ offset: Int, _ why: String) -> DiagnosticError {
            DiagnosticError(Diagnostic(
                code: .yamlSyntax, location: SourceLocation(file: file),
                message: "the file is not valid UTF-16: \(why) at byte offset \(offset)", hint: "save the file as UTF-8"))
        }
        guard bytes.count % 2 == 0 else { throw fail(bytes.count - 1, "odd number of bytes") }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let u = littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            units.append(u)
            i += 2
        }
        var k = 0
        while k < units.count {
            let u = units[k]
            if u >= 0xD800 && u <= 0xDBFF {
                guard k + 1 < units.count, units[k + 1] >= 0xDC00 && units[k + 1] <= 0xDFFF else {
                    throw fail(k * 2, "unpaired surrogate")
                }
                k += 2
            } else if u >= 0xDC00 && u <= 0xDFFF {
                throw fail(k * 2, "unpaired surrogate")
            } else {
                k += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// Converts a composed document into `YAMLValue`, applying go-yaml v2's scalar resolution, Helm's
/// key conversion, tags, merge keys and the node and depth limits, and recording locations.
package struct NodeConverter {
    /// Past this many problems the input is hopeless and listing more only costs time.
    package static let maxReportedProblems = 100

    package let file: String
    package let limits: YAMLReader.Limits
    package var diagnostics: [Diagnostic] = [] {
        didSet {
            if diagnostics.count >= Self.maxReportedProblems && !aborted {
                aborted = true
                diagnostics.append(Diagnostic(
                    code: .inputLimit, location: SourceLocation(file: file),
                    message: "more than \(Self.maxReportedProblems) problems; stopped reading",
                    hint: "fix the problems above and read the file again"))
            }
        }
    }
    package private(set) var aborted = false
    private var mergeNesting = 0
    private var nodes = 0
    private var positions: RecordedPositions
    private var tree = RawYAMLTree()

    /// The steps from the document's root to the node being converted: a key (the string the entry
    /// is stored under anyway) or an index is pushed before a child is converted and popped after
    /// it. Only a diagnostic turns them into a `ValuePath` (`path`): building and escaping a path
    /// for every value took half the conversion, and without them a file with a problem had to be
    /// converted a second time to name it.
    private var steps: [ValuePath.Component] = []

    package init(file: String, limits: YAMLReader.Limits) {
        self.file = file
        self.limits = limits
        positions = RecordedPositions(file: file)
    }

    package mutating func takePositions() -> RecordedPositions {
        defer { positions = RecordedPositions(file: file) }
        return positions
    }

    package mutating func convertDocument(_ document: RawYAMLTree) -> YAMLValue {
        tree = document
        defer { tree = RawYAMLTree() }
        steps.removeAll(keepingCapacity: true)
        guard document.root >= 0 else { return .null }
        return convert(document.root, depth: 0)
    }

    /// The path of the node being converted, for a diagnostic.
    private var path: ValuePath { ValuePath(steps) }

    /// Converts the child at `step` below the current node.
    private mutating func convert(_ index: Int32, at step: ValuePath.Component, depth: Int) -> YAMLValue {
        steps.append(step)
        defer { steps.removeLast() }
        return convert(index, depth: depth)
    }

    private func location(_ node: RawYAMLTree.Node) -> SourceLocation {
        SourceLocation(file: file, line: Int(node.line), column: Int(node.column))
    }

    /// Counts one node; false once the limit is exceeded (reported once, then everything stops).
    private mutating func count(_ node: RawYAMLTree.Node) -> Bool {
        if aborted { return false }
        nodes += 1
        guard nodes <= limits.maxNodes else {
            return stop(at: node, "the input expands to more than \(limits.maxNodes) nodes (aliases included)",
                        hint: "this looks like an alias bomb; reduce the use of anchors and aliases")
        }
        return true
    }

    private mutating func enter(depth: Int, node: RawYAMLTree.Node) -> Bool {
        guard depth <= limits.maxDepth else {
            return stop(at: node, "nesting deeper than \(limits.maxDepth) levels",
                        hint: "flatten the structure; values files never need this much nesting")
        }
        return true
    }

    /// Reports a limit reached and stops the conversion; false, for the callers to return.
    private mutating func stop(at node: RawYAMLTree.Node, _ message: String, hint: String) -> Bool {
        aborted = true
        diagnostics.append(Diagnostic(code: .inputLimit, path: path, location: location(node), message: message, hint: hint))
        return false
    }

    private enum Tags {
        package static let prefix = "tag:yaml.org,2002:"
        package static let str = prefix + "str", int = prefix + "int", float = prefix + "float", bool = prefix + "bool"
        package static let null = prefix + "null", map = prefix + "map", seq = prefix + "seq", merge = prefix + "merge"
        package static let standard = [str, int, float, bool, null, map, seq]
    }

    private static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(Tags.prefix) ? "!!" + tag.dropFirst(Tags.prefix.count) : tag
    }

    private mutating func unsupportedTag(_ tag: String, node: RawYAMLTree.Node) {
        diagnostics.append(Diagnostic(
            code: .unsupportedTag, path: path, location: location(node),
            message: "the tag `\(Self.shortTag(tag))` is not supported",
            hint: "remove the tag; only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted"))
    }

    private mutating func convert(_ index: Int32, depth: Int) -> YAMLValue {
        let node = tree.nodes[Int(index)]
        guard count(node) else { return .null }
        let record = positions.record(line: node.line, column: node.column)
        switch node.kind {
        case .scalar:
            return scalarValue(node)
        case .sequence:
            guard enter(depth: depth + 1, node: node) else { return .null }
            if let tag = node.tag, tag != "!", tag != Tags.seq {
                collectionTagProblem(tag, expected: "!!seq", node: node)
            }
            var items: [YAMLValue] = []
            items.reserveCapacity(Int(node.childCount))
            positions.reserveItems(of: record, count: Int(node.childCount))
            for (offset, item) in tree.children(of: node).enumerated() {
                positions.setItem(of: record, at: offset, to: positions.next)
                items.append(convert(item, at: .index(offset), depth: depth + 1))
                if aborted { break }
            }
            return .sequence(items)
        case .mapping:
            guard enter(depth: depth + 1, node: node) else { return .null }
            if let tag = node.tag, tag != "!", tag != Tags.map {
                collectionTagProblem(tag, expected: "!!map", node: node)
            }
            let built = convertMapping(index, depth: depth + 1)
            positions.setItems(of: record, built.origins.lazy.map(\.record))
            return .mapping(YAMLMapping(built.entries))
        }
    }

    private mutating func collectionTagProblem(_ tag: String, expected: String, node: RawYAMLTree.Node) {
        if Tags.standard.contains(tag) {
            diagnostics.append(Diagnostic(
                code: .typeMismatch, path: path, location: location(node),
                message: "the tag `\(Self.shortTag(tag))` does not fit a \(expected == "!!map" ? "mapping" : "sequence")",
                hint: "remove the tag or use \(expected)"))
        } else {
            unsupportedTag(tag, node: node)
        }
    }

    /// A scalar's resolution under its tag, as go-yaml v2's `resolve(tag, value)` decides it;
    /// `nil` after reporting a problem.
    private mutating func resolution(_ scalar: RawYAMLTree.Node) -> GoYAMLScalar.Resolution? {
        let text = scalar.text
        // Readers that turn scalar bytes into a `String` with Foundation (Yams among them) drop a
        // leading U+FEFF, so such a value would silently change on its way through other tools.
        if text.utf8.first == 0xEF, text.unicodeScalars.first == "\u{FEFF}" {
            diagnostics.append(Diagnostic(
                code: .invalidValue, path: path, location: location(scalar),
                message: "a value that starts with U+FEFF (a byte-order mark) cannot be read faithfully",
                hint: "remove the U+FEFF character at the start of the value"))
            return nil
        }
        guard let tag = scalar.tag else {
            return scalar.plain ? GoYAMLScalar.resolution(of: text) : .string
        }
        func mismatch(_ wanted: String) -> GoYAMLScalar.Resolution? {
            diagnostics.append(Diagnostic(
                code: .typeMismatch, path: path, location: location(scalar),
                message: "`\(text)` cannot be read as \(wanted)",
                hint: "remove the tag or change the value"))
            return nil
        }
        switch tag {
        case "!", Tags.str:
            return .string
        case Tags.int:
            let r = GoYAMLScalar.resolution(of: text)
            switch r {
            case .int, .uint: return r
            default: return mismatch("!!int")
            }
        case Tags.float:
            switch GoYAMLScalar.resolution(of: text) {
            case .float(let d): return .float(d)
            case .int(let i): return .float(Double(i))
            case .uint(let u): return .float(Double(u))
            default: return mismatch("!!float")
            }
        case Tags.bool:
            if case .bool(let b) = GoYAMLScalar.resolution(of: text) { return .bool(b) }
            return mismatch("!!bool")
        case Tags.null:
            if GoYAMLScalar.resolution(of: text) == .null { return .null }
            return mismatch("!!null")
        case Tags.map, Tags.seq:
            return mismatch(Self.shortTag(tag) + " (it is a scalar)")
        default:
            unsupportedTag(tag, node: scalar)
            return nil
        }
    }

    private mutating func scalarValue(_ scalar: RawYAMLTree.Node) -> YAMLValue {
        switch resolution(scalar) {
        case nil: return .null
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .float(Double(u))
        case .float(let d): return .float(d)
        case .timestamp, .string: return .string(scalar.text)
        }
    }

    /// The string a key becomes for Helm (sigs.k8s.io/yaml's key conversion); `nil` after
    /// reporting why the key cannot be used, at the mapping's path.
    private mutating func keyString(_ key: RawYAMLTree.Node) -> String? {
        guard key.kind == .scalar else {
            diagnostics.append(Diagnostic(
                code: .typeMismatch, path: path, location: location(key),
                message: "a mapping key must be a scalar, not a \(key.kind == .mapping ? "mapping" : "sequence")",
                hint: "use a string key; Helm cannot read collection keys either"))
            return nil
        }
        func refuse(_ what: String) -> String? {
            diagnostics.append(Diagnostic(
                code: .typeMismatch, path: path, location: location(key),
                message: "\(what) cannot be a mapping key",
                hint: "quote the key to make it a string"))
            return nil
        }
        switch resolution(key) {
        case nil: return nil
        case .null: return refuse("null (`\(key.text)`)")
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint: return refuse("the integer `\(key.text)`, which does not fit in 64 signed bits,")
        case .float(let d):
            switch GoFloatFormat.g32(d) {
            case "+Inf": return ".inf"
            case "-Inf": return "-.inf"
            case "NaN": return ".nan"
            case let s: return s
            }
        case .timestamp, .string: return key.text
        }
    }

    private func isMergeKey(_ key: RawYAMLTree.Node) -> Bool {
        guard key.kind == .scalar, key.text == "<<" else { return false }
        return (key.tag == nil && key.plain) || key.tag == Tags.merge
    }

    /// Where an entry came from, and the record of its value's position.
    private enum Origin {
        case written(SourceLocation, record: Int32)
        case merged(record: Int32)

        var record: Int32 {
            switch self {
            case .written(_, let record), .merged(let record): record
            }
        }
    }

    /// The entries of a mapping being converted, with where each came from; keys are found by a
    /// scan while the mapping is small and through an index once it is not (two dictionaries per
    /// mapping were a third of converting a file of small mappings).
    private struct MappingBuilder {
        package var entries: [YAMLMapping.Entry] = []
        package var origins: [Origin] = []
        private var positions: [String: Int]?

        package init(capacity: Int) {
            entries.reserveCapacity(capacity)
            origins.reserveCapacity(capacity)
        }

        package func slot(of key: String) -> Int? {
            if let positions { return positions[key] }
            return entries.firstIndex { YAMLMapping.isSameKey($0.key, key) }
        }

        package mutating func append(_ entry: YAMLMapping.Entry, _ origin: Origin) {
            entries.append(entry)
            origins.append(origin)
            if positions != nil {
                positions![entry.key] = entries.count - 1
            } else if entries.count > YAMLMapping.indexedCount {
                positions = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
            }
        }
    }

    /// The entries of a mapping, or of a mapping merged into one: merged entries are converted
    /// under the path of the mapping they are merged into, which is where they are read from.
    private mutating func convertMapping(_ mappingIndex: Int32, depth: Int) -> MappingBuilder {
        let children = tree.children(of: tree.nodes[Int(mappingIndex)])
        var built = MappingBuilder(capacity: children.count / 2)
        var cursor = children.startIndex
        while cursor + 1 < children.endIndex {
            let key = tree.nodes[Int(children[cursor])]
            let valueIndex = children[cursor + 1]
            cursor += 2
            if aborted { break }
            if isMergeKey(key) {
                guard count(key) else { break }
                guard let sources = mergeSources(valueIndex) else { continue }
                for source in sources {
                    guard count(tree.nodes[Int(source)]) else { break }
                    // Merged mappings may merge others in turn; bound that chain like nesting.
                    mergeNesting += 1
                    defer { mergeNesting -= 1 }
                    guard enter(depth: mergeNesting, node: tree.nodes[Int(source)]) else { break }
                    let merged = convertMapping(source, depth: depth)
                    for (entry, origin) in zip(merged.entries, merged.origins) {
                        if let slot = built.slot(of: entry.key) {
                            if case .written(let at, _) = built.origins[slot] {
                                diagnostics.append(Diagnostic(
                                    code: .duplicateKey, path: path.appending(key: entry.key), location: at,
                                    message: "key `\(entry.key)` is written before `<<` and also comes from the merged mapping; "
                                        + "Helm (go-yaml v2) would use the merged value, the YAML merge rules the written one",
                                    hint: "move `\(entry.key)` below the `<<` line to override the merged value"))
                            }
                            continue
                        }
                        built.append(entry, .merged(record: origin.record))
                    }
                }
                continue
            }
            guard let keyText = keyString(key) else {
                _ = count(key)
                continue
            }
            // The key and its value are counted and reported under the entry's path.
            steps.append(.key(keyText))
            defer { steps.removeLast() }
            guard count(key) else { break }
            let keyLocation = location(key)
            if let slot = built.slot(of: keyText) {
                switch built.origins[slot] {
                case .written(let first, _):
                    diagnostics.append(Diagnostic(
                        code: .duplicateKey, path: path, location: keyLocation,
                        message: "key `\(keyText)` appears twice in the same mapping (first on line \(first.line ?? 0)); "
                            + "the value to use is ambiguous",
                        hint: "keep one of the two entries; note that `1`, `0x1`, `\"1\"` and `yes`/`true` name the same key for Helm"))
                case .merged:
                    let record = positions.next
                    built.entries[slot].value = convert(valueIndex, depth: depth)
                    positions.setKey(of: record, line: key.line, column: key.column)
                    built.origins[slot] = .written(keyLocation, record: record)
                }
                continue
            }
            let record = positions.next
            let converted = convert(valueIndex, depth: depth)
            positions.setKey(of: record, line: key.line, column: key.column)
            built.append(YAMLMapping.Entry(key: keyText, value: converted), .written(keyLocation, record: record))
        }
        return built
    }

    /// go-yaml v2 merges a mapping or a sequence of mappings (aliases already resolved).
    private mutating func mergeSources(_ value: Int32) -> [Int32]? {
        let node = tree.nodes[Int(value)]
        switch node.kind {
        case .mapping:
            return [value]
        case .sequence where tree.children(of: node).allSatisfy({ tree.nodes[Int($0)].kind == .mapping }):
            return Array(tree.children(of: node))
        default:
            diagnostics.append(Diagnostic(
                code: .typeMismatch, path: path, location: location(node),
                message: "a merge key `<<` needs a mapping or a list of mappings",
                hint: "write `<<: *anchor` where the anchor names a mapping"))
            return nil
        }
    }
}

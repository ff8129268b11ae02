import Foundation
import KamajiDiagnostics
import KamajiYAML

/// Decodes merged values into the typed model, collecting every problem instead of stopping at the
/// first: a wrong type, a missing required key, or a key the chart does not know (with a
/// did-you-mean). Swift's `Decodable` normally throws at the first mismatch; here a mismatch is
/// recorded and decoding goes on with an empty value, so one run reports all mistakes in a file.
public struct ValuesDecoder {
    public var locations: LocationMap

    public init(locations: LocationMap = [:]) {
        self.locations = locations
    }

    /// Returns the decoded value and the warnings; throws every error found.
    public func decode<T: Decodable>(_ type: T.Type, from value: YAMLValue) throws(DiagnosticError) -> (
        value: T, warnings: [Diagnostic]
    ) {
        let context = ValuesDecodingContext(locations: locations, root: value)
        let decoder = TreeDecoder(node: value, path: .root, context: context)
        let result: T
        do {
            result = try T(from: decoder)
        } catch {
            // Only reachable through a Decodable implementation outside this project.
            context.record(.typeMismatch, path: .root, message: "\(error)", hint: "check the values against docs/values.md")
            throw DiagnosticError(context.diagnostics)
        }
        context.reportUnknownKeys()
        if context.unreported > 0 {
            context.diagnostics.append(
                Diagnostic(
                    code: .inputLimit, location: context.location(for: .root),
                    message: "\(context.unreported) more problems not listed",
                    hint: "fix the problems above and run again"))
        }
        let errors = context.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticError(context.diagnostics) }
        return (result, context.diagnostics)
    }
}


package final class ValuesDecodingContext {
    package var diagnostics: [Diagnostic] = []
    package let locations: LocationMap
    /// For every mapping decoded through a keyed container: its keys, which of them the model asked
    /// for (by position: hashing every key into a set cost more than decoding its value) and the
    /// keys it asked for that the mapping does not have (candidates for a did-you-mean).
    private var mappings: [(path: ValuePath, keys: [String], askedPositions: [Bool], askedAbsent: [String])] = []
    private var mappingIndex: [ValuePath: Int] = [:]
    /// Paths already reported, so a wrong container type is not also reported as missing keys below it.
    private var reportedPaths: Set<ValuePath> = []

    /// The whole tree, for the passwords a message must not show; collected on the first problem.
    package let root: YAMLValue
    /// Shared with the contexts of a list's items, so a list with many problems collects them once.
    package let secrets: SecretTextsOfTree

    package init(locations: LocationMap, root: YAMLValue, secrets: SecretTextsOfTree? = nil) {
        self.locations = locations
        self.root = root
        self.secrets = secrets ?? SecretTextsOfTree(root)
    }

    /// What was found at `path`, for a message: the value itself unless it is a password, which
    /// is described by its kind alone.
    package func describe(_ node: YAMLValue?, at path: ValuePath) -> String {
        var key: String?
        if case .key(let last)? = path.last { key = last }
        guard let node, node.isScalar, secrets.texts.isSecret(node, atKey: key) else { return KamajiValues.describe(node) }
        return "\(SecretTexts.kind(of: node)) (a password's value, not shown)"
    }

    /// Problems found beyond `maxReported`: counted, not listed.
    package private(set) var unreported = 0
    package static let maxReported = NodeConverter.maxReportedProblems

    /// `atKey`: the problem is the key itself (unknown), so it is reported where the key was written.
    package func record(_ code: Diagnostic.Code, path: ValuePath, message: String, hint: String? = nil, atKey: Bool = false) {
        // The value itself or an enclosing one below the root already reported (looked up per
        // ancestor, so a file with many problems costs linear time).
        let enclosing = path.selfAndAncestors
        if enclosing.prefix(max(1, enclosing.count - 1)).contains(where: reportedPaths.contains) {
            return
        }
        reportedPaths.insert(path)
        if diagnostics.count >= Self.maxReported {
            unreported += 1
            return
        }
        diagnostics.append(
            Diagnostic(
                code: code, path: path, location: atKey ? keyLocation(for: path) : location(for: path), message: message,
                hint: hint))
    }

    package func warn(path: ValuePath, message: String, hint: String? = nil) {
        diagnostics.append(
            Diagnostic(
                .warning, code: .unknownKey, path: path, location: keyLocation(for: path),
                message: message, hint: hint))
    }

    /// The nearest known position: the value itself, else the closest enclosing value.
    package func location(for path: ValuePath) -> SourceLocation? { locations.nearest(to: path) }

    /// Where a key itself was written: its position in a file, or the flag that set a value below it
    /// (`--set x.y=1` for the key `x`, which no source wrote on its own); only then the nearest
    /// enclosing value, so a key the user gave is never blamed on the defaults that enclose it.
    package func keyLocation(for path: ValuePath) -> SourceLocation? {
        if let exact = locations[path] { return exact.atKey }
        let inside = locations.value.filter { $0.key != path && $0.key.isWithin(path) }
        if let first = inside.min(by: { $0.key < $1.key }) { return first.value }
        return location(for: path)
    }

    /// The mapping's number, which its container passes to `markAsked`: rendering the path text
    /// again for every key asked was a tenth of a render of many pools.
    package func registerMapping(path: ValuePath, keys: [String]) -> Int {
        if let index = mappingIndex[path] { return index }
        mappingIndex[path] = mappings.count
        mappings.append((path, keys, Array(repeating: false, count: keys.count), []))
        return mappings.count - 1
    }

    /// Takes over what another context found and registered (one item of a list decoded on its
    /// own), as if it had been decoded here: its problems after this one's, up to the same cap, and
    /// none at a path already reported.
    package func absorb(_ other: ValuesDecodingContext) {
        let offset = mappings.count
        mappings += other.mappings
        for (path, index) in other.mappingIndex { mappingIndex[path] = offset + index }
        for diagnostic in other.diagnostics {
            if diagnostic.severity != .warning, let path = ValuePath(parsing: diagnostic.path), reportedPaths.contains(path) { continue }
            if diagnostic.severity != .warning, diagnostics.count >= Self.maxReported {
                unreported += 1
            } else {
                diagnostics.append(diagnostic)
            }
        }
        unreported += other.unreported
        reportedPaths.formUnion(other.reportedPaths)
    }

    /// `position` is the key's place in the mapping, nil when the mapping does not have it.
    package func markAsked(mapping index: Int, key: String, position: Int?) {
        if let position {
            mappings[index].askedPositions[position] = true
        } else {
            mappings[index].askedAbsent.append(key)
        }
    }

    package func reportUnknownKeys() {
        for mapping in mappings where mapping.askedPositions.contains(false) {
            var asked = Set(mapping.askedAbsent)
            for (position, key) in mapping.keys.enumerated() where mapping.askedPositions[position] { asked.insert(key) }
            for key in mapping.keys where !asked.contains(key) {
                if diagnostics.count >= Self.maxReported {
                    // Past the cap only the count is kept: no did-you-mean for half a million keys.
                    unreported += 1
                    continue
                }
                let known = Array(asked)
                let suggestion = DidYouMean.closest(to: key, among: known)
                let path = mapping.path.appending(key: key)
                if let retired = RetiredKeys.hint(for: path) {
                    warn(path: path, message: "is ignored", hint: retired)
                    continue
                }
                record(
                    .unknownKey, path: path, message: "the chart has no key \"\(key)\"",
                    hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "remove it; see docs/values.md for the keys",
                    atKey: true)
            }
        }
    }
}

/// Keys the chart mentions in comments but never renders: accepted so chart values files load, with
/// a warning so nobody believes they take effect.
package enum RetiredKeys {
    package static func hint(for path: ValuePath) -> String? {
        let ignoredPoolKeys = ["ipAddrs", "searchDomains", "domain", "gateway"]
        let steps = path.components
        if steps.count == 3, steps[0] == .key("nodePools"), case .index = steps[1], case .key(let last) = steps[2],
            ignoredPoolKeys.contains(last)
        {
            return "chart 0.2.9 documents it in a comment but never renders it; remove it"
        }
        return nil
    }
}

package struct PathCodingKey: CodingKey {
    package var stringValue: String
    package var intValue: Int?
    package init(stringValue: String) { self.stringValue = stringValue }
    package init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

package func describe(_ node: YAMLValue?) -> String {
    switch node {
    case nil, .null: return "nothing"
    case .bool(let b): return "the boolean \(b)"
    case .int(let i): return "the number \(i)"
    case .float(let f): return "the number \(f)"
    case .string(let s): return "the string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
    case .sequence: return "a list"
    case .mapping: return "a map"
    }
}

/// The decoder over one node of the tree. `node == nil` means the key is absent.
package struct TreeDecoder: Decoder {
    package let node: YAMLValue?
    package let path: ValuePath
    package let context: ValuesDecodingContext

    package var codingPath: [CodingKey] {
        path.components.map {
            switch $0 {
            case .key(let k): return PathCodingKey(stringValue: k)
            case .index(let i): return PathCodingKey(intValue: i)
            }
        }
    }
    package var userInfo: [CodingUserInfoKey: Any] { [:] }

    package func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        var mapping = YAMLMapping()
        switch node {
        case .mapping(let m): mapping = m
        case nil, .null: break
        default:
            context.record(
                .typeMismatch, path: path, message: "expected a map, found \(context.describe(node, at: path))",
                hint: "write keys and values below it (`key: value`, or `{}` for none); see docs/values.md")
        }
        let index = context.registerMapping(path: path, keys: mapping.keys)
        return KeyedDecodingContainer(KeyedTreeContainer<Key>(mapping: mapping, decoder: self, mappingIndex: index))
    }

    package func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        var items: [YAMLValue] = []
        switch node {
        case .sequence(let s): items = s
        case nil, .null: break
        default:
            context.record(
                .typeMismatch, path: path, message: "expected a list, found \(context.describe(node, at: path))",
                hint: "write a list: items on lines starting with `- `, or `[a, b]` (`[]` for none)")
        }
        return UnkeyedTreeContainer(items: items, decoder: self)
    }

    package func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleTreeContainer(decoder: self)
    }

    /// The values tree behind `decoder`, for the types that decode only from values files.
    package static func of(_ decoder: Decoder, decoding type: Any.Type) throws -> TreeDecoder {
        guard let tree = decoder as? TreeDecoder else {
            throw DecodingError.typeMismatch(
                type, .init(codingPath: decoder.codingPath, debugDescription: "values tree expected"))
        }
        return tree
    }

    package func child(_ component: ValuePath.Component, _ node: YAMLValue?) -> TreeDecoder {
        TreeDecoder(node: node, path: path.appending(component), context: context)
    }

    /// Leaf decoding: a mismatch is recorded and an empty value returned, so decoding continues.
    package func decodeLeaf<T: Decodable>(_ type: T.Type) throws -> T {
        func mismatch(_ expected: String, example: String, hint: String? = nil) {
            if node == nil || node == .null {
                context.record(.missingValue, path: path, message: "is required", hint: "set it to \(expected)")
            } else {
                var hint = hint ?? "write \(expected), such as `\(example)`"
                if case .string(let text) = node, GoYAMLScalar.resolution(of: text).isNumberOrBoolean {
                    hint = ChartBareScalars.textHint(at: context.location(for: path), expected: expected, example: example)
                }
                context.record(
                    .typeMismatch, path: path, message: "expected \(expected), found \(context.describe(node, at: path))", hint: hint)
            }
        }
        if type == String.self {
            if case .string(let s) = node { return s as! T }
            let hint: String? =
                switch node {
                case .int, .float, .bool: "quote it to keep it text"
                default: nil
                }
            mismatch("a string", example: "\"text\"", hint: hint)
            return "" as! T
        }
        // A string where the chart prints the value bare: read as the chart's line would be.
        if type == Int.self || type == Bool.self || type == Double.self, case .string(let text) = node,
            ChartBareScalars.isBare(path), let value = ChartBareScalars.read(text), ChartBareScalars.suits(value, type)
        {
            context.diagnostics.append(
                ChartBareScalars.warning(
                    text: text, value: value, path: path, location: context.location(for: path)))
            return try TreeDecoder(node: value, path: path, context: context).decodeLeaf(type)
        }
        if type == Int.self {
            switch node {
            case .int(let i): return i as! T
            case .float(let f) where f.rounded() == f && abs(f) < 1e18: return Int(f) as! T
            default:
                mismatch("a whole number", example: "3")
                return 0 as! T
            }
        }
        if type == Bool.self {
            if case .bool(let b) = node { return b as! T }
            mismatch("true or false", example: "true")
            return false as! T
        }
        if type == Double.self {
            switch node {
            case .int(let i): return Double(i) as! T
            case .float(let f): return f as! T
            default:
                mismatch("a number", example: "1.5")
                return 0.0 as! T
            }
        }
        if case .sequence(let items) = node, let array = T.self as? any ConcurrentlyDecodableArray.Type {
            return try array.decodeConcurrently(items, at: self) as! T
        }
        return try T(from: self)
    }
}

/// A list whose items decode independently, such as a file's hundreds of node pools: each item is
/// decoded with a context of its own (on all cores when the list is long enough for `Parallel`), and
/// the contexts are taken over in order, so what is reported is what decoding item by item reports.
package protocol ConcurrentlyDecodableArray {
    static func decodeConcurrently(_ items: [YAMLValue], at decoder: TreeDecoder) throws -> Self
}

/// An item type whose values decode without any state but the decoder's (a plain struct), so a
/// long list of them can be decoded concurrently.
package protocol IndependentlyDecodable: Decodable, Sendable {}

extension Array: ConcurrentlyDecodableArray where Element: IndependentlyDecodable {
    package static func decodeConcurrently(_ items: [YAMLValue], at decoder: TreeDecoder) throws -> [Element] {
        let path = decoder.path
        let parent = decoder.context
        let (locations, root, secrets) = (parent.locations, parent.root, parent.secrets)
        let parts = Parallel.map(items.count) { index -> (element: Result<Element, any Error>, context: ValuesDecodingContext) in
            let context = ValuesDecodingContext(locations: locations, root: root, secrets: secrets)
            let element = Result {
                try TreeDecoder(node: items[index], path: path.appending(index: index), context: context).decodeLeaf(Element.self)
            }
            return (element, context)
        }
        // As an item-by-item decode would: every item's problems in order, up to the first item that
        // throws, whose error ends the list.
        var elements: [Element] = []
        elements.reserveCapacity(parts.count)
        for part in parts {
            parent.absorb(part.context)
            elements.append(try part.element.get())
        }
        return elements
    }
}

package struct KeyedTreeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    package let mapping: YAMLMapping
    package let decoder: TreeDecoder
    package let mappingIndex: Int

    package var codingPath: [CodingKey] { decoder.codingPath }
    /// Asked by a map's decoding (labels, nodeSelector, ...), never a struct's. A key whose value is
    /// null is left out, as Helm's merge deletes it (`disktype: null` over `disktype: ssd` removes the
    /// label rather than leaving it empty); it counts as known.
    package var allKeys: [Key] {
        mapping.entries.enumerated().compactMap { position, entry in
            if case .null = entry.value {
                decoder.context.markAsked(mapping: mappingIndex, key: entry.key, position: position)
                return nil
            }
            return Key(stringValue: entry.key)
        }
    }

    /// The key's value, nil when absent, noted as asked for (a key never asked for is unknown).
    private func value(for key: Key) -> YAMLValue? {
        let name = key.stringValue
        let position = mapping.position(of: name)
        decoder.context.markAsked(mapping: mappingIndex, key: name, position: position)
        return position.map { mapping.entries[$0].value }
    }

    package func contains(_ key: Key) -> Bool { value(for: key) != nil }

    package func decodeNil(forKey key: Key) throws -> Bool {
        guard let value = value(for: key) else { return true }
        if case .null = value { return true }
        return false
    }

    package func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.child(.key(key.stringValue), value(for: key)).decodeLeaf(type)
    }

    package func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decodePresent(type, forKey: key) }

    private func decodePresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = value(for: key) else { return nil }
        if case .null = value { return nil }
        return try decoder.child(.key(key.stringValue), value).decodeLeaf(type)
    }

    // The standard library's versions of these ask `contains`, then `decodeNil`, then `decode`: three
    // lookups of the key where one does. Most values are strings, numbers and flags.
    package func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodePresent(type, forKey: key) }
    package func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodePresent(type, forKey: key) }
    package func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodePresent(type, forKey: key) }
    package func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodePresent(type, forKey: key) }

    package func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decoder.child(.key(key.stringValue), value(for: key)).container(keyedBy: type)
    }

    package func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try decoder.child(.key(key.stringValue), value(for: key)).unkeyedContainer()
    }

    package func superDecoder() throws -> Decoder { decoder }
    package func superDecoder(forKey key: Key) throws -> Decoder {
        decoder.child(.key(key.stringValue), mapping[key.stringValue])
    }
}

package struct UnkeyedTreeContainer: UnkeyedDecodingContainer {
    package let items: [YAMLValue]
    package let decoder: TreeDecoder
    package var currentIndex = 0

    package init(items: [YAMLValue], decoder: TreeDecoder) {
        self.items = items
        self.decoder = decoder
    }

    package var codingPath: [CodingKey] { decoder.codingPath }
    package var count: Int? { items.count }
    package var isAtEnd: Bool { currentIndex >= items.count }

    package mutating func next() -> TreeDecoder {
        defer { currentIndex += 1 }
        return decoder.child(.index(currentIndex), currentIndex < items.count ? items[currentIndex] : nil)
    }

    package mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return true }
        if items[currentIndex] == .null {
            currentIndex += 1
            return true
        }
        return false
    }

    package mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeLeaf(type) }

    package mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    { try next().container(keyedBy: type) }

    package mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }

    package mutating func superDecoder() throws -> Decoder { next() }
}

package struct SingleTreeContainer: SingleValueDecodingContainer {
    package let decoder: TreeDecoder
    package var codingPath: [CodingKey] { decoder.codingPath }
    package func decodeNil() -> Bool { (decoder.node ?? .null) == .null }
    package func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeLeaf(type) }
}

/// Suggests the known key closest to a mistyped one, the way compilers suggest identifiers.
package enum DidYouMean {
    package static func closest(to key: String, among candidates: [String]) -> String? {
        let lowered = key.lowercased()
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        let limit = max(2, key.count / 3)
        return best.1 <= limit ? best.0 : nil
    }

    /// Levenshtein distance over Unicode scalars.
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A values key that takes one of a fixed set of words. A wrong word is reported with the accepted
/// ones instead of stopping the decode.
public protocol ValuesEnum: Decodable, CaseIterable, RawRepresentable where RawValue == String {}

extension ValuesEnum {
    public init(from decoder: Decoder) throws {
        let accepted = Self.allCases.map(\.rawValue)
        guard let tree = decoder as? TreeDecoder else {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let value = Self(rawValue: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not one of \(accepted)"))
            }
            self = value
            return
        }
        // Only the cases `allCases` lists: an enum may have cases the values cannot name.
        if case .string(let text) = tree.node, accepted.contains(text), let value = Self(rawValue: text) {
            self = value
            return
        }
        tree.context.record(
            .invalidValue, path: tree.path, message: "\(tree.context.describe(tree.node, at: tree.path)) is not accepted",
            hint: "use one of: \(accepted.joined(separator: ", "))")
        self = Self.allCases.first!
    }
}

extension GoYAMLScalar.Resolution {
    package var isNumberOrBoolean: Bool {
        switch self {
        case .bool, .int, .uint, .float: true
        default: false
        }
    }
}

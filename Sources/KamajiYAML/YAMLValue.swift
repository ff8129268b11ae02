import KamajiDiagnostics

/// The one untyped tree of the project: values files decode into it, builders produce it, and the
/// emitters print it. Mappings keep insertion order because Kubernetes readers expect
/// `apiVersion, kind, metadata, spec` first and because a stable order makes output byte-identical
/// across runs; Helm's own `toYaml` sorts keys, which `HelmToYAML` does explicitly where needed.
public indirect enum YAMLValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case sequence([YAMLValue])
    case mapping(YAMLMapping)
}

/// An ordered mapping with string keys. Small mappings (Kubernetes objects, most values maps) are
/// searched linearly; a mapping with more than `indexedCount` keys also keeps a dictionary of key
/// positions, so a hostile values file with half a million keys merges in linear, not quadratic,
/// time.
public struct YAMLMapping: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    public struct Entry: Equatable, Sendable {
        public var key: String
        public var value: YAMLValue
        public init(key: String, value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var entries: [Entry]
    /// Position of each key, kept only for mappings larger than `indexedCount`.
    private var positions: [String: Int]?
    package static let indexedCount = 16

    public init() { entries = [] }

    public init(_ entries: [Entry]) {
        self.entries = entries
        indexIfLarge()
    }

    public init(dictionaryLiteral elements: (String, YAMLValue)...) {
        entries = []
        entries.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    public static func == (a: YAMLMapping, b: YAMLMapping) -> Bool { a.entries == b.entries }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    public var keys: [String] { entries.map(\.key) }

    /// Where the key is in `entries`: its first occurrence.
    package func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return entries.firstIndex(where: { Self.isSameKey($0.key, key) })
    }

    /// `==` on keys, lengths first: a decoder asks for every key its type knows, most of them absent,
    /// and String's `==` calls into the standard library for any two different strings.
    package static func isSameKey(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a == b }

    private mutating func indexIfLarge() {
        positions = nil
        guard entries.count > Self.indexedCount else { return }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() where positions[entry.key] == nil { positions[entry.key] = index }
        self.positions = positions
    }

    /// Setting an existing key replaces its value in place; setting `nil` removes the key.
    public subscript(key: String) -> YAMLValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let index = position(of: key) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                    indexIfLarge()
                }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
                if positions != nil {
                    positions![key] = entries.count - 1
                } else if entries.count > Self.indexedCount {
                    indexIfLarge()
                }
            }
        }
    }

    public mutating func removeValue(forKey key: String) -> YAMLValue? {
        guard let index = position(of: key) else { return nil }
        defer { indexIfLarge() }
        return entries.remove(at: index).value
    }

    /// The same mapping with keys in byte order, as Go's `sort.Strings` orders them for `toYaml`.
    public func sortedByKey() -> YAMLMapping {
        YAMLMapping(entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) })
    }
}

extension YAMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: YAMLValue...) { self = .sequence(elements) }
    public init(dictionaryLiteral elements: (String, YAMLValue)...) {
        var mapping = YAMLMapping()
        for (key, value) in elements { mapping[key] = value }
        self = .mapping(mapping)
    }
}

extension YAMLValue {
    public var mapping: YAMLMapping? {
        if case .mapping(let m) = self { return m }
        return nil
    }

    public var sequence: [YAMLValue]? {
        if case .sequence(let s) = self { return s }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// Looks a value up by mapping keys; `nil` where a step is missing or not a mapping.
    public subscript(path: String...) -> YAMLValue? {
        var current: YAMLValue? = self
        for key in path { current = current?.mapping?[key] }
        return current
    }

    /// The tree with every null mapping entry removed, recursively: the API server and kubectl
    /// drop them, so two streams that differ only there are the same objects.
    public func droppingNulls() -> YAMLValue {
        switch self {
        case .mapping(let m):
            return .mapping(YAMLMapping(m.entries.compactMap { entry in
                entry.value.isNull ? nil : YAMLMapping.Entry(key: entry.key, value: entry.value.droppingNulls())
            }))
        case .sequence(let s):
            return .sequence(s.map { $0.droppingNulls() })
        default:
            return self
        }
    }

    /// Equality that ignores mapping key order (types and list order still count).
    public func isEquivalent(to other: YAMLValue) -> Bool {
        switch (self, other) {
        case (.mapping(let a), .mapping(let b)):
            guard a.count == b.count else { return false }
            for entry in a.entries {
                guard let value = b[entry.key], entry.value.isEquivalent(to: value) else { return false }
            }
            return true
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        default:
            return self == other
        }
    }
}

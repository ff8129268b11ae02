import KamajiDiagnostics
import KamajiValues
import KamajiYAML

/// A free-form part of the values (affinity, tolerations, addon settings) that the chart passes to
/// the manifest as it is, so it stays an untyped tree.
public struct RawYAML: Decodable, Equatable, Sendable {
    public var value: YAMLValue

    public init(_ value: YAMLValue) { self.value = value }

    public init(from decoder: Decoder) throws {
        let tree = try TreeDecoder.of(decoder, decoding: RawYAML.self)
        value = tree.node ?? .null
    }

    /// Empty collections and null count as "not set", as Helm's `with` treats them.
    public var isEmpty: Bool {
        switch value {
        case .null: return true
        case .mapping(let m): return m.isEmpty
        case .sequence(let s): return s.isEmpty
        case .string(let s): return s.isEmpty
        default: return false
        }
    }
}

/// A free-form map passed on as it is (a chart's Helm values): like `RawYAML`, but anything other
/// than a map or null is a type mismatch instead of a value the builder would silently drop.
public struct RawYAMLMap: Decodable, Equatable, Sendable {
    public var value: YAMLValue

    public init(_ value: YAMLValue) { self.value = value }

    public init(from decoder: Decoder) throws {
        let tree = try TreeDecoder.of(decoder, decoding: RawYAMLMap.self)
        switch tree.node {
        case .mapping(let mapping): value = .mapping(mapping)
        case .null, nil: value = .null
        case let node?:
            tree.context.record(
                .typeMismatch, path: tree.path, message: "expected a map, found \(tree.context.describe(node, at: tree.path))",
                hint: "write the values as keys below it (`key: value`), or `{}` for none")
            value = .null
        }
    }
}

/// A string field that also takes a number or boolean, printed as text. Kubernetes needs strings for
/// label, annotation and selector values, and `--set labels.on=true` yields a boolean in Helm.
public struct ScalarString: Decodable, Equatable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral value: String) { text = value }
    public var description: String { text }

    public init(from decoder: Decoder) throws {
        guard let tree = decoder as? TreeDecoder else {
            text = try decoder.singleValueContainer().decode(String.self)
            return
        }
        switch tree.node {
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .bool(let b): text = b ? "true" : "false"
        case .float(let f): text = GoFloatFormat.full(f)
        case .null, nil: text = ""
        case .sequence, .mapping:
            tree.context.record(
                .typeMismatch, path: tree.path, message: "expected a string, found \(tree.context.describe(tree.node, at: tree.path))",
                hint: "write a single value, such as `name: value`, not a list or a map")
            text = ""
        }
    }
}

/// A value the chart accepts as either a number or a numeric string (`prefix: "24"`, `minSize: "2"`).
public struct IntOrString: Decodable, Equatable, Sendable, CustomStringConvertible {
    public var number: Int?
    public var text: String

    public init(_ number: Int) {
        self.number = number
        text = String(number)
    }

    public init(from decoder: Decoder) throws {
        let scalar = try ScalarString(from: decoder)
        text = scalar.text
        number = Int(scalar.text)
    }

    public var description: String { text }
}

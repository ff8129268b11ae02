import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// A string of chart capi-kamaji-proxmox's values that the chart prints with `{{ }}` into the text it
/// hashes into template names. It keeps the value as written, so the hash text prints it as Go does
/// (`8192`, `1.32`, `<no value>`), and gives the object the text: a number or boolean written here
/// becomes its text (`"123"`, `"1.32"`), never another type (deliberate deviation P5).
public struct TemplateText: Decodable, Equatable, Sendable, CustomStringConvertible {
    /// The value as the values file wrote it (a string, number or boolean; null in a list).
    public var written: YAMLValue
    public var text: String

    public init(_ text: String) {
        written = .string(text)
        self.text = text
    }

    public var description: String { text }

    public init(from decoder: Decoder) throws {
        let tree = decoder as? TreeDecoder
        // A null item of a list: Helm writes `- null`, which CAPMOX's string lists refuse (their
        // items are not nullable), so it is refused here, at its path, rather than written as "".
        if let tree, tree.node == .null, case .index? = tree.path.last {
            tree.context.record(
                .typeMismatch, path: tree.path, message: "expected a string, found null",
                hint: "remove the item, or quote it (\"null\") if it is text; the API server refuses a null item in a list of strings")
        }
        let scalar = try ScalarString(from: decoder)
        text = scalar.text
        written = tree?.node ?? .string(scalar.text)
    }
}

/// A whole number of chart capi-kamaji-proxmox's values, kept as written for the hash text (where
/// the chart prints `1e+06` for a million, and `"8192"` as `8192`). The object gets the number, in full.
public struct TemplateNumber: Decodable, Equatable, Sendable, CustomStringConvertible {
    public var written: YAMLValue
    public var value: Int

    public init(_ value: Int) {
        written = .int(value)
        self.value = value
    }

    public var description: String { String(value) }

    /// `""` where the chart takes an empty string for unset (`templateId`): no number, printed as written.
    package static let emptyText = TemplateNumber(written: .string(""), value: 0)

    private init(written: YAMLValue, value: Int) {
        self.written = written
        self.value = value
    }

    public init(from decoder: Decoder) throws {
        let tree = try TreeDecoder.of(decoder, decoding: TemplateNumber.self)
        written = tree.node ?? .null
        switch tree.node {
        case .int(let i): value = i
        case .float(let f) where f.rounded() == f && abs(f) < 1e18: value = Int(f)
        // The chart prints a numeric string unquoted, so it reaches the API server as that number.
        case .string(let s) where Int(s) != nil: value = Int(s)!
        default:
            tree.context.record(
                .typeMismatch, path: tree.path,
                message: "expected a whole number, found \(tree.context.describe(tree.node, at: tree.path))",
                hint: "write a whole number, such as `8192`")
            value = 0
        }
    }
}

import KamajiDiagnostics
import KamajiValues
import KamajiYAML

/// A password from the values. Its text is reachable only through `revealed`, which only the
/// builders of the credential Secrets call (and the validator, which describes the text without
/// printing it); every other way of printing it (`description`,
/// `debugDescription`, `dump`, a failed test expectation) shows `<redacted>`, so a secret cannot
/// reach an error message or a log line by accident.
///
/// Decoding takes a string only. A number is refused instead of converted, because YAML changes it
/// on the way (`0123` and `1e3` are not the digits typed), and the error names the path and the
/// type found, never the value.
public struct SecretString: Decodable, Equatable, Sendable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    public static let redacted = SecretTexts.redacted

    private let text: String

    public init(_ text: String) { self.text = text }

    /// The secret itself, for the Secret objects that carry it.
    public var revealed: String { text }

    public var isEmpty: Bool { text.isEmpty }

    public var description: String { Self.redacted }
    public var debugDescription: String { Self.redacted }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    public init(from decoder: Decoder) throws {
        guard let tree = decoder as? TreeDecoder else {
            text = try decoder.singleValueContainer().decode(String.self)
            return
        }
        switch tree.node {
        case .string(let s):
            text = s
        case .null, nil:
            text = ""
        case .some(let node):
            tree.context.record(
                .typeMismatch, path: tree.path, message: "expected a string, found \(SecretTexts.kind(of: node))",
                hint: node.isScalar ? "quote it: YAML reads an unquoted password as a number or boolean" : nil)
            text = ""
        }
    }

}

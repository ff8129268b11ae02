import KamajiDiagnostics
import KamajiYAML

/// The passwords of a values tree, as values: what every `password` key holds, in each form its
/// text can take. A diagnostic that would show a value asks `isSecret` about the value itself and
/// shows only its kind; nothing searches a message for a password's text, so a short password is
/// not revealed by where `<redacted>` appears and a key that happens to equal a password is left
/// alone. The values keys that hold passwords are all named `password` (`lockPassword` is a boolean).
package struct SecretTexts: Sendable {
    /// What is shown in place of a password.
    package static let redacted = "<redacted>"

    package private(set) var texts: Set<String> = []

    package init(_ values: YAMLValue) { collect(values) }

    /// Only an 8-byte key can be `password` in some case (no non-ASCII character lower-cases to one
    /// of its letters): the length test spares lower-casing every key of a large file.
    package static func isPasswordKey(_ key: String) -> Bool { key.utf8.count == 8 && key.lowercased() == "password" }

    /// A value written at a password key, or one equal to a password (the password pasted into the
    /// wrong field, `port: "S3cret"`).
    package func isSecret(_ value: YAMLValue?, atKey key: String?) -> Bool {
        if let key, Self.isPasswordKey(key) { return true }
        guard let value else { return false }
        return Self.forms(of: value).contains { texts.contains($0) }
    }

    /// A rule's finding quotes a value as `"text"`: a quoted value equal to a password is replaced
    /// whole. Keys and words are never quoted values, so they are never touched.
    package func redactQuotedValues(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        for text in texts where !text.isEmpty {
            let quoted = "\"\(text)\""
            diagnostic.message = diagnostic.message.replacingOccurrences(of: quoted, with: Self.redacted)
            diagnostic.hint = diagnostic.hint?.replacingOccurrences(of: quoted, with: Self.redacted)
        }
        return diagnostic
    }

    private mutating func collect(_ value: YAMLValue) {
        switch value {
        case .mapping(let mapping):
            for entry in mapping.entries {
                if Self.isPasswordKey(entry.key) { texts.formUnion(Self.forms(of: entry.value)) }
                collect(entry.value)
            }
        case .sequence(let items):
            items.forEach { collect($0) }
        default:
            break
        }
    }

    /// A password written unquoted may have been read as a number: the texts it can be shown as.
    package static func forms(of value: YAMLValue) -> [String] {
        switch value {
        case .string(let s): [s]
        case .int(let i): [String(i)]
        case .float(let f): ["\(f)", GoFloatFormat.full(f)]
        default: []
        }
    }

    /// What was found, without the value.
    package static func kind(of node: YAMLValue) -> String {
        switch node {
        case .null: "nothing"
        case .bool: "a boolean"
        case .int, .float: "a number"
        case .string: "a string"
        case .sequence: "a list"
        case .mapping: "a map"
        }
    }
}

extension YAMLValue {
    package var isScalar: Bool {
        switch self {
        case .bool, .int, .float, .string: true
        default: false
        }
    }
}

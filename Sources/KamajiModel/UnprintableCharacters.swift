import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// A code point the chart's output cannot carry, at a values path: DEL, the C1 controls
/// U+0080-U+009F (NEL among them) and the noncharacters U+FFFE and U+FFFF. Helm's `toYaml` reads
/// its own output back with go-yaml v2, whose reader refuses them (NEL it reads as a line break), so
/// the chart prints nothing for such a command or user field (a space for NEL) and hashes that into
/// the template name. Check KC204 refuses them in every value, so what is rendered and hashed is
/// always what the user wrote; every other code point renders and hashes as Helm does
/// (`cases/code-point-edges`).
public struct UnprintableCharacter: Equatable, Sendable {
    /// The values path (`nodePools[0].preKubeadmCommands[2]`); for a map key, the key's own path.
    public var path: ValuePath
    public var scalar: Unicode.Scalar

    /// `the C1 control character U+0085 (NEL)`: the code point, never the value that holds it.
    public var name: String {
        switch scalar.value {
        case 0x7F: return "the DEL control character"
        case 0x85: return "the C1 control character U+0085 (NEL, which go-yaml reads as a line break)"
        case 0x80...0x9F: return "the C1 control character " + Self.codePoint(scalar)
        default: return "the noncharacter " + Self.codePoint(scalar)
        }
    }

    package static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    package static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// The first refused code point of every string and key in `tree`, in document order.
    package static func find(in tree: YAMLValue) -> [UnprintableCharacter] {
        var found: [UnprintableCharacter] = []
        // The steps from the root, made a `ValuePath` only for a finding: every render walks every
        // value here, and writing each value's path text was two thirds of the walk (a fifteenth
        // of a 500-pool render, on one core) for paths that a clean render never reads.
        var steps: [ValuePath.Component] = []
        func visit(_ node: YAMLValue) {
            switch node {
            case .string(let text):
                if let scalar = firstRefused(text) { found.append(.init(path: ValuePath(steps), scalar: scalar)) }
            case .sequence(let items):
                for index in items.indices {
                    steps.append(.index(index))
                    visit(items[index])
                    steps.removeLast()
                }
            case .mapping(let mapping):
                for entry in mapping.entries {
                    steps.append(.key(entry.key))
                    if let scalar = firstRefused(entry.key) { found.append(.init(path: ValuePath(steps), scalar: scalar)) }
                    visit(entry.value)
                    steps.removeLast()
                }
            case .null, .bool, .int, .float:
                break
            }
        }
        visit(tree)
        return found
    }

    /// Decided on the bytes first: DEL is 0x7F, a C1 control 0xC2 0x80-0x9F, U+FFFE and U+FFFF are
    /// 0xEF 0xBF 0xBE-0xBF; nearly every value has none of these bytes.
    package static func firstRefused(_ text: String) -> Unicode.Scalar? {
        let suspicious = text.utf8.contains { $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF }
        guard suspicious else { return nil }
        return text.unicodeScalars.first(where: isRefused)
    }
}

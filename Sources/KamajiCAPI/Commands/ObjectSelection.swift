import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// `render --show-only KIND[/NAME]`: Helm's `--show-only`, by object instead of by template file,
/// so one object can be looked at without a YAML tool. The kind is matched without regard to case
/// (`machinedeployment` as kubectl accepts it), the name exactly.
public struct ObjectSelector: Sendable, Equatable, CustomStringConvertible {
    public var kind: String
    public var name: String?

    /// Reads `KIND` or `KIND/NAME`; `nil` when either part is empty or there are more parts.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        kind = parts[0]
        name = parts.count == 2 ? parts[1] : nil
    }

    public func matches(_ object: ManifestObject) -> Bool {
        object.kind.lowercased() == kind.lowercased() && (name == nil || object.name == name)
    }

    public var description: String { kind + (name.map { "/" + $0 } ?? "") }

    /// The objects any selector matches, in render order. A selector that matches nothing is a
    /// usage error that names what there is instead: the kinds, or the names of its kind.
    public static func select(_ objects: [ManifestObject], by selectors: [ObjectSelector]) throws(DiagnosticError)
        -> [ManifestObject]
    {
        let problems = selectors.filter { selector in !objects.contains(where: selector.matches) }.map { selector in
            let sameKind = objects.filter { $0.kind.lowercased() == selector.kind.lowercased() }
            let hint =
                sameKind.isEmpty
                ? "the render has these kinds: " + unique(objects.map(\.kind)).joined(separator: ", ")
                : "the render's \(sameKind[0].kind) objects are: " + sameKind.map(\.name).joined(separator: ", ")
            return Diagnostic(code: .usage, message: "--show-only \(selector) matches no object", hint: hint)
        }
        guard problems.isEmpty else { throw DiagnosticError(problems) }
        return objects.filter { object in selectors.contains { $0.matches(object) } }
    }

    private static func unique(_ kinds: [String]) -> [String] {
        var seen = Set<String>()
        return kinds.filter { seen.insert($0).inserted }
    }
}

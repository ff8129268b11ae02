import KamajiDiagnostics
import KamajiYAML

/// `--set-env PATH=VARIABLE`: a value taken from an environment variable, for passwords that must
/// not sit in a values file, in shell history (`--set vSphere.password=...`) or in the process list.
/// The variable's text is used exactly as it is, always as a string; no `--set` syntax (commas,
/// brackets, backslashes) is interpreted inside it.
///
/// The assignments become one more values source, named `--set-env`, merged after the `-f` files
/// and before the `--set` flags. It is written as JSON (valid YAML whose strings are always quoted),
/// so a password such as `0123` or `yes` stays that text.
public enum EnvironmentValues {
    public static let sourceName = "--set-env"

    /// `nil` when there are no assignments. Errors name the flag and the variable, never a value.
    public static func valuesFile(_ assignments: [String], environment: [String: String]) throws(DiagnosticError)
        -> ValuesFile?
    {
        guard !assignments.isEmpty else { return nil }
        var tree = YAMLMapping()
        var problems: [Diagnostic] = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                problems.append(usage(assignment, "expected PATH=VARIABLE"))
                continue
            }
            let path = String(assignment[..<equals])
            let variable = String(assignment[assignment.index(after: equals)...])
            let keys = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard keys.allSatisfy(isKey) else {
                problems.append(usage(assignment, "\"\(path)\" is not a values path of dotted keys (vSphere.password)"))
                continue
            }
            let valuePath = ValuePath(keys.map(ValuePath.Component.key))
            guard isVariableName(variable) else {
                problems.append(usage(assignment, "\"\(variable)\" is not an environment variable name"))
                continue
            }
            guard let value = environment[variable] else {
                problems.append(
                    Diagnostic(
                        code: .missingValue, path: valuePath, location: SourceLocation(file: sourceName),
                        message: "environment variable \(variable) is not set",
                        hint: "export it before running kamaji-capi, or drop --set-env \(assignment)"))
                continue
            }
            if value.isEmpty {
                problems.append(
                    Diagnostic(
                        code: .missingValue, path: valuePath, location: SourceLocation(file: sourceName),
                        message: "environment variable \(variable) is empty"))
                continue
            }
            set(&tree, keys[...], to: value)
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return ValuesFile(name: sourceName, text: JSONWriter.write(.mapping(tree)) + "\n")
    }

    package static func set(_ mapping: inout YAMLMapping, _ keys: ArraySlice<String>, to value: String) {
        guard let key = keys.first else { return }
        if keys.count == 1 {
            mapping[key] = .string(value)
            return
        }
        var child = mapping[key]?.mapping ?? YAMLMapping()
        set(&child, keys.dropFirst(), to: value)
        mapping[key] = .mapping(child)
    }

    package static func isKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { isWordScalar($0) || $0 == "-" }
    }

    package static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy(isWordScalar)
    }

    package static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_"
    }

    package static func usage(_ assignment: String, _ message: String) -> Diagnostic {
        Diagnostic(
            code: .setSyntax, location: SourceLocation(file: sourceName), message: "--set-env \(assignment): \(message)",
            hint: "write --set-env vSphere.password=VSPHERE_PASSWORD")
    }
}

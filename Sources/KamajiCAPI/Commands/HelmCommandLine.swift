import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// Helm's conventions for the flags kamaji-capi shares with `helm template`, so a command line
/// written for the chart means the same here.
public enum HelmCommandLine {
    /// `-f a.yaml,b.yaml`: Helm's `--values` is a string slice, whose every argument is one line of
    /// CSV (Go's `encoding/csv`), so a comma separates files and a path holding a comma is written in
    /// double quotes (`-f '"a,b.yaml"'`). An empty argument names no file.
    public static func valuesFilePaths(_ arguments: [String]) -> [String] {
        arguments.flatMap(csvFields)
    }

    /// One CSV record's fields: a field starting with `"` runs to the next lone `"` (`""` stands for
    /// one quote); any other field runs to the next comma.
    static func csvFields(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var fields: [String] = []
        var field = ""
        var characters = text[...]
        var quoted = false
        var atFieldStart = true
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "," {
                fields.append(field)
                field = ""
                atFieldStart = true
                continue
            } else if character == "\"" && atFieldStart {
                quoted = true
            } else {
                field.append(character)
            }
            atFieldStart = false
        }
        fields.append(field)
        return fields
    }

    /// Where a cluster name taken from the NAME argument (Helm's release name) was written.
    public static let nameArgument = SourceLocation(file: "the NAME argument")

    /// With `cluster.name` empty the cluster is named by the NAME argument: a problem with the name
    /// is the argument's, not the empty default's line in the built-in values.
    static func locatingClusterName(_ locations: LocationMap, values: ChartValues) -> LocationMap {
        guard (values.cluster.name ?? "").isEmpty else { return locations }
        return LocationMap {
            var map = locations.value
            map["cluster.name"] = nameArgument
            return map
        }
    }

    /// `-n ''` is Helm's `default`, as no `-n` is.
    public static func namespace(_ given: String?, default fallback: String = "default") -> String {
        guard let given, !given.isEmpty else { return fallback }
        return given
    }

    /// A namespace the API server would refuse (`Bad_NS`): every object would be rejected, so the
    /// render stops here rather than printing them.
    static func namespaceProblem(_ namespace: String) -> Diagnostic? {
        guard let problem = KubernetesNames.labelValueProblem(namespace, requireDNSLabel: true) else { return nil }
        return Diagnostic(
            code: .usage, location: SourceLocation(file: "-n/--namespace"),
            message: "namespace \"\(namespace)\" is not a DNS-1123 label: it \(problem)",
            hint: "a namespace is at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit")
    }
}

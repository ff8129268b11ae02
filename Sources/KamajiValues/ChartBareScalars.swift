import KamajiDiagnostics
import KamajiYAML

/// The number and boolean keys chart 0.2.9 (and 0.1.0) prints bare, `{{ .replicas }}` rather than
/// `{{ .replicas | quote }}`: Go's template prints a string value there as its text, so the API
/// server reads `replicas: "3"` from a values file as the number 3. kamaji-capi takes such a string
/// as the chart's output would be read (go-yaml v2's rules, `GoYAMLScalar`) and says so, once per key.
///
/// Keys the chart quotes, or only tests with `if` (where the string "false" is true), are not here:
/// a string there is an error, as the object the chart writes would be rejected or behave otherwise.
package enum ChartBareScalars {
    /// Paths with `[]` for any list index.
    package static let paths: Set<String> = [
        "cluster.controlPlane.replicas",
        // The chart prints `.apiServerPort | default 6443` (on the wrong context, so always 6443);
        // kamaji-capi honours the key, and reads a string there as the chart's line would be read.
        "cluster.clusterNetwork.apiServerPort",
        "nodePools[].replicas",
        "nodePools[].diskGiB",
        "nodePools[].memoryMiB",
        "nodePools[].numCPUs",
        "nodePools[].dhcp4",
        "nodePools[].staticRoutes[].metric",
        // Chart 0.1.0 prints them bare into the cloud controller's vsphere.conf.
        "vSphere.port",
        "vSphere.insecure",
    ]

    /// The bare keys of a pool that the chart's machine template text holds, and so its name.
    package static let hashedKeys: Set<String> = ["diskGiB", "memoryMiB", "numCPUs", "dhcp4", "metric"]

    package static func isBare(_ path: ValuePath) -> Bool {
        var pattern = ""
        for component in path.components {
            switch component {
            case .key(let key): pattern += pattern.isEmpty ? key : "." + key
            case .index: pattern += "[]"
            }
        }
        return paths.contains(pattern)
    }

    /// What the chart's line `key: TEXT` holds once go-yaml v2 reads it, when that is a number or a
    /// boolean; nil for any other text (which stays an error).
    package static func read(_ text: String) -> YAMLValue? {
        switch GoYAMLScalar.resolve(text) {
        case .int(let i): return .int(i)
        case .float(let f): return .float(f)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    /// Whether the value the chart's line holds is one the model's field takes (a whole number for
    /// an `Int`): anything else stays the string, reported as such.
    package static func suits(_ value: YAMLValue, _ type: Any.Type) -> Bool {
        switch value {
        case .int: return type == Int.self || type == Double.self
        case .float(let f): return type == Double.self || (type == Int.self && f.rounded() == f && abs(f) < 1e18)
        case .bool: return type == Bool.self
        default: return false
        }
    }

    /// The hint for a string that reads as a number or boolean where a number or boolean is
    /// expected and the chart does not print it bare: it speaks of quotes only when the value came
    /// from a file, where quotes are what made it a string.
    package static func textHint(at location: SourceLocation?, expected: String, example: String) -> String {
        switch location?.source {
        case .flag(let flag, _, _)? where flag == SetKind.string.flagName:
            return "--set-string makes every value text: pass it with --set"
        case .flag(let flag, _, _)? where flag == SetKind.file.flagName:
            return "a --set-file value is text: set \(expected) in a values file or with --set"
        case .file(let name)? where name == EnvironmentValues.sourceName:
            return "an environment variable's text is a string: set \(expected) in a values file or with --set"
        default:
            return "remove the quotes: a quoted value is text; write \(expected), such as `\(example)`"
        }
    }

    /// The warning for a string read as `value`: it names the key and tells how to write the value
    /// so the warning goes, in the words of where it came from (a file's quotes, a flag).
    package static func warning(text: String, value: YAMLValue, path: ValuePath, location: SourceLocation?) -> Diagnostic {
        let written = plainText(value)
        var hint: String
        switch location?.source {
        case .flag(let flag, _, _)? where flag == SetKind.string.flagName:
            hint = "pass it with --set instead of --set-string"
        case .flag(let flag, _, _)? where flag == SetKind.file.flagName:
            hint = "a --set-file value is always text; set `\(written)` in a values file or with --set"
        case .file(let name)? where name == EnvironmentValues.sourceName:
            hint = "an environment variable's text is always a string; set `\(written)` in a values file or with --set"
        default:
            hint = "write it without quotes: `\(written)`"
        }
        if written != text, case .key(let key)? = path.last, hashedKeys.contains(key), path.components.first == .key("nodePools") {
            // The chart hashes its template text as printed (`numCPUs: 0x10`), kamaji-capi the value.
            hint += "; the chart hashes the text `\(text)` into the pool's template name and kamaji-capi the value, so the names agree only once it is written `\(written)`"
        }
        return Diagnostic(
            .warning, code: .typeMismatch, path: path, location: location,
            message: "the string \"\(text)\" is read as \(describe(value)), as the chart prints this key unquoted",
            hint: hint)
    }

    /// The value as go-yaml's canonical plain scalar: what a user writes to get it without a warning.
    package static func plainText(_ value: YAMLValue) -> String {
        switch value {
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .float(let f) where f.rounded() == f && abs(f) < 1e18: return String(Int(f))
        case .float(let f): return "\(f)"
        default: return ""
        }
    }
}

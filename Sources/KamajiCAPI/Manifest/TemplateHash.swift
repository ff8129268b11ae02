/// Hash suffixes for templates in API versions chart 0.2.9 never rendered (Cluster API v1beta2
/// KubeadmConfigTemplate, CAPV v1beta2 VSphereMachineTemplate). There is no chart text to match for
/// them, so the suffix is defined over the object instead (docs/api-versions.md, "Template names"):
///
///     suffix = first 8 hex digits of SHA-256( canonicalJSON({apiVersion, kind, spec}) )
///
/// with null fields dropped first, as the API server drops them. Canonical JSON is RFC 8785's: object
/// keys sorted by their UTF-16 code units, no whitespace, strings escaped only where JSON requires it
/// (`"`, `\`, control characters, as `\b \f \n \r \t` or `\u00xx`), integers in decimal (templates
/// hold no fractions). So the name changes exactly when the template's content or its API version
/// does, and key order, quoting and layout never matter.
public enum TemplateHash {
    /// The template renamed `<prefix>-<suffix>`, where the prefix is its name without the last
    /// dash-separated part (the chart's suffix, which the builders started from).
    static func named(_ template: ManifestObject) -> ManifestObject {
        let prefix = template.name.split(separator: "-", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "-")
        var renamed = template
        renamed.name = "\(prefix)-\(suffix(of: template))"
        if var body = template.body.mapping, var metadata = body["metadata"]?.mapping {
            metadata["name"] = .string(renamed.name)
            body["metadata"] = .mapping(metadata)
            renamed.body = .mapping(body)
        }
        return renamed
    }

    public static func suffix(of template: ManifestObject) -> String {
        let hashed: YAMLValue = [
            "apiVersion": .string(template.apiVersion), "kind": .string(template.kind),
            "spec": template.body["spec"] ?? .null,
        ]
        return String(TemplateName.sha256Hex(Array(canonicalJSON(hashed.droppingNulls()).utf8)).prefix(8))
    }

    public static func canonicalJSON(_ value: YAMLValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let int): return String(int)
        case .float(let float):
            return float.rounded() == float && abs(float) < 1e15 ? String(Int(float)) : "\(float)"
        case .string(let string): return quoted(string)
        case .sequence(let items): return "[" + items.map(canonicalJSON).joined(separator: ",") + "]"
        case .mapping(let mapping):
            let entries = mapping.entries.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
            return "{" + entries.map { quoted($0.key) + ":" + canonicalJSON($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// Kept apart from `JSONWriter.quote` on purpose: a change to how output is printed must never
    /// rename templates, which would roll every pool.
    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

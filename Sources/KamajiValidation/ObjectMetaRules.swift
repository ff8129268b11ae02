import Foundation
import KamajiDiagnostics
import KamajiYAML

/// The checks the API server makes on every object's metadata that no OpenAPI schema carries: the
/// name's syntax for its kind, the namespace, and label and annotation keys and values
/// (`apimachinery/pkg/api/validation` and `pkg/util/validation`). Labels and namespaces use
/// `KubernetesNames`, which the check rules share.
package enum ObjectMetaRules {
    /// Unlike a label, a subdomain's dot-separated parts have no length limit of their own.
    package static let dns1123Subdomain = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
    package static let dns1035Label = "^[a-z]([-a-z0-9]*[a-z0-9])?$"

    /// RBAC objects accept any path segment as a name (`system:controller:...`).
    package static let pathSegmentNameKinds: Set<String> = ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]
    /// Services are reached by DNS, so their names are DNS-1035 labels.
    package static let dns1035NameKinds: Set<String> = ["Service"]

    package static func check(_ metadata: YAMLValue?, kind: String) -> [SchemaValidator.Finding] {
        var findings: [SchemaValidator.Finding] = []
        func report(_ path: FieldPath, _ message: String) {
            findings.append(.init(path: path, rule: "metadata", message: message))
        }
        let root = FieldPath("metadata")
        guard let name = metadata?["name"]?.string, !name.isEmpty else {
            findings.append(.init(path: root.key("name"), rule: "required", message: "missing required field"))
            return findings
        }
        if pathSegmentNameKinds.contains(kind) {
            if name == "." || name == ".." || name.contains("/") || name.contains("%") {
                report(root.key("name"), "\(quoted(name)) is not a valid path segment name")
            }
        } else if dns1035NameKinds.contains(kind) {
            if name.utf8.count > 63 || !matches(name, dns1035Label) {
                report(root.key("name"), "\(quoted(name)) is not a DNS-1035 label (at most 63 characters: lower-case letters, digits and '-', starting with a letter)")
            }
        } else if name.utf8.count > 253 || !matches(name, dns1123Subdomain) {
            report(root.key("name"), "\(quoted(name)) is not a DNS-1123 subdomain (at most 253 characters: lower-case letters, digits, '-' and '.')")
        }
        if let namespace = metadata?["namespace"]?.string,
            let problem = KubernetesNames.labelValueProblem(namespace, requireDNSLabel: true)
        {
            report(root.key("namespace"), "\(quoted(namespace)) is not a DNS-1123 label: it \(problem)")
        }
        for entry in metadata?["labels"]?.mapping?.entries ?? [] {
            let path = root.key("labels").key(entry.key)
            if let problem = KubernetesNames.qualifiedNameProblem(entry.key) { report(path, "label key \(problem)") }
            if let value = entry.value.string, let problem = KubernetesNames.labelValueProblem(value, requireDNSLabel: false) {
                report(path, "label value \(quoted(value)) \(problem)")
            }
        }
        let annotations = metadata?["annotations"]?.mapping?.entries ?? []
        for entry in annotations {
            if let problem = KubernetesNames.qualifiedNameProblem(entry.key) {
                report(root.key("annotations").key(entry.key), "annotation key \(problem)")
            }
        }
        let annotationBytes = annotations.reduce(0) { $0 + $1.key.utf8.count + ($1.value.string?.utf8.count ?? 0) }
        if annotationBytes > maxAnnotationBytes {
            findings.append(.init(
                path: root.key("annotations"), rule: "size",
                message: "Too long: must have at most \(maxAnnotationBytes) bytes (the keys and values hold \(annotationBytes))"))
        }
        return findings
    }

    /// `TotalAnnotationSizeLimitB`: all annotations of an object together, keys and values.
    package static let maxAnnotationBytes = 256 * 1024

    package static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = RegexCache.shared.regex(pattern) else { return true }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    package static func quoted(_ text: String) -> String { JSONWriter.quote(text) }
}

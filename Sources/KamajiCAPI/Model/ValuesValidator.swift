/// Runs the check rules (CheckRules.swift) over a model and turns their findings into diagnostics
/// with the file position of the value. `render` refuses values that break an error-level rule, so
/// the error names the value instead of surfacing on apply (deliberate deviation 7 from the chart,
/// which passes such values through); `check` reports warnings too.
public enum ValuesValidator {
    /// The findings of `rules`, errors and warnings, in rule order.
    public static func validate(
        _ model: ClusterModel, locations: [String: SourceLocation], rules: [CheckRule] = CheckRules.all
    ) -> [Diagnostic] {
        rules.flatMap { rule in
            rule.findings(in: model).map { finding in
                Diagnostic(
                    rule.severity, code: .invalidValue, path: finding.path,
                    location: location(of: finding.path, in: locations), message: finding.message,
                    hint: finding.fix ?? rule.fix, rule: rule.id)
            }
        }
    }

    /// The position of the value, else of the nearest enclosing value that has one.
    static func location(of path: String, in locations: [String: SourceLocation]) -> SourceLocation? {
        var lookup = path
        var location = locations[lookup]
        while location == nil, let cut = lookup.lastIndex(where: { $0 == "." || $0 == "[" }) {
            lookup = String(lookup[..<cut])
            location = locations[lookup]
        }
        return location
    }
}

/// Kubernetes' name syntax (apimachinery's validation): label values, DNS-1123 labels and
/// qualified names (label and annotation keys).
enum KubernetesNames {
    static func isAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    /// `nil` when valid; otherwise what is wrong. A DNS-1123 label is also lowercase, with '-' only.
    static func labelValueProblem(_ value: String, requireDNSLabel: Bool) -> String? {
        if isValidASCII(value, requireDNSLabel: requireDNSLabel) { return nil }
        if value.isEmpty { return requireDNSLabel ? "is empty" : nil }
        if value.count > 63 { return "is \(value.count) characters long, over the limit of 63" }
        let allowed: (Character) -> Bool =
            requireDNSLabel
            ? { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            : { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
        if let bad = value.first(where: { !allowed($0) }) { return "contains \"\(bad)\"" }
        if !isAlphanumeric(value.first!) || !isAlphanumeric(value.last!) {
            return "must start and end with a letter or digit"
        }
        return nil
    }

    /// The common case, a valid value, decided on the bytes instead of on Unicode properties of
    /// Characters; anything else goes through the checks above, which name the problem.
    static func isValidASCII(_ value: String, requireDNSLabel: Bool) -> Bool {
        let bytes = value.utf8
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
        func isUpper(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }
        func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLower(b) || isUpper(b) }
        func allowed(_ b: UInt8) -> Bool {
            if requireDNSLabel { return isDigit(b) || isLower(b) || b == UInt8(ascii: "-") }
            return isAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
        return bytes.allSatisfy(allowed) && isAlphanumeric(first) && isAlphanumeric(last)
    }

    static func qualifiedNameProblem(_ key: String) -> String? {
        var name = Substring(key)
        if let slash = key.lastIndex(of: "/") {
            let prefix = key[..<slash]
            name = key[key.index(after: slash)...]
            if prefix.isEmpty || prefix.count > 253
                || prefix.split(separator: ".", omittingEmptySubsequences: false).contains(where: {
                    labelValueProblem(String($0), requireDNSLabel: true) != nil
                })
            {
                return "has an invalid prefix \"\(prefix)\" (a lowercase DNS name is expected)"
            }
        }
        if name.isEmpty { return "has an empty name" }
        return labelValueProblem(String(name), requireDNSLabel: false)
    }

    /// Labels in the kubernetes.io and k8s.io namespaces that kubelet refuses in `--node-labels`
    /// (k8s.io/kubelet's IsKubeletLabel): all but a few well-known ones and the node.kubernetes.io
    /// and kubelet.kubernetes.io namespaces.
    static func isForbiddenKubeletLabel(_ key: String) -> Bool {
        guard let slash = key.lastIndex(of: "/") else { return false }
        let namespace = String(key[..<slash])
        let restricted = ["kubernetes.io", "k8s.io"].contains { namespace == $0 || namespace.hasSuffix("." + $0) }
        guard restricted else { return false }
        let allowedKeys: Set<String> = [
            "kubernetes.io/hostname", "topology.kubernetes.io/zone", "topology.kubernetes.io/region",
            "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region",
            "beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type", "kubernetes.io/os",
            "kubernetes.io/arch", "beta.kubernetes.io/os", "beta.kubernetes.io/arch",
        ]
        if allowedKeys.contains(key) { return false }
        let allowedNamespaces = ["kubelet.kubernetes.io", "node.kubernetes.io"]
        return !allowedNamespaces.contains { namespace == $0 || namespace.hasSuffix("." + $0) }
    }
}

import Foundation

import KamajiDiagnostics
import KamajiYAML

/// Kubernetes' name syntax (apimachinery's validation): label values, DNS-1123 labels and
/// qualified names (label and annotation keys).
package enum KubernetesNames {
    package static func isAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    /// `nil` when valid; otherwise what is wrong. A DNS-1123 label is also lowercase, with '-' only.
    package static func labelValueProblem(_ value: String, requireDNSLabel: Bool) -> String? {
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
    package static func isValidASCII(_ value: String, requireDNSLabel: Bool) -> Bool {
        isValidASCII(value.utf8, requireDNSLabel: requireDNSLabel)
    }

    package static func isValidASCII<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes, requireDNSLabel: Bool) -> Bool {
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

    /// `nil` when `name` is a DNS-1123 subdomain (the names of Secrets and most objects): at most
    /// 253 characters, dot-separated DNS-1123 labels.
    package static func subdomainProblem(_ name: String) -> String? {
        if name.count > 253 { return "is \(name.count) characters long, over the limit of 253" }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            if let problem = labelValueProblem(String(label), requireDNSLabel: true) {
                return label.isEmpty ? "has an empty part between dots" : "is not a lowercase DNS name: \"\(label)\" \(problem)"
            }
        }
        return nil
    }

    /// A valid qualified name in ASCII, decided on the bytes as `isValidASCII` does: an optional
    /// lowercase DNS prefix of at most 253 bytes and a `/`, then a label value that is not empty.
    package static func isValidQualifiedNameASCII<Bytes: BidirectionalCollection<UInt8>>(_ key: Bytes) -> Bool {
        var name = key[...]
        if let slash = key.lastIndex(of: UInt8(ascii: "/")) {
            let prefix = key[..<slash]
            guard !prefix.isEmpty, prefix.count <= 253,
                prefix.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
                    .allSatisfy({ isValidASCII($0, requireDNSLabel: true) })
            else { return false }
            name = key[key.index(after: slash)...]
        }
        return isValidASCII(name, requireDNSLabel: false)
    }

    /// kubelet's `--node-labels`, `key=value,...`, all valid in ASCII: the common case of the check,
    /// without splitting the text into Characters.
    package static func isValidLabelListASCII(_ text: String) -> Bool {
        text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).allSatisfy { item in
            guard let equals = item.firstIndex(of: UInt8(ascii: "=")) else { return false }
            let value = item[item.index(after: equals)...]
            return isValidQualifiedNameASCII(item[..<equals]) && (value.isEmpty || isValidASCII(value, requireDNSLabel: false))
        }
    }

    /// What is wrong with kubelet's `--node-labels` text, item by item; nothing for an empty text.
    package static func nodeLabelProblems(_ text: String) -> [String] {
        if text.isEmpty || isValidLabelListASCII(text) { return [] }
        return nodeLabelProblemsInCharacters(text)
    }

    package static func nodeLabelProblemsInCharacters(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).compactMap { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return "\"\(item)\" is not key=value" }
            if let problem = qualifiedNameProblem(String(parts[0])) { return "label key \"\(parts[0])\" \(problem)" }
            if let problem = labelValueProblem(String(parts[1]), requireDNSLabel: false) {
                return "label value \"\(parts[1])\" \(problem)"
            }
            return nil
        }
    }

    package static func qualifiedNameProblem(_ key: String) -> String? {
        isValidQualifiedNameASCII(key.utf8) ? nil : qualifiedNameProblemInCharacters(key)
    }

    package static func qualifiedNameProblemInCharacters(_ key: String) -> String? {
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
    package static func isForbiddenKubeletLabel(_ key: String) -> Bool {
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

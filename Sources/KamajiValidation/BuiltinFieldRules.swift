import Foundation
import KamajiDiagnostics
import KamajiYAML

/// What the API server's own validation of built-in kinds (`pkg/apis/core/validation`) checks
/// beyond their OpenAPI schema: port numbers and names, resource quantities, container names,
/// ConfigMap and Secret keys and sizes. Each rule is keyed by the OpenAPI definition it applies to,
/// so it holds wherever that definition appears (a Deployment's pod template, a Service). The
/// messages are the API server's. No message quotes a Secret's value.
package enum BuiltinFieldRules {
    package typealias Finding = SchemaValidator.Finding

    package static let maxPort = 65535
    /// `validation.TotalAnnotationSizeLimitB` and the size limit of a ConfigMap's or Secret's data.
    package static let maxDataBytes = 1024 * 1024

    /// The Kubernetes quantity grammar (`resource.ParseQuantity`), as the CRD generators write it.
    package static let quantityPattern =
        #"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"#
    package static let configKeyPattern = "^[-._a-zA-Z0-9]+$"

    package static func check(definition: String, _ value: YAMLValue, path: FieldPath) -> [Finding] {
        var findings: [Finding] = []
        func report(_ path: FieldPath, _ rule: String, _ message: String) {
            findings.append(Finding(path: path, rule: rule, message: message))
        }
        func port(_ field: String, allowZero: Bool) {
            guard case .int(let number)? = value[field], !(allowZero && number == 0) else { return }
            if !(1...maxPort).contains(number) {
                report(path.key(field), "port", "\(number): must be between 1 and \(maxPort), inclusive")
            }
        }
        /// A port given as a number or by the name of a container port (`IntOrString`).
        func numberOrName(_ field: String, allowZero: Bool) {
            switch value[field] {
            case .string(let name)?:
                if let problem = portNameProblem(name) { report(path.key(field), "port-name", "\(quoted(name)): \(problem)") }
            default:
                port(field, allowZero: allowZero)
            }
        }
        switch definition {
        case "io.k8s.apimachinery.pkg.api.resource.Quantity":
            if case .string(let text) = value, !ObjectMetaRules.matches(text, quantityPattern) {
                report(path, "quantity", "\(quoted(text)) is not a quantity: a number with an optional suffix, such as 500m, 2, 1.5, 64Mi, 1G or 1e3")
            }
        case "io.k8s.api.core.v1.ResourceRequirements":
            for field in ["limits", "requests"] {
                for entry in value[field]?.mapping?.entries ?? [] where isNegative(entry.value) {
                    report(path.key(field).key(entry.key), "quantity", "\(SchemaValidator.literal(entry.value)): must be greater than or equal to 0")
                }
            }
        case "io.k8s.api.core.v1.ContainerPort":
            port("containerPort", allowZero: false)
            port("hostPort", allowZero: true)
            if case .string(let name)? = value["name"], let problem = portNameProblem(name) {
                report(path.key("name"), "port-name", "\(quoted(name)): \(problem)")
            }
        case "io.k8s.api.core.v1.ServicePort":
            port("port", allowZero: false)
            port("nodePort", allowZero: true)
            // 0 is defaulted to `port`.
            numberOrName("targetPort", allowZero: true)
            if case .string(let name)? = value["name"], !name.isEmpty,
                let problem = KubernetesNames.labelValueProblem(name, requireDNSLabel: true)
            {
                report(path.key("name"), "dns-label", "\(quoted(name)) is not a DNS-1123 label: it \(problem)")
            }
        case "io.k8s.api.core.v1.ServiceSpec":
            checkServicePorts(value["ports"]?.sequence ?? [], path.key("ports"), report)
        case "io.k8s.api.core.v1.HTTPGetAction", "io.k8s.api.core.v1.TCPSocketAction":
            numberOrName("port", allowZero: false)
        case "io.k8s.api.core.v1.GRPCAction":
            port("port", allowZero: false)
        case "io.k8s.api.core.v1.Container":
            if case .string(let name)? = value["name"], let problem = KubernetesNames.labelValueProblem(name, requireDNSLabel: true) {
                report(path.key("name"), "dns-label", "\(quoted(name)) is not a DNS-1123 label: it \(problem)")
            }
        case "io.k8s.api.core.v1.PodSpec":
            var seen = Set<String>()
            for field in ["initContainers", "containers"] {
                for (index, container) in (value[field]?.sequence ?? []).enumerated() {
                    guard let name = container["name"]?.string else { continue }
                    if !seen.insert(name).inserted {
                        report(path.key(field).index(index).key("name"), "duplicate", "Duplicate value: \(quoted(name))")
                    }
                }
            }
        case "io.k8s.api.core.v1.ConfigMap":
            checkDataKeys(value, ["data", "binaryData"], path, report)
            let both = Set(value["data"]?.mapping?.keys ?? []).intersection(value["binaryData"]?.mapping?.keys ?? [])
            for key in both.sorted() {
                report(path.key("data").key(key), "duplicate", "Duplicate value: \(quoted(key)): the key is also in binaryData")
            }
            checkDataSize(value, text: "data", binary: "binaryData", path, report)
        case "io.k8s.api.core.v1.Secret":
            checkDataKeys(value, ["data", "stringData"], path, report)
            checkDataSize(value, text: "stringData", binary: "data", path, report)
        default:
            break
        }
        return findings
    }

    private static func checkServicePorts(
        _ ports: [YAMLValue], _ path: FieldPath, _ report: (FieldPath, String, String) -> Void
    ) {
        // Two entries with the same port and protocol are the schema's list-type error already.
        var names = Set<String>()
        for (index, port) in ports.enumerated() {
            let name = port["name"]?.string ?? ""
            if ports.count > 1 && name.isEmpty {
                report(path.index(index).key("name"), "required", "Required value: a name is required when a Service has more than one port")
            } else if !name.isEmpty && !names.insert(name).inserted {
                report(path.index(index).key("name"), "duplicate", "Duplicate value: \(quoted(name))")
            }
        }
    }

    /// `validation.IsConfigMapKey`: a ConfigMap's and a Secret's keys name files in a volume.
    private static func checkDataKeys(
        _ value: YAMLValue, _ fields: [String], _ path: FieldPath, _ report: (FieldPath, String, String) -> Void
    ) {
        for field in fields {
            for key in value[field]?.mapping?.keys ?? [] {
                let problem: String?
                if key.utf8.count > 253 {
                    problem = "must be no more than 253 characters"
                } else if !ObjectMetaRules.matches(key, configKeyPattern) {
                    problem = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
                } else if key == "." || key == ".." {
                    problem = "must not be '\(key)'"
                } else if key.hasPrefix("..") {
                    problem = "must not start with '..'"
                } else {
                    problem = nil
                }
                if let problem { report(path.key(field).key(key), "data-key", "\(quoted(key)): \(problem)") }
            }
        }
    }

    /// The API server refuses a ConfigMap or Secret whose keys and values add up to more than 1 MiB
    /// (`binary` values count decoded).
    private static func checkDataSize(
        _ value: YAMLValue, text: String, binary: String, _ path: FieldPath, _ report: (FieldPath, String, String) -> Void
    ) {
        var size = 0
        for entry in value[text]?.mapping?.entries ?? [] {
            size += entry.key.utf8.count + (entry.value.string?.utf8.count ?? 0)
        }
        for entry in value[binary]?.mapping?.entries ?? [] {
            let encoded = entry.value.string ?? ""
            size += entry.key.utf8.count + (Data(base64Encoded: encoded)?.count ?? encoded.utf8.count)
        }
        if size > maxDataBytes {
            report(path, "size", "Too long: must have at most \(maxDataBytes) bytes (the keys and values hold \(size))")
        }
    }

    private static func isNegative(_ quantity: YAMLValue) -> Bool {
        switch quantity {
        case .int(let number): return number < 0
        case .float(let number): return number < 0
        case .string(let text):
            // "-0" is zero; any other digit after the sign makes the value negative.
            return text.hasPrefix("-") && text.dropFirst().contains { ("1"..."9").contains($0) }
                && ObjectMetaRules.matches(text, quantityPattern)
        default: return false
        }
    }

    /// `validation.IsValidPortName` (an IANA service name), or nil when `name` is one.
    package static func portNameProblem(_ name: String) -> String? {
        if name.isEmpty || name.utf8.count > 15 { return "must be no more than 15 characters" }
        if !ObjectMetaRules.matches(name, "^[-a-z0-9]+$") {
            return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
        }
        if name.contains("--") { return "must not contain consecutive hyphens" }
        if !name.contains(where: { ("a"..."z").contains($0) }) { return "must contain at least one letter (a-z)" }
        if name.hasPrefix("-") || name.hasSuffix("-") { return "must not begin or end with a hyphen" }
        return nil
    }

    private static func quoted(_ text: String) -> String { JSONWriter.quote(text) }
}

/// Rules that stop a render whose manifest the API server or Cluster API would reject, so the error
/// names the value instead of surfacing on apply (deliberate deviation 7 from the chart, which passes
/// such values through).
public enum ValuesValidator {
    public static func validate(_ model: ClusterModel, locations: [String: SourceLocation]) -> [Diagnostic] {
        var findings = Findings(locations: locations)
        clusterName(model, &findings)
        pools(model, &findings)
        labelMaps(model, &findings)
        network(model, &findings)
        storage(model, &findings)
        infrastructure(model, &findings)
        controlPlaneEndpoint(model, &findings)
        return findings.items
    }

    struct Findings {
        let locations: [String: SourceLocation]
        var items: [Diagnostic] = []

        mutating func error(_ path: String, _ message: String, hint: String) {
            items.append(Diagnostic(code: .invalidValue, path: path, location: location(path), message: message, hint: hint))
        }

        mutating func warning(_ path: String, _ message: String, hint: String) {
            items.append(
                Diagnostic(.warning, code: .invalidValue, path: path, location: location(path), message: message, hint: hint))
        }

        /// The value's position, else the closest enclosing value's.
        func location(_ path: String) -> SourceLocation? {
            var lookup = path
            var location = locations[lookup]
            while location == nil, let cut = lookup.lastIndex(where: { $0 == "." || $0 == "[" }) {
                lookup = String(lookup[..<cut])
                location = locations[lookup]
            }
            return location
        }
    }

    static func clusterName(_ model: ClusterModel, _ findings: inout Findings) {
        if let problem = KubernetesNames.labelValueProblem(model.clusterName, requireDNSLabel: true) {
            findings.error(
                "cluster.name", "cluster name \"\(model.clusterName)\" \(problem)",
                hint: "it is the cluster-name label of every object: use at most 63 lowercase letters, digits and '-'")
        }
    }

    static func pools(_ model: ClusterModel, _ findings: inout Findings) {
        var seen: [String: Int] = [:]
        for (index, pool) in model.pools.enumerated() {
            let values = pool.values
            let path = "nodePools[\(index)]"
            if let first = seen[values.name] {
                findings.error(
                    "\(path).name", "pool name \"\(values.name)\" is also the name of nodePools[\(first)]",
                    hint: "pool names must be unique: their objects would overwrite each other")
            }
            seen[values.name] = seen[values.name] ?? index
            if let problem = KubernetesNames.labelValueProblem(values.name, requireDNSLabel: true) {
                findings.error("\(path).name", "pool name \"\(values.name)\" \(problem)",
                    hint: "use lowercase letters, digits and '-'")
            } else if let problem = KubernetesNames.labelValueProblem(pool.machineDeploymentName, requireDNSLabel: true) {
                findings.error(
                    "\(path).name", "MachineDeployment name \"\(pool.machineDeploymentName)\" \(problem)",
                    hint: "Cluster API copies it into a label value: shorten the cluster or pool name")
            }
            if values.template?.isEmpty == true {
                findings.error("\(path).template", "is empty", hint: "name the vSphere VM template to clone")
            }
            if values.network?.isEmpty == true {
                findings.error("\(path).network", "is empty", hint: "name the vSphere network of the VMs")
            }
            for (key, list) in [("preKubeadmCommands", values.preKubeadmCommands), ("postKubeadmCommands", values.postKubeadmCommands)] {
                for (commandIndex, command) in (list ?? []).enumerated() {
                    let commandPath = "\(path).\(key)[\(commandIndex)]"
                    if command.trimmingCharacters(in: .whitespaces).isEmpty {
                        findings.error(commandPath, "is an empty command", hint: "remove it, or write the command")
                    }
                    checkHashable(command, commandPath, &findings)
                }
            }
            for (userIndex, user) in (values.users ?? []).enumerated() {
                let userPath = "\(path).users[\(userIndex)]"
                if user.name.isEmpty { findings.error("\(userPath).name", "is empty", hint: "name the user") }
                for text in [user.name, user.gecos, user.groups, user.homeDir, user.shell, user.passwd, user.primaryGroup, user.sudo]
                    .compactMap({ $0 }) + (user.sshAuthorizedKeys ?? [])
                {
                    checkHashable(text, userPath, &findings)
                }
            }
            for (key, number) in [("replicas", values.replicas), ("diskGiB", values.diskGiB), ("memoryMiB", values.memoryMiB), ("numCPUs", values.numCPUs)] {
                if let number, number < 0 {
                    findings.error("\(path).\(key)", "is negative (\(number))", hint: "use a number of 0 or more")
                }
            }
            if let autoscaling = values.autoscaling, autoscaling.enabled == true {
                for (key, size) in [("minSize", autoscaling.minSize), ("maxSize", autoscaling.maxSize)] {
                    if let size, size.number == nil || size.number! < 0 {
                        findings.error(
                            "\(path).autoscaling.\(key)", "\"\(size.text)\" is not a number of machines",
                            hint: "use a whole number of 0 or more")
                    }
                }
            }
        }
    }

    /// Helm's `toYaml` prints nothing for a string holding DEL, which would hash and render an empty
    /// value: refuse it.
    static func checkHashable(_ text: String, _ path: String, _ findings: inout Findings) {
        if text.unicodeScalars.contains("\u{7F}") {
            findings.error(path, "contains the DEL control character", hint: "remove it: the chart cannot render it")
        }
    }

    static func labelMaps(_ model: ClusterModel, _ findings: inout Findings) {
        let values = model.values
        var maps: [(String, [String: ScalarString]?)] = [
            ("cluster.controlPlane.labels", values.cluster.controlPlane.labels),
            ("cluster.controlPlane.network.serviceLabels", values.cluster.controlPlane.network.serviceLabels),
            ("cluster.controlPlane.deployment.additionalMetadata.labels", values.cluster.controlPlane.deployment?.additionalMetadata?.labels),
            ("cluster.controlPlane.deployment.podAdditionalMetadata.labels", values.cluster.controlPlane.deployment?.podAdditionalMetadata?.labels),
            ("cluster.controlPlane.deployment.nodeSelector", values.cluster.controlPlane.deployment?.nodeSelector),
            ("vSphereCloudControllerManager.additionalMetadata.labels", values.vSphereCloudControllerManager.additionalMetadata?.labels),
            ("vSphereCloudControllerManager.podAdditionalMetadata.labels", values.vSphereCloudControllerManager.podAdditionalMetadata?.labels),
            ("vSphereCloudControllerManager.nodeSelector", values.vSphereCloudControllerManager.nodeSelector),
        ]
        for (index, pool) in values.nodePools.enumerated() {
            maps.append(("nodePools[\(index)].autoscaling.labels", pool.autoscaling?.labels))
        }
        for (path, map) in maps {
            for (key, value) in (map ?? [:]).sorted(by: { $0.key < $1.key }) {
                let entryPath = "\(path).\(key.replacingOccurrences(of: ".", with: "\\."))"
                if let problem = KubernetesNames.qualifiedNameProblem(key) {
                    findings.error(entryPath, "label key \"\(key)\" \(problem)", hint: "use [prefix/]name, name at most 63 characters of letters, digits, '-', '_', '.'")
                }
                if let problem = KubernetesNames.labelValueProblem(value.text, requireDNSLabel: false) {
                    findings.error(entryPath, "label value \"\(value.text)\" \(problem)", hint: "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit")
                }
            }
        }
        var annotationMaps: [(String, [String: ScalarString]?)] = [
            ("cluster.controlPlane.network.serviceAnnotations", values.cluster.controlPlane.network.serviceAnnotations),
            ("cluster.controlPlane.deployment.additionalMetadata.annotations", values.cluster.controlPlane.deployment?.additionalMetadata?.annotations),
            ("cluster.controlPlane.deployment.podAdditionalMetadata.annotations", values.cluster.controlPlane.deployment?.podAdditionalMetadata?.annotations),
            ("vSphereCloudControllerManager.additionalMetadata.annotations", values.vSphereCloudControllerManager.additionalMetadata?.annotations),
        ]
        annotationMaps.append(("vSphereCloudControllerManager.podAdditionalMetadata.annotations", values.vSphereCloudControllerManager.podAdditionalMetadata?.annotations))
        for (path, map) in annotationMaps {
            for key in (map ?? [:]).keys.sorted() {
                if let problem = KubernetesNames.qualifiedNameProblem(key) {
                    findings.error("\(path).\(key.replacingOccurrences(of: ".", with: "\\."))", "annotation key \"\(key)\" \(problem)", hint: "use [prefix/]name")
                }
            }
        }
    }

    static func network(_ model: ClusterModel, _ findings: inout Findings) {
        if let port = model.values.cluster.clusterNetwork.apiServerPort, !(1...65535).contains(port) {
            findings.error("cluster.clusterNetwork.apiServerPort", "\(port) is not a TCP port", hint: "use 1 to 65535")
        }
        let ipam = model.values.ipamProvider
        if ipam.enabled, let prefix = ipam.prefix, prefix.number.map({ !(0...128).contains($0) }) ?? true {
            findings.error("ipamProvider.prefix", "\"\(prefix.text)\" is not a prefix length", hint: "use a number from 0 to 32 (IPv4) or 128 (IPv6)")
        }
        if let replicas = model.values.cluster.controlPlane.replicas, replicas < 0 {
            findings.error("cluster.controlPlane.replicas", "is negative (\(replicas))", hint: "use a number of 0 or more")
        }
    }
}

/// Kubernetes' name syntax (apimachinery's validation): label values, DNS-1123 labels and
/// qualified names (label and annotation keys).
enum KubernetesNames {
    static func isAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    /// `nil` when valid; otherwise what is wrong. A DNS-1123 label is also lowercase, with '-' only.
    static func labelValueProblem(_ value: String, requireDNSLabel: Bool) -> String? {
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
}

import Foundation

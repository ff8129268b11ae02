/// The exact texts chart 0.2.9 lays out before hashing them into template names
/// (`../shared/conformance/README.md`, "How the chart names its machine templates").
///
/// This is the one place in the project where YAML is written as text: the chart hashes its template
/// text, not the object, so matching its names byte for byte means reproducing that text byte for
/// byte, quirks included (`dhcp4: ` when unset, `toYaml` folding of long commands). Everything that
/// is rendered goes through the typed builders and the emitter instead.
public enum ChartHashText {
    /// `Q(s)`: Helm's `quote`; an absent value prints nothing, as Helm's `quote` skips nil.
    static func q(_ s: String?) -> String { s.map { HelmTemplateFunctions.quote($0) } ?? "" }

    /// `N(n)` and `B(b)`: Go's template printing. A missing value prints `<no value>`: Helm strips
    /// that from the final output but not from the `include`d text the chart hashes.
    static func n(_ n: Int?) -> String { n.map(String.init) ?? "<no value>" }
    static func b(_ b: Bool?) -> String { b.map { $0 ? "true" : "false" } ?? "<no value>" }

    /// The chart writes `metric | default 100`, and Sprig's `default` treats 0 as unset.
    static func routeMetric(_ metric: Int?) -> Int { metric.flatMap { $0 == 0 ? nil : $0 } ?? 100 }

    /// `Y(x)`: `toYaml`, every line indented by four spaces.
    static func y(_ value: YAMLValue) -> String {
        // On the bytes, a line at a time: splitting into Characters, or appending byte by byte, cost
        // more than the toYaml. A line ends at a line feed that is not part of a CR LF (one
        // Character, so not a "\n").
        let indent: [UInt8] = [0x20, 0x20, 0x20, 0x20]
        var text = HelmTemplateFunctions.toYaml(value)
        let bytes = text.withUTF8 { yaml in
            var bytes = indent
            bytes.reserveCapacity(yaml.count + 64)
            var lineStart = 0
            for i in yaml.indices where yaml[i] == 0x0A && (i == 0 || yaml[i - 1] != 0x0D) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: yaml[lineStart...i]))
                bytes += indent
                lineStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: yaml[lineStart...]))
            return bytes
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func vSphereMachineTemplate(pool: NodePoolValues, vSphere: VSphereValues, clusterName: String)
        -> String
    {
        var lines = [
            "cloneMode: linkedClone",
            "datacenter: \(q(vSphere.dataCenter))",
            "datastore: \(q(pool.dataStore))",
            "folder: \(q(pool.folder))",
            "diskGiB: \(n(pool.diskGiB))",
            "memoryMiB: \(n(pool.memoryMiB))",
            "numCPUs: \(n(pool.numCPUs))",
            "os: Linux",
            "network:",
            "  devices:",
            "  - dhcp4: \(b(pool.dhcp4))",
            "    nameservers:",
        ]
        for server in pool.nameServers ?? [] { lines.append("    - \(q(server))") }
        lines.append("    addressesFromPools:")
        if pool.addressesFromPools?.enabled == true {
            lines += [
                "    - apiGroup: ipam.cluster.x-k8s.io",
                "      kind: InClusterIPPool",
                "      name: \(q(clusterName))",
            ]
        }
        lines.append("    networkName: \(q(pool.network))")
        if let routes = pool.staticRoutes, !routes.isEmpty {
            lines.append("    routes:")
            for route in routes {
                lines += [
                    "    - to: \(q(route.to))",
                    "      via: \(q(route.via))",
                    "      metric: \(routeMetric(route.metric))",
                ]
            }
        }
        lines += [
            // The chart's fixed line; a mode the values choose takes its place (unset, the same text).
            "powerOffMode: \((pool.powerOffMode ?? .trySoft).rawValue)",
            "resourcePool: \(q(pool.resourcePool))",
            "server: \(q(vSphere.server))",
            "storagePolicyName: \(q(pool.storagePolicyName))",
            "template: \(q(pool.template))",
            "thumbprint: \(q(vSphere.tlsThumbprint))",
        ]
        return lines.joined(separator: "\n")
    }

    public static func kubeadmConfigTemplate(pool: NodePoolValues) -> String {
        var lines = [
            "joinConfiguration:",
            "  nodeRegistration:",
            "    criSocket: /var/run/containerd/containerd.sock",
            "    kubeletExtraArgs:",
        ]
        // The chart's line, left out with the flag (kamaji-capi's `nodeIPFromMetadata: false`).
        if pool.nodeIPFromMetadata != false { lines.append("      node-ip: \"{{ ds.meta_data.local_ipv4 }}\"") }
        lines.append("      cloud-provider: external")
        if let labels = pool.labels { lines.append("      node-labels: \(q(labels))") }
        if let taints = pool.taints { lines.append("      register-with-taints: \(q(taints))") }
        lines.append("    name: \"{{ local_hostname }}\"")
        func block(_ key: String, _ items: [YAMLValue]) {
            guard !items.isEmpty else { return }
            lines.append("\(key):")
            for item in items {
                lines.append("  -")
                lines.append(y(item))
            }
        }
        block("preKubeadmCommands", (pool.preKubeadmCommands ?? []).map(YAMLValue.string))
        block("postKubeadmCommands", (pool.postKubeadmCommands ?? []).map(YAMLValue.string))
        if let files = pool.additionalCloudInitFiles, !files.isEmpty {
            lines += [
                "files:",
                "- path: \"/etc/cloud/cloud.cfg.d/99-custom.cfg\"",
                "  content: \(q(files))",
                "  owner: \"root:root\"",
                "  permissions: \"0644\"",
            ]
        }
        block("users", (pool.users ?? []).map(\.tree))
        // kamaji-capi's own pool keys, which the chart does not have: appended only when set, so a
        // pool without them keeps the chart's name and one with them rolls when they change.
        var extras: YAMLMapping = [:]
        if let files = pool.files, !files.isEmpty { extras["files"] = .sequence(files.map(\.tree)) }
        if let args = pool.kubeletExtraArgs, !args.isEmpty { extras["kubeletExtraArgs"] = .mapping(YAMLMapping(stringMap: args)) }
        if !extras.isEmpty { lines.append("# kamaji-capi: " + TemplateHashText.canonicalJSON(.mapping(extras))) }
        return lines.joined(separator: "\n")
    }
}

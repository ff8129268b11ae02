import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The exact texts chart 0.2.9 lays out before hashing them into template names
/// (`../shared/conformance/README.md`, "How the chart names its machine templates").
///
/// This is the one place in the project where YAML is written as text: the chart hashes its template
/// text, not the object, so matching its names byte for byte means reproducing that text byte for
/// byte, quirks included (`dhcp4: ` when unset, `toYaml` folding of long commands). Everything that
/// is rendered goes through the typed builders and the emitter instead.
public enum ChartHashText {
    /// `Q(s)`: Helm's `quote`; an absent value prints nothing, as Helm's `quote` skips nil.
    package static func q(_ s: String?) -> String { s.map { HelmTemplateFunctions.quote($0) } ?? "" }

    /// `N(n)` and `B(b)`: Go's template printing. A missing value prints `<no value>`: Helm strips
    /// that from the final output but not from the `include`d text the chart hashes.
    package static func n(_ n: Int?) -> String { n.map(String.init) ?? "<no value>" }
    package static func b(_ b: Bool?) -> String { b.map { $0 ? "true" : "false" } ?? "<no value>" }

    /// The chart writes `metric | default 100`, and Sprig's `default` treats 0 as unset.
    package static func routeMetric(_ metric: Int?) -> Int { metric.flatMap { $0 == 0 ? nil : $0 } ?? 100 }

    /// `Y(x)`: `toYaml`, every line indented by four spaces.
    package static func y(_ value: YAMLValue) -> String {
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

    /// The text being laid out, one line at a time, as UTF-8: interpolating every line into a
    /// String of its own and joining them cost three times as much, and so did String's `append`.
    package struct Lines {
        private var bytes: [UInt8] = []

        package init() { bytes.reserveCapacity(1024) }

        /// One line (or several, for a `Y(x)` block): `head` and `value` and a line feed before them.
        package mutating func add(_ head: String, _ value: String = "") {
            if !bytes.isEmpty { bytes.append(0x0A) }
            bytes.append(contentsOf: head.utf8)
            bytes.append(contentsOf: value.utf8)
        }

        package var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    public static func vSphereMachineTemplate(pool: NodePoolValues, vSphere: VSphereValues, clusterName: String)
        -> String
    {
        var lines = Lines()
        lines.add("cloneMode: linkedClone")
        lines.add("datacenter: ", q(vSphere.dataCenter))
        lines.add("datastore: ", q(pool.dataStore))
        lines.add("folder: ", q(pool.folder))
        lines.add("diskGiB: ", n(pool.diskGiB))
        lines.add("memoryMiB: ", n(pool.memoryMiB))
        lines.add("numCPUs: ", n(pool.numCPUs))
        lines.add("os: Linux")
        lines.add("network:")
        lines.add("  devices:")
        lines.add("  - dhcp4: ", b(pool.dhcp4))
        lines.add("    nameservers:")
        for server in pool.nameServers ?? [] { lines.add("    - ", q(server)) }
        lines.add("    addressesFromPools:")
        if pool.addressesFromPools?.enabled == true {
            lines.add("    - apiGroup: ipam.cluster.x-k8s.io")
            lines.add("      kind: InClusterIPPool")
            lines.add("      name: ", q(clusterName))
        }
        lines.add("    networkName: ", q(pool.network))
        if let routes = pool.staticRoutes, !routes.isEmpty {
            lines.add("    routes:")
            for route in routes {
                lines.add("    - to: ", q(route.to))
                lines.add("      via: ", q(route.via))
                lines.add("      metric: ", String(routeMetric(route.metric)))
            }
        }
        // The chart's fixed line; a mode the values choose takes its place (unset, the same text).
        lines.add("powerOffMode: ", (pool.powerOffMode ?? .trySoft).rawValue)
        lines.add("resourcePool: ", q(pool.resourcePool))
        lines.add("server: ", q(vSphere.server))
        lines.add("storagePolicyName: ", q(pool.storagePolicyName))
        lines.add("template: ", q(pool.template))
        lines.add("thumbprint: ", q(vSphere.tlsThumbprint))
        return lines.text
    }

    public static func kubeadmConfigTemplate(pool: NodePoolValues) -> String {
        var lines = Lines()
        lines.add("joinConfiguration:")
        lines.add("  nodeRegistration:")
        lines.add("    criSocket: /var/run/containerd/containerd.sock")
        lines.add("    kubeletExtraArgs:")
        // The chart's line, left out with the flag (kamaji-capi's `nodeIPFromMetadata: false`).
        if pool.nodeIPFromMetadata != false { lines.add("      node-ip: \"{{ ds.meta_data.local_ipv4 }}\"") }
        lines.add("      cloud-provider: external")
        if let labels = pool.labels { lines.add("      node-labels: ", q(labels)) }
        if let taints = pool.taints { lines.add("      register-with-taints: ", q(taints)) }
        lines.add("    name: \"{{ local_hostname }}\"")
        func block(_ key: String, _ items: [YAMLValue]) {
            guard !items.isEmpty else { return }
            lines.add(key, ":")
            for item in items {
                lines.add("  -")
                lines.add(y(item))
            }
        }
        block("preKubeadmCommands", (pool.preKubeadmCommands ?? []).map(YAMLValue.string))
        block("postKubeadmCommands", (pool.postKubeadmCommands ?? []).map(YAMLValue.string))
        if let files = pool.additionalCloudInitFiles, !files.isEmpty {
            lines.add("files:")
            lines.add("- path: \"/etc/cloud/cloud.cfg.d/99-custom.cfg\"")
            lines.add("  content: ", q(files))
            lines.add("  owner: \"root:root\"")
            lines.add("  permissions: \"0644\"")
        }
        block("users", (pool.users ?? []).map(\.tree))
        // kamaji-capi's own pool keys, which the chart does not have: appended only when set, so a
        // pool without them keeps the chart's name and one with them rolls when they change.
        var extras: YAMLMapping = [:]
        if let files = pool.files, !files.isEmpty { extras["files"] = .sequence(files.map(\.tree)) }
        if let args = pool.kubeletExtraArgs, !args.isEmpty { extras["kubeletExtraArgs"] = .mapping(YAMLMapping(stringMap: args)) }
        if !extras.isEmpty { lines.add("# kamaji-capi: ", TemplateHashText.canonicalJSON(.mapping(extras))) }
        return lines.text
    }
}

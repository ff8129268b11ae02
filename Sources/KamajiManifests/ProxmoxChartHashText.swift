import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The texts chart capi-kamaji-proxmox 0.0.4 lays out before hashing them into template names
/// (`../shared/conformance/proxmox-0.0.4/README.md`): the same `Lines`, `Q` and `Y` as the vSphere
/// chart's, plus `S`, the chart's unquoted `{{ x }}`.
extension ChartHashText {
    /// `S(x)`: the value as Go's template prints it: a string as it is, a number as Helm holds it
    /// (a float64: `8192`, `1e+06`), `true`/`false`, and `<no value>` for an absent or null key,
    /// which Helm strips from the rendered file but not from the `include`d text the chart hashes.
    package static func s(_ written: YAMLValue?) -> String {
        switch written {
        case nil, .null?: "<no value>"
        case .int(let i)?: GoFloatFormat.g(Double(i))
        case .float(let d)?: GoFloatFormat.g(d)
        case let value?: HelmTemplateFunctions.goFormat(value)
        }
    }

    public static func proxmoxMachineTemplate(pool: ProxmoxNodePoolValues, clusterName: String) -> String {
        var lines = Lines()
        lines.add("allowedNodes:")
        for node in pool.allowedNodes ?? [] { lines.add("- ", s(node.written)) }
        lines.add("disks:")
        lines.add("  bootVolume:")
        lines.add("    disk: ", s(pool.disks?.bootVolume?.disk?.written))
        lines.add("    sizeGb: ", s(pool.disks?.bootVolume?.sizeGb?.written))
        lines.add("storage: ", s(pool.storage?.written))
        lines.add("format: ", s(pool.format?.written))
        lines.add("full: true")
        lines.add("network:")
        lines.add("  default:")
        if pool.addressesFromPools {
            lines.add("    ipv4PoolRef:")
            lines.add("      apiGroup: ipam.cluster.x-k8s.io")
            lines.add("      kind: InClusterIPPool")
            lines.add("      name: ", ProxmoxChartValues.ipPoolName(clusterName))
        }
        lines.add("    dnsServers:")
        for server in pool.network?.dnsServers ?? [] { lines.add("    - ", s(server.written)) }
        lines.add("    bridge: ", s(pool.network?.bridge?.written))
        lines.add("    model: ", s(pool.network?.model?.written))
        lines.add("memoryMiB: ", s(pool.memoryMiB?.written))
        lines.add("numCores: ", s(pool.numCores?.written))
        lines.add("numSockets: ", s(pool.numSockets?.written))
        lines.add("sourceNode: ", s(pool.sourceNode?.written))
        lines.add("pool: ", s(pool.pool?.written))
        if let templateId = pool.usedTemplateId {
            lines.add("templateID: ", s(templateId.written))
        } else {
            lines.add("templateSelector:")
            lines.add("  matchTags:")
            for tag in pool.templateSelector?.matchTags ?? [] { lines.add("  - ", s(tag.written)) }
        }
        return lines.text
    }

    public static func proxmoxKubeadmConfigTemplate(pool: ProxmoxNodePoolValues) -> String {
        var lines = Lines()
        lines.add("joinConfiguration:")
        lines.add("  nodeRegistration:")
        lines.add("    name: '{{ local_hostname }}'")
        lines.add("    criSocket: /var/run/containerd/containerd.sock")
        lines.add("    kubeletExtraArgs:")
        lines.add("      provider-id: proxmox://'{{ ds.meta_data.instance_id }}'")
        if pool.hasLabels { lines.add("      node-labels: ", s(pool.labels?.written)) }
        if pool.hasTaints { lines.add("      register-with-taints: ", s(pool.taints?.written)) }
        if let files = pool.additionalCloudInitFiles, !files.isEmpty {
            lines.add("files:")
            lines.add("- path: \"/etc/cloud/cloud.cfg.d/99-custom.cfg\"")
            lines.add("  content: ", q(files))
            lines.add("  owner: \"root:root\"")
            lines.add("  permissions: \"0644\"")
        }
        if let users = pool.users, !users.isEmpty {
            lines.add("users:")
            for user in users {
                lines.add("  -")
                lines.add(y(user.tree))
            }
        }
        return lines.text
    }
}

extension TemplateName {
    /// Chart capi-kamaji-proxmox's `<cluster>-<pool>-proxmox-machine-template-<h>`.
    public static func proxmoxMachineTemplate(cluster: String, pool: String, hashedText: String) -> String {
        "\(cluster)-\(pool)-proxmox-machine-template-\(hashSuffix(hashedText))"
    }
}

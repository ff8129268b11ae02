import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// Rules for chart capi-kamaji-proxmox's values (KC810-KC819), from CAPMOX v0.9.0's schemas and
/// controllers. The error-level ones refuse what chart 0.0.4 renders into objects the API server
/// rejects, or into machines that never get an address or a VM (deliberate deviations P7 to P9,
/// docs/deviations.md). They find nothing for the vSphere chart's clusters.
extension CheckRules {
    /// Each Proxmox pool with its values path.
    package static func proxmoxPools(_ model: ClusterModel) -> [(path: PoolPath, pool: ProxmoxNodePoolValues)] {
        model.pools.enumerated().compactMap { index, pool in pool.proxmox.map { (PoolPath(index: index), $0) } }
    }

    /// Proxmox VE's VM ids run from 100 to 999999999 (CAPMOX's `vmIDRange` bounds).
    package static let proxmoxVMIDs = 100...999_999_999
    /// CAPMOX's minimum boot volume size, in GB.
    package static let proxmoxMinimumDiskGb = 5

    package static let proxmox: [CheckRule] = [
        CheckRule(
            "KC810", .error, "A Proxmox pool draws addresses from an IP pool that is not rendered",
            fix: "set the pool's network.addressesFromPools.enabled to false (CAPMOX then takes addresses from cluster.ipv4Config), or enable ipamProvider"
        ) { model in
            guard let values = model.proxmox, !values.ipamProvider.enabled else { return [] }
            return proxmoxPools(model).filter { $0.pool.addressesFromPools }.map { path, _ in
                .init(
                    path / "network" / "addressesFromPools" / "enabled",
                    "refers to the InClusterIPPool \(ProxmoxChartValues.ipPoolName(model.clusterName)), which ipamProvider.enabled: false does not render")
            }
        },
        CheckRule(
            "KC811", .error, "The ProxmoxCluster has no name servers", fix: "list at least one in cluster.dnsServers"
        ) { model in
            guard let values = model.proxmox, (values.cluster.dnsServers ?? []).isEmpty else { return [] }
            return [.init("cluster.dnsServers", "is empty; the ProxmoxCluster requires at least one name server")]
        },
        CheckRule(
            "KC812", .error, "The ProxmoxCluster's `ipv4Config` lacks addresses, a gateway or a prefix",
            fix: "give cluster.ipv4Config the addresses (ranges or CIDRs), gateway and prefix of the VMs' network"
        ) { model in
            guard let values = model.proxmox else { return [] }
            let config = values.cluster.ipv4Config
            var findings: [CheckRule.Finding] = []
            if (config?.addresses ?? []).isEmpty { findings.append(.init("cluster.ipv4Config.addresses", "is empty; CAPMOX requires at least one")) }
            if (config?.gateway?.text ?? "").isEmpty { findings.append(.init("cluster.ipv4Config.gateway", "is required")) }
            if let prefix = config?.prefix?.value, !(1...32).contains(prefix) {
                findings.append(.init("cluster.ipv4Config.prefix", "\(prefix) is not an IPv4 prefix length"))
            } else if config?.prefix == nil {
                findings.append(.init("cluster.ipv4Config.prefix", "is required"))
            }
            return findings
        },
        CheckRule(
            "KC813", .error, "A Proxmox pool's disk, cores or sockets are below CAPMOX's minimum",
            fix: "give the boot volume at least 5 GB (and more than the VM template's disk), and at least 1 core and 1 socket"
        ) { model in
            proxmoxPools(model).flatMap { path, pool -> [CheckRule.Finding] in
                var findings: [CheckRule.Finding] = []
                if let size = pool.disks?.bootVolume?.sizeGb?.value, size < proxmoxMinimumDiskGb {
                    findings.append(.init(path / "disks" / "bootVolume" / "sizeGb", "\(size) GB is below CAPMOX's minimum of 5 GB"))
                }
                for (key, count) in [("numCores", pool.numCores), ("numSockets", pool.numSockets)] {
                    if let count = count?.value, count < 1 { findings.append(.init(path / key, "\(count) is below 1")) }
                }
                return findings
            }
        },
        CheckRule(
            "KC814", .error, "A Proxmox pool has neither a template id nor template tags to clone from",
            fix: "set templateId to the VM template's id, or templateSelector.matchTags to tags of exactly the template to clone"
        ) { model in
            proxmoxPools(model).compactMap { path, pool in
                guard pool.usedTemplateId == nil else { return nil }
                let tags = pool.templateSelector?.matchTags ?? []
                if tags.isEmpty {
                    let templateId = pool.templateId.map { $0.written == .string("") ? "empty" : "0" } ?? "not set"
                    return .init(
                        path / "templateSelector" / "matchTags", "is empty and templateId is \(templateId): no VM template to clone")
                }
                return tags.contains(where: { $0.text.isEmpty })
                    ? .init(path / "templateSelector" / "matchTags", "holds an empty tag, which no VM template carries") : nil
            }
        },
        CheckRule(
            "KC815", .error, "A Proxmox pool lacks its source node, boot disk or network bridge",
            fix: "set sourceNode (the node holding the VM template), disks.bootVolume.disk and .sizeGb, and network.bridge"
        ) { model in
            proxmoxPools(model).flatMap { path, pool -> [CheckRule.Finding] in
                let fields: [(ValuePath, String?)] = [
                    ("sourceNode", pool.sourceNode?.text), ("disks.bootVolume.disk", pool.disks?.bootVolume?.disk?.text),
                    ("disks.bootVolume.sizeGb", pool.disks?.bootVolume?.sizeGb.map(\.description)),
                    ("network.bridge", pool.network?.bridge?.text),
                ]
                return fields.filter { !isSet($0.1) }.map { .init(path.valuePath.appending($0.0), "is required") }
            }
        },
        CheckRule(
            "KC816", .error, "A Proxmox template id is outside Proxmox VE's VM id range",
            fix: "use the id of the VM template, 100 to 999999999"
        ) { model in
            proxmoxPools(model).compactMap { path, pool in
                guard let id = pool.usedTemplateId?.value, !proxmoxVMIDs.contains(id) else { return nil }
                return .init(path / "templateId", "\(id) is not a Proxmox VE VM id (100 to 999999999)")
            }
        },
        CheckRule(
            "KC817", .error, "`cluster.credentialsRef` and `proxmox.secret` name different Secrets",
            fix: "set one of them (kamaji-capi uses cluster.credentialsRef when given, chart 0.0.4 only proxmox.secret)"
        ) { model in
            let secretPath: ValuePath = "proxmox.secret"
            guard let values = model.proxmox, let reference = model.proxmoxCredentialsRefSetByValues,
                model.userSetPaths.value.contains(where: { $0.isWithin(secretPath) })
            else { return [] }
            let secret = values.proxmox.secret
            func namespace(_ text: String?) -> String { (text ?? "").isEmpty ? model.namespace : text! }
            guard reference.name != secret.name || namespace(reference.namespace) != namespace(secret.namespace) else { return [] }
            return [
                .init(
                    "cluster.credentialsRef",
                    "names Secret \(reference.name ?? "") in namespace \(namespace(reference.namespace)), but proxmox.secret "
                        + "names \(secret.name ?? "") in namespace \(namespace(secret.namespace))")
            ]
        },
        CheckRule(
            "KC818", .error, "A Proxmox disk format or network model is not one CAPMOX accepts",
            fix: "use format raw, qcow2 or vmdk, and model virtio, e1000, rtl8139 or vmxnet3"
        ) { model in
            proxmoxPools(model).flatMap { path, pool -> [CheckRule.Finding] in
                let fields: [(ValuePath, String?, [String])] = [
                    ("format", pool.format?.text, ["raw", "qcow2", "vmdk"]),
                    ("network.model", pool.network?.model?.text, ["e1000", "virtio", "rtl8139", "vmxnet3"]),
                ]
                return fields.compactMap { key, value, accepted in
                    guard let value, !value.isEmpty, !accepted.contains(value) else { return nil }
                    return .init(path.valuePath.appending(key), "\"\(value)\" is not one of \(accepted.joined(separator: ", "))")
                }
            }
        },
        CheckRule(
            "KC819", .error, "A Proxmox pool's memoryMiB is not a multiple of 8",
            fix: "round memoryMiB to a multiple of 8 (CAPMOX's schema requires it; 8192 is 8 GiB)"
        ) { model in
            proxmoxPools(model).compactMap { path, pool in
                guard let memory = pool.memoryMiB?.value, !memory.isMultiple(of: 8) else { return nil }
                return .init(path / "memoryMiB", "\(memory) is not a multiple of 8")
            }
        },
    ]
}

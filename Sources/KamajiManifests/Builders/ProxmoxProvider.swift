import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Proxmox VE through CAPMOX (ionos-cloud/cluster-api-provider-proxmox), as chart
/// capi-kamaji-proxmox 0.0.4 renders it: a `ProxmoxCluster` with the credentials Secret and the
/// cluster's address pool, the `InClusterIPPool` `<cluster>-ipam-ip-pool`, and per pool a
/// `ProxmoxMachineTemplate` cloned from a VM template. Nodes register with the provider ID CAPMOX
/// matches (docs/providers/proxmox.md). Every string the chart prints unquoted is written as a
/// string here (deliberate deviation P5), every number in full (P6).
public struct ProxmoxProvider: InfrastructureProvider {
    public init() {}

    package static func version(_ model: ClusterModel) -> ProxmoxAPIVersionValues.Proxmox {
        model.proxmox?.apiVersions.proxmox ?? .v1alpha1
    }

    public func clusterObject(_ model: ClusterModel) -> ManifestObject {
        ProxmoxClusterBuilder.build(model, version: Self.version(model))
    }

    public func supportingObjects(_ model: ClusterModel) -> [ManifestObject] {
        model.values.ipamProvider.enabled ? [InClusterIPPoolBuilder.build(model, name: ProxmoxChartValues.ipPoolName(model.clusterName))] : []
    }

    public func machineTemplate(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        ProxmoxMachineTemplateBuilder.build(model, pool: pool, version: Self.version(model))
    }

    /// The chart's: the node named after the VM's host name, the provider ID from the VM's
    /// cloud-init instance id, in the single quotes CAPMOX's own templates keep.
    public func nodeRegistration(_ model: ClusterModel, pool: PoolModel) -> NodeRegistration {
        NodeRegistration(
            criSocket: "/var/run/containerd/containerd.sock",
            kubeletExtraArgs: ["provider-id": "proxmox://'{{ ds.meta_data.instance_id }}'"],
            name: "{{ local_hostname }}")
    }

    /// The chart's hash name in Cluster API v1beta1 (so clusters moved from Helm keep their
    /// machines); in v1beta2, which the chart never rendered, named from the spec.
    public func kubeadmConfigTemplateName(_ model: ClusterModel, pool: PoolModel, spec: YAMLValue) -> String {
        pool.kubeadmConfigTemplateName
            ?? TemplateName.providerTemplate(cluster: model.clusterName, pool: pool.values.name, kind: "kubeadmconfig", spec: spec)
    }
}

/// CAPMOX's `ProxmoxCluster`: the control plane is Kamaji's (`externalManagedControlPlane`), the
/// credentials Secret, the address pool and name servers of the VMs, and the nodes they may run on.
package enum ProxmoxClusterBuilder {
    package static func build(_ model: ClusterModel, version: ProxmoxAPIVersionValues.Proxmox) -> ManifestObject {
        let values = model.proxmox
        var spec: YAMLMapping = [:]
        spec["credentialsRef"] = credentialsRef(model)
        spec["externalManagedControlPlane"] = true
        if let ipv4 = values?.cluster.ipv4Config {
            var config: YAMLMapping = [:]
            config["addresses"] = .sequence((ipv4.addresses ?? []).map(\.yaml))
            config["gateway"] = ipv4.gateway?.nonEmptyYAML
            config["prefix"] = ipv4.prefix.map { .int($0.value) }
            spec["ipv4Config"] = .mapping(config)
        }
        spec["dnsServers"] = .sequence((values?.cluster.dnsServers ?? []).map(\.yaml))
        if let nodes = values?.cluster.allowedNodes, !nodes.isEmpty { spec["allowedNodes"] = .sequence(nodes.map(\.yaml)) }
        return ManifestObject(
            apiVersion: version.apiVersion, kind: "ProxmoxCluster", name: model.clusterName, namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value], fields: ["spec": .mapping(spec)])
    }

    /// `cluster.credentialsRef` when the values set it (the chart reads it nowhere, deviation P2),
    /// else `proxmox.secret`; an empty namespace is the cluster's, as the chart's `default` makes it.
    package static func credentialsRef(_ model: ClusterModel) -> YAMLValue {
        let reference = model.proxmoxCredentialsRefSetByValues ?? model.proxmox?.proxmox.secret
        let namespace = reference?.namespace ?? ""
        var tree: YAMLMapping = [:]
        tree["name"] = reference?.name.map(YAMLValue.string)
        tree["namespace"] = .string(namespace.isEmpty ? model.namespace : namespace)
        return .mapping(tree)
    }
}

/// CAPMOX's `ProxmoxMachineTemplate` for one pool: a full clone of a VM template (by id, or by tags
/// with `templateSelector`), its boot disk, sockets, cores and memory, and its default network
/// device, addressed from the cluster's InClusterIPPool when `addressesFromPools` is on.
package enum ProxmoxMachineTemplateBuilder {
    package static func build(_ model: ClusterModel, pool: PoolModel, version: ProxmoxAPIVersionValues.Proxmox) -> ManifestObject {
        let spec = self.spec(model, pool: pool.proxmox, version: version)
        guard let name = pool.machineTemplateName else {
            return .hashNamedPoolTemplate(
                apiVersion: version.apiVersion, kind: "ProxmoxMachineTemplate", nameKind: "proxmox-machine-template",
                model: model, pool: pool, spec: spec)
        }
        return ManifestObject(
            apiVersion: version.apiVersion, kind: "ProxmoxMachineTemplate", name: name, namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": ["template": ["spec": .mapping(spec)]]])
    }

    package static func spec(_ model: ClusterModel, pool: ProxmoxNodePoolValues?, version: ProxmoxAPIVersionValues.Proxmox)
        -> YAMLMapping
    {
        var spec: YAMLMapping = [:]
        if let nodes = pool?.allowedNodes, !nodes.isEmpty { spec["allowedNodes"] = .sequence(nodes.map(\.yaml)) }
        if let bootVolume = pool?.disks?.bootVolume {
            var volume: YAMLMapping = [:]
            volume["disk"] = bootVolume.disk?.nonEmptyYAML
            volume["sizeGb"] = bootVolume.sizeGb.map { .int($0.value) }
            spec["disks"] = ["bootVolume": .mapping(volume)]
        }
        spec["storage"] = pool?.storage?.nonEmptyYAML
        spec["format"] = pool?.format?.nonEmptyYAML
        spec["full"] = true
        spec["network"] = network(model, pool: pool, version: version)
        spec["memoryMiB"] = pool?.memoryMiB.map { .int($0.value) }
        spec["numCores"] = pool?.numCores.map { .int($0.value) }
        spec["numSockets"] = pool?.numSockets.map { .int($0.value) }
        spec["sourceNode"] = pool?.sourceNode?.nonEmptyYAML
        spec["pool"] = pool?.pool?.nonEmptyYAML
        if let templateId = pool?.usedTemplateId {
            spec["templateID"] = .int(templateId.value)
        } else {
            spec["templateSelector"] = ["matchTags": .sequence((pool?.templateSelector?.matchTags ?? []).map(\.yaml))]
        }
        return spec
    }

    /// v1alpha1's `network.default`; v1alpha2 lists the devices, the default one named `net0`, with
    /// the pool reference in `ipPoolRef`, or `defaultIPv4` (the cluster's address pool) without one.
    package static func network(_ model: ClusterModel, pool: ProxmoxNodePoolValues?, version: ProxmoxAPIVersionValues.Proxmox)
        -> YAMLValue
    {
        var device: YAMLMapping = [:]
        if version == .v1alpha2 { device["name"] = "net0" }
        let poolReference: YAMLValue = [
            "apiGroup": "ipam.cluster.x-k8s.io", "kind": "InClusterIPPool",
            "name": .string(ProxmoxChartValues.ipPoolName(model.clusterName)),
        ]
        let addressesFromPools = pool?.addressesFromPools == true
        switch version {
        case .v1alpha1: if addressesFromPools { device["ipv4PoolRef"] = poolReference }
        case .v1alpha2:
            if addressesFromPools { device["ipPoolRef"] = [poolReference] } else { device["defaultIPv4"] = true }
        }
        if let servers = pool?.network?.dnsServers, !servers.isEmpty { device["dnsServers"] = .sequence(servers.map(\.yaml)) }
        device["bridge"] = pool?.network?.bridge?.nonEmptyYAML
        device["model"] = pool?.network?.model?.nonEmptyYAML
        switch version {
        case .v1alpha1: return ["default": .mapping(device)]
        case .v1alpha2: return ["networkDevices": [.mapping(device)]]
        }
    }
}

extension TemplateText {
    /// The text as a string, whatever type it was written as.
    package var yaml: YAMLValue { .string(text) }

    /// The text, or nothing when empty: the chart prints `key: ` for an empty string, which is null.
    package var nonEmptyYAML: YAMLValue? { text.isEmpty ? nil : .string(text) }
}

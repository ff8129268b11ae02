import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The IPAM provider's `InClusterIPPool` the worker VMs draw their static addresses from.
package enum InClusterIPPoolBuilder {
    /// Named after the cluster, as the vSphere chart names it; chart capi-kamaji-proxmox gives its own name.
    package static func build(_ model: ClusterModel, name: String? = nil) -> ManifestObject {
        let ipam = model.values.ipamProvider
        var spec: YAMLMapping = [:]
        if let ranges = ipam.ranges { spec["addresses"] = .sequence(ranges.map(YAMLValue.string)) }
        // The chart prints the prefix unquoted, so "24" becomes the number 24.
        if let prefix = ipam.prefix { spec["prefix"] = prefix.number.map(YAMLValue.int) ?? .string(prefix.text) }
        if let gateway = ipam.gateway { spec["gateway"] = .string(gateway) }
        return ManifestObject(
            apiVersion: "ipam.cluster.x-k8s.io/v1alpha2", kind: "InClusterIPPool", name: name ?? model.clusterName,
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": .mapping(spec)])
    }
}

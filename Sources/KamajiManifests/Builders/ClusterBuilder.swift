import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The Cluster API `Cluster`: networks, and references to the control plane and the infrastructure.
package enum ClusterBuilder {
    package static func build(_ model: ClusterModel, controlPlane: ManifestObject, infrastructure: ManifestObject)
        -> ManifestObject
    {
        let network = model.values.cluster.clusterNetwork
        let version = model.apiVersions.clusterAPI
        var clusterNetwork: YAMLMapping = [:]
        // Chart 0.2.9 always writes 6443 here; the configured port is honoured (deliberate deviation 1).
        // The other providers leave it out when the values delete it (null): Cluster API and Kamaji
        // then use 6443 too.
        if let port = network.apiServerPort ?? (model.rendersAsTheChart ? 6443 : nil) {
            clusterNetwork["apiServerPort"] = .int(port)
        }
        clusterNetwork["pods"] = version.cidrBlocks(network.pods?.cidrBlocks)
        clusterNetwork["services"] = version.cidrBlocks(network.services?.cidrBlocks)
        clusterNetwork["serviceDomain"] = version.optional(network.serviceDomain)
        return ManifestObject(
            apiVersion: version.apiVersion(.core), kind: "Cluster", name: model.clusterName,
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: [
                "spec": [
                    "clusterNetwork": .mapping(clusterNetwork),
                    "controlPlaneRef": controlPlaneRef(model, controlPlane),
                    "infrastructureRef": version.reference(to: infrastructure),
                ]
            ])
    }

    /// The chart names v1beta1 for the control plane; Cluster API resolves the served version through
    /// the provider's contract label. A chosen v1alpha2 is named as is; v1beta2 names no version.
    /// Chart capi-kamaji-proxmox names the control plane's own version.
    package static func controlPlaneRef(_ model: ClusterModel, _ controlPlane: ManifestObject) -> YAMLValue {
        guard model.apiVersions.clusterAPI == .v1beta1, model.apiVersions.kamaji == .v1alpha1, model.proxmox == nil else {
            return model.apiVersions.clusterAPI.reference(to: controlPlane)
        }
        return [
            "apiVersion": "controlplane.cluster.x-k8s.io/v1beta1", "kind": .string(controlPlane.kind),
            "name": .string(controlPlane.name),
        ]
    }
}

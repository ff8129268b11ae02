/// The Cluster API `Cluster`: networks, and references to the control plane and the infrastructure.
enum ClusterBuilder {
    static func build(_ model: ClusterModel, controlPlane: ManifestObject, infrastructure: ManifestObject)
        -> ManifestObject
    {
        let network = model.values.cluster.clusterNetwork
        var clusterNetwork: YAMLMapping = [:]
        // Chart 0.2.9 always writes 6443 here; the configured port is honoured (deliberate deviation 1).
        // The other providers leave it out when the values delete it (null): Cluster API and Kamaji
        // then use 6443 too.
        if let port = network.apiServerPort ?? (model.rendersAsTheChart ? 6443 : nil) {
            clusterNetwork["apiServerPort"] = .int(port)
        }
        if let pods = network.pods?.cidrBlocks { clusterNetwork["pods"] = ["cidrBlocks": .sequence(pods.map(YAMLValue.string))] }
        if let services = network.services?.cidrBlocks {
            clusterNetwork["services"] = ["cidrBlocks": .sequence(services.map(YAMLValue.string))]
        }
        if let domain = network.serviceDomain { clusterNetwork["serviceDomain"] = .string(domain) }
        return ManifestObject(
            apiVersion: "cluster.x-k8s.io/v1beta1", kind: "Cluster", name: model.clusterName,
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: [
                "spec": [
                    "clusterNetwork": .mapping(clusterNetwork),
                    // The chart names v1beta1 for the control plane; Cluster API resolves the served
                    // version through the provider's contract label. A chosen v1alpha2 is named as is.
                    "controlPlaneRef": [
                        "apiVersion": .string(
                            model.values.apiVersions.kamaji == .v1alpha1
                                ? "controlplane.cluster.x-k8s.io/v1beta1" : controlPlane.apiVersion),
                        "kind": .string(controlPlane.kind), "name": .string(controlPlane.name),
                    ],
                    "infrastructureRef": infrastructure.reference,
                ]
            ])
    }
}

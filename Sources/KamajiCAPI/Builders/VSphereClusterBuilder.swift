/// CAPV's `VSphereCluster`: the vCenter and the credentials Cluster API uses to reach it.
enum VSphereClusterBuilder {
    static func build(_ model: ClusterModel) -> ManifestObject {
        let vSphere = model.values.vSphere
        var spec: YAMLMapping = [:]
        if let endpoint = vSphere.controlPlaneEndpoint {
            var tree: YAMLMapping = [:]
            tree["host"] = endpoint.host.map(YAMLValue.string)
            tree["port"] = endpoint.port.map(YAMLValue.int)
            spec["controlPlaneEndpoint"] = .mapping(tree)
        }
        spec["identityRef"] = identityRef(model)
        if let server = vSphere.server { spec["server"] = .string(server) }
        if let thumbprint = vSphere.tlsThumbprint { spec["thumbprint"] = .string(thumbprint) }
        return ManifestObject(
            apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1", kind: "VSphereCluster", name: model.clusterName,
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": .mapping(spec)])
    }

    /// Chart 0.1.0 values name a credentials Secret (`vSphere.secret`); chart 0.2.9 values name an
    /// identity of either kind (`vSphere.identityRef`).
    static func identityRef(_ model: ClusterModel) -> YAMLValue {
        let vSphere = model.values.vSphere
        if let secret = vSphere.secret {
            return ["kind": "Secret", "name": .string(CredentialSecrets.clusterAPISecretName(model, secret))]
        }
        var ref: YAMLMapping = [:]
        if let type = vSphere.identityRef?.type { ref["kind"] = .string(type) }
        if let name = vSphere.identityRef?.name { ref["name"] = .string(name) }
        return .mapping(ref)
    }
}

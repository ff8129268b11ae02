import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// CAPV's `VSphereCluster`: the vCenter and the credentials Cluster API uses to reach it.
package enum VSphereClusterBuilder {
    package static func build(_ model: ClusterModel) -> ManifestObject {
        let vSphere = model.values.vSphere
        let version = model.apiVersions.vsphere
        var spec: YAMLMapping = [:]
        if let endpoint = vSphere.controlPlaneEndpoint {
            var tree: YAMLMapping = [:]
            tree["host"] = version.optional(endpoint.host)
            tree["port"] = endpoint.port.map(YAMLValue.int)
            spec["controlPlaneEndpoint"] = .mapping(tree)
        }
        spec["identityRef"] = identityRef(model)
        spec["server"] = version.optional(vSphere.server)
        spec["thumbprint"] = version.optional(vSphere.tlsThumbprint)
        return ManifestObject(
            apiVersion: version.apiVersion, kind: "VSphereCluster", name: model.clusterName,
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": .mapping(spec)])
    }

    /// Chart 0.1.0 values name a credentials Secret (`vSphere.secret`); chart 0.2.9 values name an
    /// identity of either kind (`vSphere.identityRef`).
    package static func identityRef(_ model: ClusterModel) -> YAMLValue {
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

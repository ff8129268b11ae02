import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// CAPM3's `Metal3Cluster`. Metal³ takes the control-plane endpoint from it and from nowhere else,
/// so it is always rendered from the Kamaji service address (`ControlPlaneEndpoint`), which the
/// values must give for Metal³.
package enum Metal3ClusterBuilder {
    package static func build(_ model: ClusterModel, endpoint: ControlPlaneEndpoint?) -> ManifestObject {
        var spec: YAMLMapping = [:]
        spec["controlPlaneEndpoint"] = endpoint?.tree
        spec["noCloudProvider"] = model.values.infrastructure.metal3?.noCloudProvider.map(YAMLValue.bool)
        return ManifestObject(
            apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1", kind: "Metal3Cluster", name: model.clusterName,
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": .mapping(spec)])
    }
}

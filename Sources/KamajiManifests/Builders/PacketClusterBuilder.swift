import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// CAPP's `PacketCluster` for Equinix Metal. It is annotated `cluster.x-k8s.io/managed-by: kamaji`:
/// CAPP then leaves the cluster's infrastructure to Kamaji (no VIP manager for a control plane it
/// does not run), and the Kamaji provider waits for the control-plane address, patches it in and
/// marks the infrastructure ready.
package enum PacketClusterBuilder {
    package static let managedBy: YAMLMapping = ["cluster.x-k8s.io/managed-by": "kamaji"]

    package static func build(_ model: ClusterModel, endpoint: ControlPlaneEndpoint?) -> ManifestObject {
        let equinix = model.values.infrastructure.equinix
        var spec: YAMLMapping = [:]
        spec["controlPlaneEndpoint"] = endpoint?.tree
        spec["facility"] = nonEmpty(equinix?.facility)
        spec["metro"] = nonEmpty(equinix?.metro)
        spec["projectID"] = .string(equinix?.projectID ?? "")
        spec["vipManager"] = .string(nonEmpty(equinix?.vipManager)?.string ?? "CPEM")
        return ManifestObject(
            apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1", kind: "PacketCluster", name: model.clusterName,
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            annotations: managedBy, fields: ["spec": .mapping(spec)])
    }

    package static func nonEmpty(_ text: String?) -> YAMLValue? {
        guard let text, !text.isEmpty else { return nil }
        return .string(text)
    }
}

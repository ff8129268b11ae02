import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Cluster API's `ClusterResourceSet`: applies the manifests held in the node-driver ConfigMaps to
/// the workload cluster once it is reachable. It replaces chart 0.1.0's sveltos `Profile`, so no
/// add-on manager besides Cluster API is needed.
///
/// It selects this cluster by the `cluster.x-k8s.io/cluster-name` label the `Cluster` carries, and
/// names only ConfigMaps that are rendered (chart 0.1.0's Profile also names the StorageClass
/// ConfigMap when that is disabled, which leaves the set failing on a missing resource).
///
/// Strategy `Reconcile`: when a ConfigMap changes (a new log level, a StorageClass parameter, a new
/// driver image) Cluster API applies it again, so a re-render followed by `kubectl apply` reaches the
/// workload cluster, as it did with the Profile's continuous sync. `ApplyOnce` would apply the first
/// version forever. The field is immutable, which is one more reason to choose the lasting one.
package enum ClusterResourceSetBuilder {
    package static func build(_ model: ClusterModel, configMaps: [ManifestObject]) -> [ManifestObject] {
        guard !configMaps.isEmpty else { return [] }
        let label: YAMLMapping = [model.clusterNameLabel.key: model.clusterNameLabel.value]
        return [
            ManifestObject(
                apiVersion: model.apiVersions.clusterAPI.apiVersion(.addons), kind: "ClusterResourceSet",
                name: "\(model.clusterName)-vsphere-csi-node-driver", namespace: model.namespace, labels: label,
                fields: [
                    "spec": [
                        "clusterSelector": ["matchLabels": .mapping(label)],
                        "resources": .sequence(configMaps.map { ["kind": .string($0.kind), "name": .string($0.name)] }),
                        "strategy": "Reconcile",
                    ]
                ])
        ]
    }
}

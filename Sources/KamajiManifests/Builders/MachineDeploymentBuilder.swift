import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Cluster API's `MachineDeployment` for one node pool, pointing at the pool's hash-named templates,
/// with the pool's `machineLabels` and the annotations the cluster autoscaler reads when autoscaling is on.
package enum MachineDeploymentBuilder {
    package static func build(
        _ model: ClusterModel, pool: PoolModel, machineTemplate: ManifestObject, bootstrapTemplate: ManifestObject
    ) -> ManifestObject {
        let values = pool.values
        let version = model.apiVersions.clusterAPI
        let clusterLabel = YAMLMapping([.init(key: model.clusterNameLabel.key, value: model.clusterNameLabel.value)])
        let machineLabels = YAMLMapping(stringMap: values.machineLabels)
        let poolLabels = clusterLabel.adding(machineLabels)
        var labels = poolLabels
        var annotations: YAMLMapping = [:]
        if let autoscaling = values.autoscaling, autoscaling.enabled == true {
            // The chart quotes both sizes, so numbers and numeric strings give the same annotation.
            annotations["cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size"] =
                autoscaling.minSize.map { .string($0.text) }
            annotations["cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size"] =
                autoscaling.maxSize.map { .string($0.text) }
            labels = labels.adding(YAMLMapping(stringMap: autoscaling.labels))
        }
        // Chart capi-kamaji-proxmox selects the machines by the cluster label and gives them the
        // autoscaling labels too, and the `node-role.kubernetes.io/node` role label.
        let proxmoxChart = model.proxmox != nil
        let machineMetadataLabels = proxmoxChart ? labels.adding(["node-role.kubernetes.io/node": ""]) : poolLabels
        var spec: YAMLMapping = ["clusterName": .string(model.clusterName)]
        spec["replicas"] = values.replicas.map(YAMLValue.int)
        // The chart's empty selector lets Cluster API select by the cluster and deployment name; a
        // pool with labels of its own is selected by them, as Kamaji's guides write it.
        spec["selector"] = ["matchLabels": .mapping(machineLabels.isEmpty && !proxmoxChart ? [:] : poolLabels)]
        var machine: YAMLMapping = [
            "bootstrap": ["configRef": version.reference(to: bootstrapTemplate)],
            "clusterName": .string(model.clusterName),
            "infrastructureRef": version.reference(to: machineTemplate),
        ]
        if let timeout = values.nodeDrainTimeout {
            // v1beta2 moved the drain timeout into `deletion`, as whole seconds.
            if version == .v1beta1 {
                machine["nodeDrainTimeout"] = .string(timeout)
            } else if let seconds = GoDuration.seconds(timeout) {
                machine["deletion"] = ["nodeDrainTimeoutSeconds": .int(max(0, Int(seconds.rounded(.up))))]
            }
        }
        machine["version"] = .string(KubernetesVersion.withV(model.values.cluster.controlPlane.version))
        spec["template"] = ["metadata": ["labels": .mapping(machineMetadataLabels)], "spec": .mapping(machine)]
        return ManifestObject(
            apiVersion: version.apiVersion(.core), kind: "MachineDeployment", name: pool.machineDeploymentName,
            namespace: model.namespace, labels: labels, annotations: annotations, fields: ["spec": .mapping(spec)])
    }
}

/// Cluster API's `MachineDeployment` for one node pool, pointing at the pool's hash-named templates,
/// with the annotations the cluster autoscaler reads when autoscaling is on.
enum MachineDeploymentBuilder {
    static func build(
        _ model: ClusterModel, pool: PoolModel, machineTemplate: ManifestObject, bootstrapTemplate: ManifestObject
    ) -> ManifestObject {
        let values = pool.values
        let version = model.apiVersions.clusterAPI
        let clusterLabel = YAMLMapping([.init(key: model.clusterNameLabel.key, value: model.clusterNameLabel.value)])
        var labels = clusterLabel
        var annotations: YAMLMapping = [:]
        if let autoscaling = values.autoscaling, autoscaling.enabled == true {
            // The chart quotes both sizes, so numbers and numeric strings give the same annotation.
            annotations["cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size"] =
                autoscaling.minSize.map { .string($0.text) }
            annotations["cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size"] =
                autoscaling.maxSize.map { .string($0.text) }
            labels = labels.adding(YAMLMapping(stringMap: autoscaling.labels))
        }
        var spec: YAMLMapping = ["clusterName": .string(model.clusterName)]
        spec["replicas"] = values.replicas.map(YAMLValue.int)
        spec["selector"] = ["matchLabels": .mapping([:])]
        spec["template"] = [
            "metadata": ["labels": .mapping(clusterLabel)],
            "spec": [
                "bootstrap": ["configRef": version.reference(to: bootstrapTemplate)],
                "clusterName": .string(model.clusterName),
                "infrastructureRef": version.reference(to: machineTemplate),
                "version": .string(model.values.cluster.controlPlane.version),
            ],
        ]
        return ManifestObject(
            apiVersion: version.apiVersion(.core), kind: "MachineDeployment", name: pool.machineDeploymentName,
            namespace: model.namespace, labels: labels, annotations: annotations, fields: ["spec": .mapping(spec)])
    }
}

/// CAPV's `VSphereMachineTemplate` for one node pool: the VM every machine of the pool clones.
/// Its fields mirror `ChartHashText.vSphereMachineTemplate`, the text its name is hashed from.
enum VSphereMachineTemplateBuilder {
    static func build(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        let values = pool.values
        let vSphere = model.values.vSphere
        var spec: YAMLMapping = ["cloneMode": "linkedClone"]
        spec["datacenter"] = vSphere.dataCenter.map(YAMLValue.string)
        spec["datastore"] = values.dataStore.map(YAMLValue.string)
        spec["folder"] = values.folder.map(YAMLValue.string)
        spec["diskGiB"] = values.diskGiB.map(YAMLValue.int)
        spec["memoryMiB"] = values.memoryMiB.map(YAMLValue.int)
        spec["numCPUs"] = values.numCPUs.map(YAMLValue.int)
        spec["os"] = "Linux"
        spec["network"] = ["devices": [networkDevice(model, values)]]
        spec["powerOffMode"] = "trySoft"
        spec["resourcePool"] = values.resourcePool.map(YAMLValue.string)
        spec["server"] = vSphere.server.map(YAMLValue.string)
        spec["storagePolicyName"] = values.storagePolicyName.map(YAMLValue.string)
        spec["template"] = values.template.map(YAMLValue.string)
        spec["thumbprint"] = vSphere.tlsThumbprint.map(YAMLValue.string)
        return ManifestObject(
            apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1", kind: "VSphereMachineTemplate",
            name: pool.machineTemplateName ?? "", namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": ["template": ["spec": .mapping(spec)]]])
    }

    static func networkDevice(_ model: ClusterModel, _ values: NodePoolValues) -> YAMLValue {
        var device: YAMLMapping = [:]
        device["dhcp4"] = values.dhcp4.map(YAMLValue.bool)
        device["nameservers"] = YAMLValue(nonEmptyStrings: values.nameServers)
        if values.addressesFromPools?.enabled == true {
            device["addressesFromPools"] = [
                ["apiGroup": "ipam.cluster.x-k8s.io", "kind": "InClusterIPPool", "name": .string(model.clusterName)]
            ]
        }
        device["networkName"] = values.network.map(YAMLValue.string)
        if let routes = values.staticRoutes, !routes.isEmpty {
            device["routes"] = .sequence(routes.map { route in
                var tree: YAMLMapping = [:]
                tree["to"] = route.to.map(YAMLValue.string)
                tree["via"] = route.via.map(YAMLValue.string)
                tree["metric"] = .int(ChartHashText.routeMetric(route.metric))
                return .mapping(tree)
            })
        }
        return .mapping(device)
    }
}

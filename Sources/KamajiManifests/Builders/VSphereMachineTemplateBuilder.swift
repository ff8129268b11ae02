import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// CAPV's `VSphereMachineTemplate` for one node pool: the VM every machine of the pool clones.
/// In v1beta1 its fields mirror `ChartHashText.vSphereMachineTemplate`, the text its name is hashed
/// from; v1beta2, which the chart never rendered, is named from its spec (`TemplateHashText`).
package enum VSphereMachineTemplateBuilder {
    package static func build(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        let values = pool.values
        let vSphere = model.values.vSphere
        let version = model.apiVersions.vsphere
        var spec: YAMLMapping = ["cloneMode": "linkedClone"]
        spec["datacenter"] = version.optional(vSphere.dataCenter)
        spec["datastore"] = version.optional(values.dataStore)
        spec["folder"] = version.optional(values.folder)
        spec["diskGiB"] = values.diskGiB.map(YAMLValue.int)
        spec["memoryMiB"] = values.memoryMiB.map(YAMLValue.int)
        spec["numCPUs"] = values.numCPUs.map(YAMLValue.int)
        spec["os"] = "Linux"
        spec["network"] = ["devices": [networkDevice(model, values)]]
        spec["powerOffMode"] = .string((values.powerOffMode ?? .trySoft).rawValue)
        spec["resourcePool"] = version.optional(values.resourcePool)
        spec["server"] = version.optional(vSphere.server)
        spec["storagePolicyName"] = version.optional(values.storagePolicyName)
        spec["template"] = values.template.map(YAMLValue.string)
        spec["thumbprint"] = version.optional(vSphere.tlsThumbprint)
        guard version == .v1beta1 else {
            return .hashNamedPoolTemplate(
                apiVersion: version.apiVersion, kind: "VSphereMachineTemplate", nameKind: "vsphere-machine-template",
                model: model, pool: pool, spec: spec)
        }
        return ManifestObject(
            apiVersion: version.apiVersion, kind: "VSphereMachineTemplate",
            name: pool.machineTemplateName ?? "", namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": ["template": ["spec": .mapping(spec)]]])
    }

    package static func networkDevice(_ model: ClusterModel, _ values: NodePoolValues) -> YAMLValue {
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

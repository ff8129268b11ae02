import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// CAPM3's `Metal3DataTemplate` for one node pool: the metadata and network data rendered for each
/// host. Its `metaData` and `networkData` cannot change once created, so it is named like the other
/// templates, from its spec (`TemplateHashText`); the pool's machine template names it, so a change
/// here also renames the machine template and rolls the pool.
package enum Metal3DataTemplateBuilder {
    package static func build(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        let spec = self.spec(model, pool: pool)
        return ManifestObject(
            apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1", kind: "Metal3DataTemplate",
            name: TemplateName.providerTemplate(
                cluster: model.clusterName, pool: pool.values.name, kind: "metal3-data-template", spec: spec),
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": spec])
    }

    package static func spec(_ model: ClusterModel, pool: PoolModel) -> YAMLValue {
        let dataTemplate = pool.values.metal3?.dataTemplate
        var spec: YAMLMapping = ["clusterName": .string(model.clusterName)]
        if let metaData = dataTemplate?.metaData { spec["metaData"] = self.metaData(metaData) }
        spec["networkData"] = YAMLValue(ifNotEmpty: dataTemplate?.networkData)
        return .mapping(spec)
    }

    package static func metaData(_ metaData: Metal3PoolValues.MetaData) -> YAMLValue {
        var tree: YAMLMapping = [:]
        tree["dnsServersFromIPPool"] = references(metaData.dnsServersFromIPPool)
        tree["fromAnnotations"] = YAMLValue(ifNotEmpty: metaData.fromAnnotations)
        tree["fromHostInterfaces"] = YAMLValue(ifNotEmpty: metaData.fromHostInterfaces)
        tree["fromLabels"] = YAMLValue(ifNotEmpty: metaData.fromLabels)
        tree["gatewaysFromIPPool"] = references(metaData.gatewaysFromIPPool)
        tree["indexes"] = YAMLValue(ifNotEmpty: metaData.indexes)
        tree["ipAddressesFromIPPool"] = references(metaData.ipAddressesFromIPPool)
        tree["namespaces"] = YAMLValue(ifNotEmpty: metaData.namespaces)
        if let names = metaData.objectNames, !names.isEmpty {
            tree["objectNames"] = .sequence(names.map { ["key": .string($0.key), "object": .string($0.object)] })
        }
        tree["prefixesFromIPPool"] = references(metaData.prefixesFromIPPool)
        if let strings = metaData.strings, !strings.isEmpty {
            tree["strings"] = .sequence(strings.map { ["key": .string($0.key), "value": .string($0.value)] })
        }
        return .mapping(tree)
    }

    /// A reference to an IP pool with the `apiGroup` and `kind` current Metal³ requires (the guide's
    /// manifests, written for an older Metal³, have only `key` and `name`).
    package static func references(_ references: [Metal3PoolValues.PoolReference]?) -> YAMLValue? {
        guard let references, !references.isEmpty else { return nil }
        return .sequence(references.map { reference in
            [
                "apiGroup": .string(reference.apiGroup ?? Metal3IPPoolBuilder.apiGroup),
                "key": .string(reference.key),
                "kind": .string(reference.kind ?? Metal3IPPoolBuilder.kind),
                "name": .string(reference.name),
            ]
        })
    }
}

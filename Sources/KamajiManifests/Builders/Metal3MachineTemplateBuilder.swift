import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// CAPM3's `Metal3MachineTemplate` for one node pool: the image written to each bare-metal host and
/// the data template that describes it. Named from its spec (`TemplateHashText`), so a new image
/// (URL, checksum or format) or a new data template gives a new name and rolls the pool.
package enum Metal3MachineTemplateBuilder {
    package static func build(_ model: ClusterModel, pool: PoolModel, dataTemplate: ManifestObject) -> ManifestObject {
        let metal3 = pool.values.metal3
        var spec: YAMLMapping = [:]
        spec["automatedCleaningMode"] = metal3?.automatedCleaningMode.map(YAMLValue.string)
        spec["dataTemplate"] = ["name": .string(dataTemplate.name)]
        spec["hostSelector"] = YAMLValue(ifNotEmpty: metal3?.hostSelector)
        if let image = metal3?.image {
            var tree: YAMLMapping = [:]
            tree["checksum"] = image.checksum.map(YAMLValue.string)
            tree["checksumType"] = image.checksumType.map(YAMLValue.string)
            tree["format"] = image.format.map(YAMLValue.string)
            tree["url"] = image.url.map(YAMLValue.string)
            spec["image"] = .mapping(tree)
        }
        return .hashNamedPoolTemplate(
            apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1", kind: "Metal3MachineTemplate", nameKind: "metal3-machine-template", model: model,
            pool: pool, spec: spec)
    }
}

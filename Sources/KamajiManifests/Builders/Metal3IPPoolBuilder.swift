import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Metal³'s `ipam.metal3.io/v1alpha1` `IPPool`s (`infrastructure.metal3.ipPools`): the addresses,
/// prefixes, gateways and DNS servers the pools' data templates hand to the hosts. Each is tied to
/// the cluster (`spec.clusterName`) and named as given, because data templates refer to it by name.
package enum Metal3IPPoolBuilder {
    package static let apiGroup = "ipam.metal3.io"
    package static let kind = "IPPool"

    package static func build(_ model: ClusterModel) -> [ManifestObject] {
        (model.values.infrastructure.metal3?.ipPools ?? []).map { pool($0, model) }
    }

    package static func pool(_ pool: Metal3Values.IPPool, _ model: ClusterModel) -> ManifestObject {
        var spec: YAMLMapping = ["clusterName": .string(model.clusterName)]
        spec["dnsServers"] = YAMLValue(nonEmptyStrings: pool.dnsServers)
        spec["gateway"] = pool.gateway.map(YAMLValue.string)
        spec["namePrefix"] = .string(pool.namePrefix ?? "\(model.clusterName)-\(pool.name)")
        if let ranges = pool.pools {
            spec["pools"] = .sequence(ranges.map { range in
                var tree: YAMLMapping = [:]
                tree["dnsServers"] = YAMLValue(nonEmptyStrings: range.dnsServers)
                tree["end"] = range.end.map(YAMLValue.string)
                tree["gateway"] = range.gateway.map(YAMLValue.string)
                tree["prefix"] = range.prefix.map(YAMLValue.int)
                tree["start"] = range.start.map(YAMLValue.string)
                tree["subnet"] = range.subnet.map(YAMLValue.string)
                return .mapping(tree)
            })
        }
        spec["prefix"] = pool.prefix.map(YAMLValue.int)
        return ManifestObject(
            apiVersion: "\(apiGroup)/v1alpha1", kind: kind, name: pool.name, namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value], fields: ["spec": .mapping(spec)])
    }
}

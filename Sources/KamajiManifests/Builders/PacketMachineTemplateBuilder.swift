import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// CAPP's `PacketMachineTemplate` for one node pool: the Equinix Metal server every machine is.
/// Named from its spec (`TemplateHashText`), so a new machine type, OS, billing cycle, key or tag
/// gives a new name and rolls the pool.
package enum PacketMachineTemplateBuilder {
    package static func build(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        let server = pool.values.equinix
        var spec: YAMLMapping = [:]
        spec["billingCycle"] = server?.billingCycle.map(YAMLValue.string)
        spec["facility"] = server?.facility.map(YAMLValue.string)
        spec["hardwareReservationID"] = server?.hardwareReservationID.map(YAMLValue.string)
        spec["ipxeURL"] = server?.ipxeURL.map(YAMLValue.string)
        spec["machineType"] = .string(server?.machineType ?? "")
        spec["metro"] = server?.metro.map(YAMLValue.string)
        spec["os"] = .string(server?.os ?? "")
        // A given empty list is written as one: `tags: []` is what the guide shows.
        spec["sshKeys"] = server?.sshKeys.map { .sequence($0.map(YAMLValue.string)) }
        spec["tags"] = server?.tags.map { .sequence($0.map(YAMLValue.string)) }
        return .hashNamedPoolTemplate(
            apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1", kind: "PacketMachineTemplate", nameKind: "packet-machine-template", model: model,
            pool: pool, spec: spec)
    }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Bare metal through Metal³ (CAPM3), as Kamaji's Metal³ guide sets it up: a `Metal3Cluster` at the
/// Kamaji service address, the `ipam.metal3.io` IP pools, and per pool a data template and a
/// machine template. Nodes register under their Metal³ name with the provider ID and the
/// `metal3.io/uuid` label CAPM3 matches hosts by (docs/providers/metal3.md).
public struct Metal3Provider: InfrastructureProvider {
    public init() {}

    public func clusterObject(_ model: ClusterModel) -> ManifestObject {
        Metal3ClusterBuilder.build(model, endpoint: ControlPlaneEndpoint.known(model))
    }

    public func supportingObjects(_ model: ClusterModel) -> [ManifestObject] {
        Metal3IPPoolBuilder.build(model)
    }

    public func poolObjects(_ model: ClusterModel, pool: PoolModel) -> [ManifestObject] {
        [Metal3DataTemplateBuilder.build(model, pool: pool)]
    }

    public func machineTemplate(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        Metal3MachineTemplateBuilder.build(
            model, pool: pool, dataTemplate: Metal3DataTemplateBuilder.build(model, pool: pool))
    }

    public func nodeRegistration(_ model: ClusterModel, pool: PoolModel) -> NodeRegistration {
        NodeRegistration(
            kubeletExtraArgs: ["provider-id": "metal3://{{ ds.meta_data.providerid }}"],
            nodeLabels: ["metal3.io/uuid={{ ds.meta_data.uuid }}"],
            name: "{{ ds.meta_data.name }}")
    }
}

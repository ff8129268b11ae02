import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Equinix Metal (formerly Packet) through CAPP, as Kamaji's Equinix guide sets it up: a
/// `PacketCluster` managed by Kamaji and per pool a `PacketMachineTemplate`. Nodes run the Equinix
/// cloud controller (`cloud-provider: external`) and register with the provider ID CAPP expects,
/// built from the instance ID in the Equinix metadata (docs/providers/equinix.md).
public struct EquinixProvider: InfrastructureProvider {
    public init() {}

    public func clusterObject(_ model: ClusterModel) -> ManifestObject {
        PacketClusterBuilder.build(model, endpoint: ControlPlaneEndpoint.known(model))
    }

    public func machineTemplate(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        PacketMachineTemplateBuilder.build(model, pool: pool)
    }

    public func nodeRegistration(_ model: ClusterModel, pool: PoolModel) -> NodeRegistration {
        NodeRegistration(
            kubeletExtraArgs: [
                "cloud-provider": "external", "provider-id": "equinixmetal://{{ `{{ v1.instance_id }}` }}",
            ])
    }
}

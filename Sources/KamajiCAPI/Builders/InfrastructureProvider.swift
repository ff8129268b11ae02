/// The seam between the provider-neutral objects (Cluster, KamajiControlPlane, MachineDeployment,
/// KubeadmConfigTemplate) and the infrastructure that runs the workers. vSphere is the chart's
/// provider; Metal³ and Equinix Metal plug in here with their own cluster and machine templates.
public protocol InfrastructureProvider: Sendable {
    /// The infrastructure cluster object (`VSphereCluster`, ...) the Cluster points at.
    func clusterObject(_ model: ClusterModel) -> ManifestObject
    /// Objects the infrastructure needs besides the cluster and per-pool templates (IP pools, ...).
    func supportingObjects(_ model: ClusterModel) -> [ManifestObject]
    /// The pool's immutable machine template.
    func machineTemplate(_ model: ClusterModel, pool: PoolModel) -> ManifestObject
}

public enum InfrastructureProviders {
    public static func provider(for model: ClusterModel) -> InfrastructureProvider {
        VSphereProvider()
    }
}

/// vSphere through CAPV, as the chart renders it.
public struct VSphereProvider: InfrastructureProvider {
    public init() {}

    public func clusterObject(_ model: ClusterModel) -> ManifestObject {
        VSphereClusterBuilder.build(model)
    }

    public func supportingObjects(_ model: ClusterModel) -> [ManifestObject] {
        model.values.ipamProvider.enabled ? [InClusterIPPoolBuilder.build(model)] : []
    }

    public func machineTemplate(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        VSphereMachineTemplateBuilder.build(model, pool: pool)
    }
}

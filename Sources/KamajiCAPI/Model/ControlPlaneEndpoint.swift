/// The tenant API server's address as the infrastructure cluster states it
/// (`<Provider>Cluster.spec.controlPlaneEndpoint`). Kamaji serves the API at
/// `cluster.controlPlane.network.serviceAddress` on `cluster.clusterNetwork.apiServerPort`; the
/// guides require the infrastructure cluster to say the same (vSphere with a NodePort service,
/// Metal³ always), and a different one makes the workers join an address nobody serves.
///
/// So the endpoint is never a value of its own: it is derived from those two. Which providers render
/// it, and when, is each provider's choice (`InfrastructureProvider.controlPlaneEndpoint`);
/// `infrastructure.controlPlaneEndpoint` only asks for it to be rendered and must agree with them
/// (`ValuesValidator.controlPlaneEndpoint`).
public struct ControlPlaneEndpoint: Equatable, Sendable {
    public var host: String
    public var port: Int

    /// The address Kamaji serves, when the values fix it (a `serviceAddress` is given).
    public static func known(_ model: ClusterModel) -> ControlPlaneEndpoint? {
        guard let host = model.values.cluster.controlPlane.network.serviceAddress, !host.isEmpty else { return nil }
        return ControlPlaneEndpoint(host: host, port: model.values.cluster.clusterNetwork.apiServerPort ?? 6443)
    }

    /// Whether the user set `infrastructure.controlPlaneEndpoint` (either field).
    public static func requested(_ model: ClusterModel) -> Bool {
        guard let endpoint = model.values.infrastructure.controlPlaneEndpoint else { return false }
        return !(endpoint.host ?? "").isEmpty || endpoint.port != nil
    }

    public var tree: YAMLValue { ["host": .string(host), "port": .int(port)] }
}

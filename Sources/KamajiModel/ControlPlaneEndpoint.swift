import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// The tenant API server's address as the infrastructure cluster states it
/// (`<Provider>Cluster.spec.controlPlaneEndpoint`). Kamaji serves the API at
/// `cluster.controlPlane.network.serviceAddress` on `cluster.clusterNetwork.apiServerPort`; the
/// guides require the infrastructure cluster to say the same (vSphere with a NodePort service,
/// Metal³ always), and a different one makes the workers join an address nobody serves.
///
/// For Metal³ and Equinix the endpoint is never a value of its own: it is derived from those two
/// whenever the address is known. vSphere keeps chart 0.2.9's output: its endpoint is rendered only
/// when given as `vSphere.controlPlaneEndpoint`, which must equal them (checks KC410, KC411).
public struct ControlPlaneEndpoint: Equatable, Sendable {
    public var host: String
    public var port: Int

    /// The address Kamaji serves, when the values fix it (a `serviceAddress` is given).
    public static func known(_ model: ClusterModel) -> ControlPlaneEndpoint? {
        guard let host = model.values.cluster.controlPlane.network.serviceAddress, !host.isEmpty else { return nil }
        return ControlPlaneEndpoint(host: host, port: model.values.cluster.clusterNetwork.apiServerPort ?? 6443)
    }

    public var tree: YAMLValue { ["host": .string(host), "port": .int(port)] }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// kamaji-capi's `cni:` values: the network plugin delivered to the workload cluster as a Cluster API
/// add-on (a `HelmChartProxy` of the Cluster API Add-on Provider Helm). `none`, the default, renders
/// nothing, as the chart does (docs/cni.md).
public struct CNIValues: Decodable, Equatable, Sendable {
    public enum Provider: String, ValuesEnum, Sendable {
        case none, calico, cilium
    }

    public var provider: Provider
    /// Chart version; each provider has a pinned default so a render never floats.
    public var version: String?
    /// Helm repository; the provider's official one when not given.
    public var repoURL: String?
    /// Namespace of the release in the workload cluster.
    public var namespace: String?
    /// Helm values merged over the ones kamaji-capi derives (pod CIDRs, the API server address).
    public var values: RawYAMLMap?
    /// Cilium only: run Cilium in kube-proxy replacement mode. kamaji-capi sets `k8sServiceHost` and
    /// `k8sServicePort` to the Kamaji control-plane address and drops the `kubeProxy` addon.
    public var kubeProxyReplacement: Bool?

    /// The chart each provider installs, with the pinned version.
    public struct Chart: Equatable, Sendable {
        public var repoURL: String
        public var chartName: String
        public var version: String
        public var namespace: String
    }

    public static func defaultChart(_ provider: Provider) -> Chart? {
        switch provider {
        case .none: nil
        case .calico:
            Chart(
                repoURL: "https://docs.tigera.io/calico/charts", chartName: "tigera-operator", version: "v3.29.1",
                namespace: "tigera-operator")
        case .cilium:
            Chart(repoURL: "https://helm.cilium.io/", chartName: "cilium", version: "1.16.5", namespace: "kube-system")
        }
    }

    /// The chart to install, with the user's overrides; `nil` when no CNI is delivered.
    public var chart: Chart? {
        guard var chart = Self.defaultChart(provider) else { return nil }
        if let version, !version.isEmpty { chart.version = version }
        if let repoURL, !repoURL.isEmpty { chart.repoURL = repoURL }
        if let namespace, !namespace.isEmpty { chart.namespace = namespace }
        return chart
    }

    /// Cilium replaces kube-proxy: the control plane must not deploy it.
    public var replacesKubeProxy: Bool { provider == .cilium && kubeProxyReplacement == true }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel

/// The CNI as a Cluster API add-on: a `HelmChartProxy` of the Cluster API Add-on Provider Helm
/// (CAAPH) that installs Calico or Cilium into the workload cluster once it is reachable. It selects
/// this cluster by the `cluster.x-k8s.io/cluster-name` label the `Cluster` carries. Without a CNI no
/// node becomes Ready; `cni.provider: none` (the default, as in the chart) leaves it to the user.
///
/// The chart values are derived from the cluster (pod CIDRs; for Cilium without kube-proxy, the API
/// server address) and the user's `cni.values` are merged over them as Helm merges values files.
enum HelmChartProxyBuilder {
    static func build(_ model: ClusterModel) -> [ManifestObject] {
        let cni = model.values.cni
        guard let chart = cni.chart else { return [] }
        let label: YAMLMapping = [model.clusterNameLabel.key: model.clusterNameLabel.value]
        let values = ValuesMerger.coalesce(user: cni.values?.value ?? .mapping([:]), defaults: derivedValues(model))
        return [
            ManifestObject(
                apiVersion: "addons.cluster.x-k8s.io/v1alpha1", kind: "HelmChartProxy",
                name: "\(model.clusterName)-\(cni.provider.rawValue)", namespace: model.namespace, labels: label,
                fields: [
                    "spec": [
                        "chartName": .string(chart.chartName),
                        "clusterSelector": ["matchLabels": .mapping(label)],
                        "namespace": .string(chart.namespace),
                        "releaseName": .string(cni.provider.rawValue),
                        "repoURL": .string(chart.repoURL),
                        "valuesTemplate": .string(ManifestStream.emit(values)),
                        "version": .string(chart.version),
                    ]
                ]),
        ]
    }

    static func podCIDRs(_ model: ClusterModel) -> [String] {
        model.values.cluster.clusterNetwork.pods?.cidrBlocks ?? []
    }

    /// What the cluster already determines. `valuesTemplate` is a Go template CAAPH renders with the
    /// `Cluster` object, so an address only known later (a LoadBalancer's) is taken from the Cluster's
    /// `controlPlaneEndpoint`, which the Kamaji provider fills in.
    static func derivedValues(_ model: ClusterModel) -> YAMLValue {
        let cni = model.values.cni
        switch cni.provider {
        case .none: return [:]
        case .calico:
            return [
                "installation": [
                    "cni": ["type": "Calico"],
                    "calicoNetwork": [
                        "ipPools": .sequence(podCIDRs(model).map { ["cidr": .string($0), "encapsulation": "VXLAN"] })
                    ],
                ]
            ]
        case .cilium:
            var values: YAMLMapping = [
                "ipam": ["operator": ["clusterPoolIPv4PodCIDRList": .sequence(podCIDRs(model).map(YAMLValue.string))]]
            ]
            guard cni.replacesKubeProxy else { return .mapping(values) }
            values["kubeProxyReplacement"] = true
            if let endpoint = ControlPlaneEndpoint.known(model) {
                values["k8sServiceHost"] = .string(endpoint.host)
                values["k8sServicePort"] = .int(endpoint.port)
            } else {
                values["k8sServiceHost"] = "{{ .Cluster.spec.controlPlaneEndpoint.host }}"
                values["k8sServicePort"] = "{{ .Cluster.spec.controlPlaneEndpoint.port }}"
            }
            return .mapping(values)
        }
    }
}

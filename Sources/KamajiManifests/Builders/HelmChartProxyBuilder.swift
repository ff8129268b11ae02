import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The CNI as a Cluster API add-on: a `HelmChartProxy` of the Cluster API Add-on Provider Helm
/// (CAAPH) that installs Calico or Cilium into the workload cluster once it is reachable. It selects
/// this cluster by the `cluster.x-k8s.io/cluster-name` label the `Cluster` carries. Without a CNI no
/// node becomes Ready; `cni.provider: none` (the default, as in the chart) leaves it to the user.
/// Its chart values are the model's (`ClusterModel.cniChartValues`).
package enum HelmChartProxyBuilder {
    package static func build(_ model: ClusterModel) -> [ManifestObject] {
        let cni = model.values.cni
        guard let chart = cni.chart else { return [] }
        let label: YAMLMapping = [model.clusterNameLabel.key: model.clusterNameLabel.value]
        let values = model.cniChartValues
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
}

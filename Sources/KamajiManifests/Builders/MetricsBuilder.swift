import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Scraping of the tenant control plane's metrics by a Prometheus on the management cluster: a
/// Service over the Kamaji pods' metrics ports, a ServiceMonitor that authenticates with the
/// kubelet client certificate Kamaji stores in a Secret, and a Role and RoleBinding that let
/// Prometheus' ServiceAccount read that Secret.
package enum MetricsBuilder {
    package static func build(_ model: ClusterModel) -> [ManifestObject] {
        guard model.values.cluster.metrics.enabled else { return [] }
        return [service(model), serviceMonitor(model), role(model), roleBinding(model)]
    }

    package static func roleName(_ model: ClusterModel) -> String { "\(model.clusterName)-prometheus-secret-reader" }
    package static func certificateSecret(_ model: ClusterModel) -> String {
        "\(model.controlPlaneName)-api-server-kubelet-client-certificate"
    }

    /// The API server listens on the cluster's API server port inside the Kamaji pod.
    package static func endpoints(_ model: ClusterModel) -> [(port: String, number: Int, job: String)] {
        [
            ("kube-apiserver-metrics", model.values.cluster.clusterNetwork.apiServerPort ?? 6443, "apiserver"),
            ("kube-controller-manager-metrics", 10257, "kube-controller-manager"),
            ("kube-scheduler-metrics", 10259, "kube-scheduler"),
        ]
    }

    package static func service(_ model: ClusterModel) -> ManifestObject {
        ManifestObject(
            apiVersion: "v1", kind: "Service", name: model.metricsServiceName, namespace: model.namespace,
            labels: [
                "kamaji.clastix.io/name": .string(model.metricsServiceName),
                model.clusterNameLabel.key: model.clusterNameLabel.value,
            ],
            fields: [
                "spec": [
                    "ports": .sequence(endpoints(model).map { endpoint in
                        [
                            "name": .string(endpoint.port), "port": .int(endpoint.number), "protocol": "TCP",
                            "targetPort": .int(endpoint.number),
                        ]
                    }),
                    "selector": ["kamaji.clastix.io/name": .string(model.controlPlaneName)],
                    "type": "ClusterIP",
                ]
            ])
    }

    package static func serviceMonitor(_ model: ClusterModel) -> ManifestObject {
        let secret = certificateSecret(model)
        let endpoints: [YAMLValue] = endpoints(model).map { endpoint in
            var tree: YAMLMapping = [
                "port": .string(endpoint.port), "scheme": "https", "path": "/metrics", "interval": "15s",
                "scrapeTimeout": "10s",
                "tlsConfig": [
                    "insecureSkipVerify": true,
                    "cert": ["secret": ["name": .string(secret), "key": "apiserver-kubelet-client.crt"]],
                    "keySecret": ["name": .string(secret), "key": "apiserver-kubelet-client.key"],
                ],
            ]
            if endpoint.job == "apiserver" {
                // Drops the histogram buckets that make up most of the API server's series.
                tree["metricRelabelings"] = [
                    [
                        "action": "drop",
                        "regex": """
                            apiserver_request_duration_seconds_bucket;(0.15|0.2|0.3|0.35|0.4|0.45|0.6|0.7|0.8|0.9|1.25|1.5|1.75|2|3|3.5|4|4.5|6|7|8|9|15|25|40|50)
                            """,
                        "sourceLabels": ["__name__", "le"],
                    ]
                ]
            }
            tree["relabelings"] = [
                ["action": "replace", "targetLabel": "cluster", "replacement": .string(model.clusterName)],
                ["action": "replace", "targetLabel": "job", "replacement": .string(endpoint.job)],
            ]
            return .mapping(tree)
        }
        return ManifestObject(
            apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", name: "\(model.clusterName)-service-monitor",
            namespace: model.namespace,
            labels: ["release": "kube-prometheus-stack", model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: [
                "spec": [
                    "endpoints": .sequence(endpoints),
                    "selector": ["matchLabels": ["kamaji.clastix.io/name": .string(model.metricsServiceName)]],
                ]
            ])
    }

    package static func role(_ model: ClusterModel) -> ManifestObject {
        ManifestObject(
            apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", name: roleName(model), namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: [
                "rules": [["apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list", "watch"]]]
            ])
    }

    package static func roleBinding(_ model: ClusterModel) -> ManifestObject {
        let account = model.values.cluster.metrics.serviceAccount
        var subject: YAMLMapping = ["kind": "ServiceAccount"]
        subject["name"] = account?.name.map(YAMLValue.string)
        subject["namespace"] = account?.namespace.map(YAMLValue.string)
        return ManifestObject(
            apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding",
            name: "\(model.clusterName)-prometheus-secret-access", namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: [
                "subjects": [.mapping(subject)],
                "roleRef": ["kind": "Role", "name": .string(roleName(model)), "apiGroup": "rbac.authorization.k8s.io"],
            ])
    }
}

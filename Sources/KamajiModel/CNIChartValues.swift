import KamajiDiagnostics
import KamajiValues
import KamajiYAML

extension ClusterModel {
    /// The CNI chart's values: derived from the cluster (pod CIDRs; for Cilium without kube-proxy,
    /// the API server address), with the user's `cni.values` merged over them as Helm merges
    /// values files.
    package var cniChartValues: YAMLValue {
        ValuesMerger.coalesce(user: values.cni.values?.value ?? .mapping([:]), defaults: CNIChartValues.derivedValues(self))
    }
}

enum CNIChartValues {
    /// What the cluster already determines. `valuesTemplate` is a Go template CAAPH renders with the
    /// `Cluster` object, so an address only known later (a LoadBalancer's) is taken from the Cluster's
    /// `controlPlaneEndpoint`, which the Kamaji provider fills in.
    static func podCIDRs(_ model: ClusterModel) -> [String] {
        model.values.cluster.clusterNetwork.pods?.cidrBlocks ?? []
    }

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

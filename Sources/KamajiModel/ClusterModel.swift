import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// Everything the builders need, derived once from the typed values and the command line: the
/// cluster name (Helm's release name stands in when `cluster.name` is empty), the namespace, and
/// each node pool (its hash-suffixed template names are the manifests stage's: `ChartTemplateNames`).
public struct ClusterModel: Sendable {
    public var values: ChartValues
    public var clusterName: String
    public var namespace: String
    public var pools: [PoolModel]
    /// Paths the user set explicitly (before defaults), for rules such as "chart 0.1.0's
    /// `vSphereCloudControllerManager.version` sets the tag unless `image.tag` is given".
    public var userSetPaths: UserWrittenPaths
    /// Chart capi-kamaji-proxmox's values, for a cluster of that chart (`ClusterModel(proxmox:)`).
    public var proxmox: ProxmoxChartValues?
    /// Code points the chart's output cannot carry, found in the values as given (check KC204).
    public var unprintableCharacters: [UnprintableCharacter] = []

    public init(values: ChartValues, clusterName: String, namespace: String, userSetPaths: UserWrittenPaths = []) {
        self.values = values
        self.clusterName = clusterName
        self.namespace = namespace
        self.userSetPaths = userSetPaths
        pools = values.nodePools.map { pool in
            PoolModel(
                values: pool,
                machineDeploymentName: pool.machineDeploymentName.flatMap { $0.isEmpty ? nil : $0 }
                    ?? "\(clusterName)-\(pool.name)-md")
        }
    }

    /// vSphere renders what chart 0.2.9 renders, its template names and the keys it always writes
    /// included. The other providers, which no chart renders, write a key only when the values give it
    /// something to say, as Kamaji's guides for them do.
    public var rendersAsTheChart: Bool { values.infrastructure.provider == .vsphere }

    /// The KamajiControlPlane's name: `cluster.controlPlane.name`, else the cluster's (as in chart
    /// 0.2.9). Kamaji names the tenant control plane after it, and so what it creates for it: the
    /// admin kubeconfig Secret, the kubelet client certificate, the pods' `kamaji.clastix.io/name` label.
    public var controlPlaneName: String {
        let name = values.cluster.controlPlane.name ?? ""
        return name.isEmpty ? clusterName : name
    }

    /// The Secret Kamaji writes the tenant's admin kubeconfig to (key `admin.svc`), which the
    /// controllers beside the control plane mount.
    package var adminKubeconfigSecret: String { "\(controlPlaneName)-admin-kubeconfig" }

    /// The label Cluster API uses to tie every object to its cluster.
    public var clusterNameLabel: (key: String, value: YAMLValue) {
        ("cluster.x-k8s.io/cluster-name", .string(clusterName))
    }

    /// The labels of the objects of one component the chart renders (`cloud-controller-manager`, ...).
    package func componentLabels(_ component: String) -> YAMLMapping {
        ["component": .string(component), clusterNameLabel.key: clusterNameLabel.value]
    }
}

public struct PoolModel: Equatable, Sendable {
    public var values: NodePoolValues
    public var machineDeploymentName: String
    /// The charts' hash names, where a chart names the templates: nil in the model, set by the
    /// manifests stage (`ChartTemplateNames`) before the pool's objects are built. Other providers
    /// and API versions name their templates from the rendered spec (`TemplateHashText`).
    public var machineTemplateName: String?
    public var kubeadmConfigTemplateName: String?
    /// The pool's values of chart capi-kamaji-proxmox, for a cluster of that chart.
    public var proxmox: ProxmoxNodePoolValues?
}

extension ClusterModel {
    /// The cloud controller's image: chart 0.1.0's `vSphereCloudControllerManager.version` sets the
    /// tag unless `image.tag` is given. The Deployment runs it and check KC503 compares its tag.
    package var cloudControllerImage: String {
        let values = values.vSphereCloudControllerManager
        var tag = values.image?.tag ?? ""
        if let version = values.version, !userSetPaths.contains("vSphereCloudControllerManager.image.tag") {
            tag = version
        }
        let path = [values.image?.registry, values.image?.repository].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: "/")
        return tag.isEmpty ? path : "\(path):\(tag)"
    }
}

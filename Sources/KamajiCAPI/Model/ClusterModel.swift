import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// Everything the builders need, derived once from the typed values and the command line: the
/// cluster name (Helm's release name stands in when `cluster.name` is empty), the namespace, and
/// each node pool with its hash-suffixed template names.
public struct ClusterModel: Equatable, Sendable {
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
        let chartNames = values.infrastructure.provider == .vsphere
        // Each pool's template names hash its whole machine spec: the largest part of building the
        // model of a cluster with hundreds of pools, and independent from pool to pool.
        pools = Parallel.map(values.nodePools.count, threshold: 32) { [values] index in
            let pool = values.nodePools[index]
            return PoolModel(
                values: pool,
                machineDeploymentName: pool.machineDeploymentName.flatMap { $0.isEmpty ? nil : $0 }
                    ?? "\(clusterName)-\(pool.name)-md",
                machineTemplateName: chartNames
                    ? TemplateName.machineTemplate(
                        cluster: clusterName, pool: pool.name,
                        hashedText: ChartHashText.vSphereMachineTemplate(
                            pool: pool, vSphere: values.vSphere, clusterName: clusterName)) : nil,
                kubeadmConfigTemplateName: chartNames
                    ? TemplateName.kubeadmConfigTemplate(
                        cluster: clusterName, pool: pool.name,
                        hashedText: ChartHashText.kubeadmConfigTemplate(pool: pool)) : nil)
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
    var adminKubeconfigSecret: String { "\(controlPlaneName)-admin-kubeconfig" }

    /// The label Cluster API uses to tie every object to its cluster.
    public var clusterNameLabel: (key: String, value: YAMLValue) {
        ("cluster.x-k8s.io/cluster-name", .string(clusterName))
    }

    /// The labels of the objects of one component the chart renders (`cloud-controller-manager`, ...).
    func componentLabels(_ component: String) -> YAMLMapping {
        ["component": .string(component), clusterNameLabel.key: clusterNameLabel.value]
    }
}

public struct PoolModel: Equatable, Sendable {
    public var values: NodePoolValues
    public var machineDeploymentName: String
    /// vSphere only: the chart's hash names. Other providers name their templates from the
    /// rendered spec (`TemplateHashText`), when they build them.
    public var machineTemplateName: String?
    public var kubeadmConfigTemplateName: String?
    /// The pool's values of chart capi-kamaji-proxmox, for a cluster of that chart.
    public var proxmox: ProxmoxNodePoolValues?
}

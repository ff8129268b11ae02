import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

extension ProxmoxChartValues {
    /// The shared part of the values in the vSphere chart's types, which the provider-neutral
    /// builders (Cluster, KamajiControlPlane, MachineDeployment, KubeadmConfigTemplate, metrics) and
    /// the check rules read; the Proxmox part stays in `ClusterModel.proxmox`.
    package var sharedValues: ChartValues {
        let controlPlane = cluster.controlPlane
        let network = controlPlane.network
        return ChartValues(
            vSphere: VSphereValues(),
            ipamProvider: ipamProvider,
            cluster: ClusterValues(
                name: cluster.name, clusterNetwork: cluster.clusterNetwork,
                controlPlane: ControlPlaneValues(
                    labels: controlPlane.labels, replicas: controlPlane.replicas,
                    dataStoreName: controlPlane.dataStoreName, addons: controlPlane.addons,
                    deployment: controlPlane.deployment, kubelet: controlPlane.kubelet,
                    network: ControlPlaneValues.Network(
                        serviceType: network.serviceType, serviceAddress: network.serviceAddress,
                        serviceAnnotations: network.serviceAnnotations, serviceLabels: network.serviceLabels,
                        certSANs: network.certSANs),
                    version: controlPlane.version),
                metrics: cluster.metrics),
            nodePools: nodePools.map(\.sharedValues),
            vSphereCloudControllerManager: CloudControllerManagerValues(enabled: false),
            vSphereStorageControllerManager: nil,
            apiVersions: APIVersionValues(clusterAPI: apiVersions.clusterAPI, vsphere: .v1beta1, kamaji: apiVersions.kamaji),
            infrastructure: InfrastructureValues(provider: .proxmox, metal3: nil, equinix: nil),
            cni: CNIValues(provider: .none),
            chart: .proxmox)
    }
}

extension ProxmoxNodePoolValues {
    /// The pool's keys both charts have. `labels` and `taints` are the strings as written (a number
    /// stays its text), left out when empty as the chart's `node-labels: ` (null) leaves them.
    package var sharedValues: NodePoolValues {
        NodePoolValues(
            name: name, replicas: replicas, autoscaling: autoscaling, memoryMiB: memoryMiB?.value,
            addressesFromPools: network?.addressesFromPools, users: users, labels: labels?.nonEmptyText, taints: taints?.nonEmptyText,
            additionalCloudInitFiles: additionalCloudInitFiles)
    }
}

extension ClusterModel {
    /// The model of a cluster of chart capi-kamaji-proxmox: the shared values for the common
    /// builders and the Proxmox values beside them.
    package init(proxmox values: ProxmoxChartValues, clusterName: String, namespace: String, userSetPaths: UserWrittenPaths) {
        self.init(values: values.sharedValues, clusterName: clusterName, namespace: namespace, userSetPaths: userSetPaths)
        proxmox = values
        for index in pools.indices {
            pools[index].proxmox = values.nodePools[index]
        }
    }
}

extension ChartValues {
    package init(
        vSphere: VSphereValues, ipamProvider: IPAMProviderValues, cluster: ClusterValues, nodePools: [NodePoolValues],
        vSphereCloudControllerManager: CloudControllerManagerValues,
        vSphereStorageControllerManager: StorageControllerManagerValues?, apiVersions: APIVersionValues,
        infrastructure: InfrastructureValues, cni: CNIValues, chart: ChartName?
    ) {
        self.vSphere = vSphere
        self.ipamProvider = ipamProvider
        self.cluster = cluster
        self.nodePools = nodePools
        self.vSphereCloudControllerManager = vSphereCloudControllerManager
        self.vSphereStorageControllerManager = vSphereStorageControllerManager
        self.apiVersions = apiVersions
        self.infrastructure = infrastructure
        self.cni = cni
        self.chart = chart
    }
}

extension TemplateText {
    package var nonEmptyText: String? { text.isEmpty ? nil : text }
}

extension ProxmoxChartValues {
    /// The chart's InClusterIPPool, `<cluster>-ipam-ip-pool`, which pools with `addressesFromPools` draw from.
    package static func ipPoolName(_ clusterName: String) -> String { "\(clusterName)-ipam-ip-pool" }
}

extension ClusterModel {
    /// `cluster.credentialsRef` when a values file or flag set it: its default is the chart's sample,
    /// which the chart never used (deviation P2).
    package var proxmoxCredentialsRefSetByValues: ProxmoxCredentials.SecretReference? {
        let written = userSetPaths.value
        let credentialsRef: ValuePath = "cluster.credentialsRef"
        guard written.contains(where: { $0.isWithin(credentialsRef) })
        else { return nil }
        return proxmox?.cluster.credentialsRef
    }
}

/// Names derived from the cluster name, in the one place both the builders and check KC113 read
/// them, so the check measures the names that are rendered.
extension ClusterModel {
    /// The metrics Service, which the ServiceMonitor selects by the label of the same value.
    package var metricsServiceName: String { "\(clusterName)-metrics" }

    /// The cloud controller's Deployment, and its `app` label, which the Deployment selects its pods by.
    package var cloudControllerAppName: String { "\(clusterName)-vsphere-cloud-controller-manager" }

    /// The CSI controller's Deployment and ServiceAccount, and its `app` label, which the Deployment
    /// selects its pods by.
    package var storageControllerAppName: String { "\(clusterName)-vsphere-csi-controller" }

    /// A name derived from the cluster name that Kubernetes holds to 63 characters.
    package struct LabelLengthName: Equatable, Sendable {
        /// What carries it, for the finding (`the metrics Service's name`).
        package var use: String
        package var name: String
        /// A Service name is a DNS-1035 label: it starts with a letter.
        package var isServiceName: Bool
    }

    /// Every name derived from the cluster name that these values render where Kubernetes allows at
    /// most 63 characters: a Service name or a label value. The names of other objects (templates
    /// `<cluster>-<pool>-proxmox-machine-template-<h>`, Secrets and ConfigMaps, what Cluster API and
    /// Kamaji create, such as `<cluster>-kubeconfig` and `<control plane>-admin-kubeconfig`) may have
    /// 253, which a cluster and a pool name of at most 63 each (KC101, KC102) never reach; the
    /// MachineDeployment name is KC103's, the control plane's (Kamaji's Service) KC110's.
    package var labelLengthNames: [LabelLengthName] {
        var names: [LabelLengthName] = []
        if values.cluster.metrics.enabled {
            names.append(.init(
                use: "the metrics Service's name and label (cluster.metrics.enabled)", name: metricsServiceName,
                isServiceName: true))
        }
        if values.infrastructure.provider == .vsphere {
            if cloudControllerEnabled {
                names.append(.init(
                    use: "the cloud controller's app label (vSphereCloudControllerManager.enabled)",
                    name: cloudControllerAppName, isServiceName: false))
            }
            if storage != nil {
                names.append(.init(
                    use: "the CSI controller's app label (vSphereStorageControllerManager.enabled)",
                    name: storageControllerAppName, isServiceName: false))
            }
        }
        return names
    }
}

extension ClusterModel.LabelLengthName {
    package static let limit = 63

    /// How many characters the name has over the limit.
    package var excess: Int { max(0, name.utf8.count - Self.limit) }

    /// What Kubernetes would refuse in the name, or nil.
    package var problem: String? {
        if excess > 0 {
            return "has \(name.utf8.count) characters, \(excess) over Kubernetes' limit of \(Self.limit)"
        }
        if isServiceName, let first = name.first, !(first.isASCII && first.isLowercase) {
            return "starts with \"\(first)\", and a Service name must start with a lowercase letter"
        }
        return nil
    }
}

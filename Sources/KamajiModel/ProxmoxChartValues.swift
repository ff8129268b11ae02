import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// The values of chart `capi-kamaji-proxmox` 0.0.4 (clastix/cluster-api-kamaji-proxmox) as typed
/// Swift, plus kamaji-capi's `chart` and `apiVersions`. Its own keys: a vSphere key here is an
/// unknown key with a did-you-mean, as a Proxmox key is in the vSphere chart's values. Property
/// names are the values keys. The parts both charts share (IPAM, cluster network, control-plane
/// deployment, metrics, autoscaling, users) reuse the vSphere chart's types.
public struct ProxmoxChartValues: Decodable, Equatable, Sendable {
    /// kamaji-capi: the chart these values are for, so a file needs no `--chart` flag.
    public var chart: ChartName?
    public var proxmox: ProxmoxCredentials
    public var ipamProvider: IPAMProviderValues
    public var cluster: ProxmoxClusterValues
    public var nodePools: [ProxmoxNodePoolValues]
    public var apiVersions: ProxmoxAPIVersionValues
}

/// Which API versions the objects are written in: the chart's (`v1beta1`, `v1alpha1`, CAPMOX
/// `v1alpha1`) by default, or the current ones in their own shapes (docs/providers/proxmox.md).
public struct ProxmoxAPIVersionValues: Decodable, Equatable, Sendable {
    /// CAPMOX's kinds: ProxmoxCluster, ProxmoxMachineTemplate. v1alpha1 is served but deprecated
    /// since CAPMOX v0.8; v1alpha2 is current.
    public enum Proxmox: String, ValuesEnum, Sendable {
        case v1alpha1, v1alpha2

        package var apiVersion: String { "infrastructure.cluster.x-k8s.io/\(rawValue)" }
    }

    public var clusterAPI: APIVersionValues.ClusterAPI
    public var kamaji: APIVersionValues.Kamaji
    public var proxmox: Proxmox
}

/// The Secret with the Proxmox VE API credentials that CAPMOX reads (`ProxmoxCluster.spec.credentialsRef`).
public struct ProxmoxCredentials: Decodable, Equatable, Sendable {
    public var secret: SecretReference

    public struct SecretReference: Decodable, Equatable, Sendable {
        public var name: String?
        /// Empty: the cluster's namespace.
        public var namespace: String?
    }
}

public struct ProxmoxClusterValues: Decodable, Equatable, Sendable {
    public var name: String?
    public var clusterNetwork: ClusterValues.ClusterNetwork
    public var controlPlane: ProxmoxControlPlaneValues
    /// Proxmox VE nodes the cluster's VMs may run on.
    public var allowedNodes: [TemplateText]?
    /// The chart reads no template from it; kamaji-capi uses it when the values set it (deviation P2).
    public var credentialsRef: ProxmoxCredentials.SecretReference?
    public var dnsServers: [TemplateText]?
    public var ipv4Config: IPv4Config?
    public var metrics: MetricsValues

    /// The address pool CAPMOX makes for the cluster (`ProxmoxCluster.spec.ipv4Config`).
    public struct IPv4Config: Decodable, Equatable, Sendable {
        public var addresses: [TemplateText]?
        public var gateway: TemplateText?
        public var prefix: TemplateNumber?
    }
}

/// The vSphere chart's control-plane keys without `name` and the component `extraArgs` (this chart
/// has neither), with the `network.ingress` its values.yaml documents.
public struct ProxmoxControlPlaneValues: Decodable, Equatable, Sendable {
    public var labels: [String: ScalarString]?
    public var replicas: Int?
    public var dataStoreName: String?
    public var addons: ControlPlaneValues.Addons?
    public var deployment: ControlPlaneValues.Deployment?
    public var kubelet: ControlPlaneValues.Kubelet?
    public var network: Network
    public var version: String

    public struct Network: Decodable, Equatable, Sendable {
        /// Rendered into `KamajiControlPlane.spec.network.ingress` (chart 0.0.4 drops it, deviation P3).
        public var ingress: Ingress?
        public var serviceType: String?
        public var serviceAddress: String?
        public var serviceAnnotations: [String: ScalarString]?
        public var serviceLabels: [String: ScalarString]?
        public var certSANs: [String]?
    }

    /// Kamaji's `network.ingress`: the tenant API server behind an Ingress of the management cluster.
    public struct Ingress: Decodable, Equatable, Sendable {
        public var hostname: String?
        public var className: String?
        public var extraAnnotations: [String: ScalarString]?
        public var extraLabels: [String: ScalarString]?
    }
}

/// One pool of Proxmox VE VMs. Scalars the chart hashes keep how they were written
/// (`TemplateText`, `TemplateNumber`); `labels` and `taints` also remember whether the key was
/// there at all, as the chart's `hasKey` does.
public struct ProxmoxNodePoolValues: Decodable, Equatable, Sendable, IndependentlyDecodable {
    public var name: String
    public var replicas: Int?
    public var autoscaling: NodePoolValues.Autoscaling?
    /// The Proxmox VE node that holds the VM template.
    public var sourceNode: TemplateText?
    public var allowedNodes: [TemplateText]?
    /// The Proxmox VE resource pool of the VMs.
    public var pool: TemplateText?
    /// The VM template to clone; when 0, "" or null, `templateSelector` finds it by tags.
    public var templateId: TemplateNumber?
    public var templateSelector: TemplateSelector?
    public var network: Network?
    public var storage: TemplateText?
    public var format: TemplateText?
    public var disks: Disks?
    public var memoryMiB: TemplateNumber?
    public var numCores: TemplateNumber?
    public var numSockets: TemplateNumber?
    public var additionalCloudInitFiles: String?
    public var users: [NodePoolValues.User]?
    /// kubelet `--node-labels` as written (`a=b,c=d`).
    public var labels: TemplateText?
    /// kubelet `--register-with-taints` as written (`key=value:Effect`).
    public var taints: TemplateText?
    /// Whether the pool has the key `labels` / `taints`, null included (the chart's `hasKey`).
    public var hasLabels = false
    public var hasTaints = false

    public struct TemplateSelector: Decodable, Equatable, Sendable {
        public var matchTags: [TemplateText]?
    }

    public struct Network: Decodable, Equatable, Sendable {
        public var bridge: TemplateText?
        public var model: TemplateText?
        public var dnsServers: [TemplateText]?
        public var addressesFromPools: NodePoolValues.AddressesFromPools?
    }

    public struct Disks: Decodable, Equatable, Sendable {
        public var bootVolume: BootVolume?

        public struct BootVolume: Decodable, Equatable, Sendable {
            public var disk: TemplateText?
            public var sizeGb: TemplateNumber?
        }
    }

    package enum CodingKeys: String, CodingKey {
        case name, replicas, autoscaling, sourceNode, allowedNodes, pool, templateId, templateSelector, network,
            storage, format, disks, memoryMiB, numCores, numSockets, additionalCloudInitFiles, users, labels, taints
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        replicas = try container.decodeIfPresent(Int.self, forKey: .replicas)
        autoscaling = try container.decodeIfPresent(NodePoolValues.Autoscaling.self, forKey: .autoscaling)
        sourceNode = try container.decodeIfPresent(TemplateText.self, forKey: .sourceNode)
        allowedNodes = try container.decodeIfPresent([TemplateText].self, forKey: .allowedNodes)
        pool = try container.decodeIfPresent(TemplateText.self, forKey: .pool)
        // The chart's `if .nodePool.templateId` takes "" for unset, as it takes 0 and null: the
        // template is then found by templateSelector.
        templateId =
            container.contains(.templateId) && (decoder as? TreeDecoder)?.node?["templateId"] == .string("")
            ? TemplateNumber.emptyText : try container.decodeIfPresent(TemplateNumber.self, forKey: .templateId)
        templateSelector = try container.decodeIfPresent(TemplateSelector.self, forKey: .templateSelector)
        network = try container.decodeIfPresent(Network.self, forKey: .network)
        storage = try container.decodeIfPresent(TemplateText.self, forKey: .storage)
        format = try container.decodeIfPresent(TemplateText.self, forKey: .format)
        disks = try container.decodeIfPresent(Disks.self, forKey: .disks)
        memoryMiB = try container.decodeIfPresent(TemplateNumber.self, forKey: .memoryMiB)
        numCores = try container.decodeIfPresent(TemplateNumber.self, forKey: .numCores)
        numSockets = try container.decodeIfPresent(TemplateNumber.self, forKey: .numSockets)
        additionalCloudInitFiles = try container.decodeIfPresent(String.self, forKey: .additionalCloudInitFiles)
        users = try container.decodeIfPresent([NodePoolValues.User].self, forKey: .users)
        hasLabels = container.contains(.labels)
        labels = try container.decodeIfPresent(TemplateText.self, forKey: .labels)
        hasTaints = container.contains(.taints)
        taints = try container.decodeIfPresent(TemplateText.self, forKey: .taints)
    }

    /// The VM template id when the chart uses it: Sprig's truthiness, so 0 picks the selector.
    public var usedTemplateId: TemplateNumber? {
        guard let templateId else { return nil }
        if case .string(let text) = templateId.written { return text.isEmpty ? nil : templateId }
        return templateId.value == 0 ? nil : templateId
    }

    /// Whether the machines take their address from the cluster's InClusterIPPool.
    public var addressesFromPools: Bool { network?.addressesFromPools?.enabled == true }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// The values of chart `capi-kamaji-vsphere` 0.2.9 as typed Swift, plus the keys of chart 0.1.0 that
/// this tool renders again (credentials, CSI). Property names are the values keys, so a values path
/// in an error message is the path a user types. Optional means "the chart renders nothing (or
/// null) when absent"; non-optional means the defaults always provide it or it is required.
public struct ChartValues: Decodable, Equatable, Sendable {
    public var vSphere: VSphereValues
    public var ipamProvider: IPAMProviderValues
    public var cluster: ClusterValues
    public var nodePools: [NodePoolValues]
    public var vSphereCloudControllerManager: CloudControllerManagerValues
    public var vSphereStorageControllerManager: StorageControllerManagerValues?
    public var apiVersions: APIVersionValues
    /// kamaji-capi: the infrastructure provider of the workers (vSphere by default).
    public var infrastructure: InfrastructureValues
    /// kamaji-capi: the CNI delivered to the workload cluster (none by default, as in the chart).
    public var cni: CNIValues
    /// kamaji-capi: the chart these values are for (`capi-kamaji-vsphere`), so a file names it itself.
    public var chart: ChartName?

    package enum CodingKeys: String, CodingKey {
        case vSphere, ipamProvider, cluster, nodePools, vSphereCloudControllerManager,
            vSphereStorageControllerManager, apiVersions, infrastructure, cni, chart
    }

    /// As synthesized, plus one rule the pools cannot see on their own: a vSphere pool needs the VM
    /// template and network to clone, other providers' pools have neither. Recorded in the same
    /// decoding pass, so a missing one is reported together with every other mistake.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vSphere = try container.decode(VSphereValues.self, forKey: .vSphere)
        ipamProvider = try container.decode(IPAMProviderValues.self, forKey: .ipamProvider)
        cluster = try container.decode(ClusterValues.self, forKey: .cluster)
        nodePools = try container.decode([NodePoolValues].self, forKey: .nodePools)
        vSphereCloudControllerManager = try container.decode(
            CloudControllerManagerValues.self, forKey: .vSphereCloudControllerManager)
        vSphereStorageControllerManager = try container.decodeIfPresent(
            StorageControllerManagerValues.self, forKey: .vSphereStorageControllerManager)
        apiVersions = try container.decode(APIVersionValues.self, forKey: .apiVersions)
        infrastructure = try container.decode(InfrastructureValues.self, forKey: .infrastructure)
        cni = try container.decode(CNIValues.self, forKey: .cni)
        chart = try container.decodeIfPresent(ChartName.self, forKey: .chart)
        guard infrastructure.provider == .vsphere, let tree = decoder as? TreeDecoder else { return }
        for (index, pool) in nodePools.enumerated() {
            for (key, value) in [("template", pool.template), ("network", pool.network)] where value == nil {
                tree.context.record(
                    .missingValue, path: tree.path / "nodePools" / index / key,
                    message: "is required", hint: "set it to a string")
            }
        }
    }
}

/// Which version of each provider's API the objects are written in (docs/api-versions.md). The
/// chart's versions are the defaults; each choice switches the objects' shape, not only `apiVersion`.
public struct APIVersionValues: Decodable, Equatable, Sendable {
    /// Cluster API's own kinds: Cluster, MachineDeployment, KubeadmConfigTemplate, ClusterResourceSet.
    public enum ClusterAPI: String, ValuesEnum, Sendable {
        case v1beta1, v1beta2
    }
    /// CAPV's kinds: VSphereCluster, VSphereMachineTemplate.
    public enum VSphere: String, ValuesEnum, Sendable {
        case v1beta1, v1beta2
    }
    public enum Kamaji: String, ValuesEnum, Sendable {
        case v1alpha1, v1alpha2
    }
    public var clusterAPI: ClusterAPI
    public var vsphere: VSphere
    public var kamaji: Kamaji
}

public struct VSphereValues: Decodable, Equatable, Sendable {
    public var dataCenter: String?
    public var server: String?
    public var port: Int?
    public var insecure: Bool?
    public var tlsThumbprint: String?
    public var identityRef: IdentityRef?
    /// Chart 0.1.0: the Cluster API credentials Secret, created from `username`/`password` or named.
    public var secret: SecretRef?
    public var username: String?
    public var password: SecretString?
    /// kamaji-capi: the address the workers reach the tenant API server at, written to the
    /// VSphereCluster. Needed when the management cluster has no load balancer (NodePort); it must
    /// equal the control plane's `serviceAddress` and `apiServerPort` (check KC410, KC411).
    public var controlPlaneEndpoint: Endpoint?

    public struct IdentityRef: Decodable, Equatable, Sendable {
        public var type: String?
        public var name: String?
    }

    public struct Endpoint: Decodable, Equatable, Sendable {
        public var host: String?
        public var port: Int?
    }
}

public struct SecretRef: Decodable, Equatable, Sendable {
    public var create: Bool?
    public var name: String?
    /// kamaji-capi: the name of the Secret created when `create` is true (chart 0.1.0 ignores `name`
    /// then and names it after the cluster); unset or empty, the chart's name.
    public var createdName: String?

    package init(create: Bool? = nil, name: String? = nil, createdName: String? = nil) {
        self.create = create
        self.name = name
        self.createdName = createdName
    }
}

public struct IPAMProviderValues: Decodable, Equatable, Sendable {
    public var enabled: Bool
    public var ranges: [String]?
    public var prefix: IntOrString?
    public var gateway: String?
}

public struct ClusterValues: Decodable, Equatable, Sendable {
    public var name: String?
    public var clusterNetwork: ClusterNetwork
    public var controlPlane: ControlPlaneValues
    public var metrics: MetricsValues

    public struct ClusterNetwork: Decodable, Equatable, Sendable {
        public var apiServerPort: Int?
        public var serviceDomain: String?
        public var pods: CIDRBlocks?
        public var services: CIDRBlocks?
    }

    public struct CIDRBlocks: Decodable, Equatable, Sendable {
        public var cidrBlocks: [String]?
    }
}

public struct ControlPlaneValues: Decodable, Equatable, Sendable {
    /// kamaji-capi: the KamajiControlPlane's name; the cluster name when unset or empty.
    public var name: String?
    public var labels: [String: ScalarString]?
    public var replicas: Int?
    public var apiServer: ComponentArgs?
    public var controllerManager: ComponentArgs?
    public var scheduler: ComponentArgs?
    public var dataStoreName: String?
    public var addons: Addons?
    public var deployment: Deployment?
    public var kubelet: Kubelet?
    public var network: Network
    public var version: String

    public struct ComponentArgs: Decodable, Equatable, Sendable {
        public var extraArgs: [String]?
    }

    public struct Addons: Decodable, Equatable, Sendable {
        public var coreDNS: RawYAML?
        public var kubeProxy: RawYAML?
        public var konnectivity: RawYAML?
    }

    public struct Deployment: Decodable, Equatable, Sendable {
        public var additionalMetadata: Metadata?
        public var podAdditionalMetadata: Metadata?
        public var affinity: RawYAML?
        public var tolerations: RawYAML?
        public var nodeSelector: [String: ScalarString]?
        public var topologySpreadConstraints: RawYAML?
    }

    public struct Kubelet: Decodable, Equatable, Sendable {
        public var cgroupfs: String?
        public var preferredAddressTypes: [String]?
    }

    public struct Network: Decodable, Equatable, Sendable {
        public var serviceType: String?
        public var serviceAddress: String?
        public var serviceAnnotations: [String: ScalarString]?
        public var serviceLabels: [String: ScalarString]?
        public var certSANs: [String]?
    }
}

/// Labels and annotations added to an object and to its pods.
public struct Metadata: Decodable, Equatable, Sendable {
    public var labels: [String: ScalarString]?
    public var annotations: [String: ScalarString]?
}

public struct MetricsValues: Decodable, Equatable, Sendable {
    public var enabled: Bool
    public var serviceAccount: ServiceAccountRef?

    public struct ServiceAccountRef: Decodable, Equatable, Sendable {
        public var name: String?
        public var namespace: String?
    }
}

public struct NodePoolValues: Decodable, Equatable, Sendable, IndependentlyDecodable {
    public var name: String
    /// kamaji-capi: the MachineDeployment's name; `<cluster>-<pool>-md` when unset or empty.
    public var machineDeploymentName: String?
    public var dataStore: String?
    public var folder: String?
    public var resourcePool: String?
    public var storagePolicyName: String?
    /// vSphere: the VM template to clone and the network of the VMs (required with vSphere).
    public var template: String?
    public var network: String?
    /// kamaji-capi, vSphere: how CAPV powers a VM off; unset, the chart's `trySoft`.
    public var powerOffMode: PowerOffMode?
    /// kamaji-capi, vSphere: kubelet's `--node-ip` from the VM's vSphere metadata, as the chart sets
    /// it (unset: true); false leaves the flag out and kubelet picks the address.
    public var nodeIPFromMetadata: Bool?
    public var replicas: Int?
    public var autoscaling: Autoscaling?
    public var diskGiB: Int?
    public var memoryMiB: Int?
    public var numCPUs: Int?
    public var dhcp4: Bool?
    public var staticRoutes: [StaticRoute]?
    public var addressesFromPools: AddressesFromPools?
    public var nameServers: [String]?
    public var users: [User]?
    public var preKubeadmCommands: [String]?
    public var postKubeadmCommands: [String]?
    /// Passed to kubelet `--node-labels` as written (`a=b,c=d`).
    public var labels: String?
    /// Passed to kubelet `--register-with-taints` as written (`key=value:Effect`).
    public var taints: String?
    public var additionalCloudInitFiles: String?
    /// kamaji-capi: labels of the pool's MachineDeployment and of its machines; when given, the
    /// MachineDeployment selects its machines by them and the cluster label (otherwise Cluster API
    /// picks the selector).
    public var machineLabels: [String: ScalarString]?
    /// kamaji-capi: how long Cluster API drains a machine's node before deleting it, a duration
    /// (`0s`, `5m`); unset, as `0s`: until drained.
    public var nodeDrainTimeout: String?
    /// kamaji-capi: more kubelet flags (`--name=value` without the dashes), beside the provider's.
    public var kubeletExtraArgs: [String: ScalarString]?
    /// kamaji-capi: cloud-init files, written as given (`additionalCloudInitFiles` is the chart's one file).
    public var files: [CloudInitFile]?
    /// kamaji-capi: the Metal³ machine of the pool, with `infrastructure.provider: metal3`.
    public var metal3: Metal3PoolValues?
    /// kamaji-capi: the Equinix Metal server of the pool, with `infrastructure.provider: equinix`.
    public var equinix: EquinixPoolValues?

    /// CAPV's power-off modes: `hard` (CAPV's default), `soft` (a guest shutdown, needs VMware
    /// Tools), `trySoft` (a guest shutdown, then hard after a timeout; the chart's).
    public enum PowerOffMode: String, ValuesEnum, Sendable {
        case hard, soft, trySoft
    }

    public struct Autoscaling: Decodable, Equatable, Sendable {
        public var enabled: Bool?
        public var minSize: IntOrString?
        public var maxSize: IntOrString?
        /// Chart 0.1.0: labels the cluster autoscaler's auto-discovery selects pools by.
        public var labels: [String: ScalarString]?
    }

    public struct StaticRoute: Decodable, Equatable, Sendable {
        public var to: String?
        public var via: String?
        public var metric: Int?
    }

    public struct AddressesFromPools: Decodable, Equatable, Sendable {
        public var enabled: Bool?
    }

    /// A cloud-init user as Cluster API's KubeadmConfig knows it. Typed so a misspelt field is caught,
    /// but printed back with exactly the keys the user gave, because the chart hashes `toYaml` of it.
    public struct User: Decodable, Equatable, Sendable {
        public var name: String
        public var gecos: String?
        public var groups: String?
        public var homeDir: String?
        public var inactive: Bool?
        public var shell: String?
        public var passwd: String?
        public var passwdFrom: PasswdSource?
        public var primaryGroup: String?
        public var lockPassword: Bool?
        public var sudo: String?
        public var sshAuthorizedKeys: [String]?
        /// Keys written as null (`sudo: null`): `toYaml` prints them, so the charts hash them (UserDecoding.swift).
        public var nullKeys: [String] = []
    }

    public struct PasswdSource: Decodable, Equatable, Sendable {
        public var secret: SecretKeyRef

        public struct SecretKeyRef: Decodable, Equatable, Sendable {
            public var name: String
            public var key: String
        }
    }
}

public struct CloudControllerManagerValues: Decodable, Equatable, Sendable {
    public var enabled: Bool?
    public var image: Image?
    public var secret: SecretRef?
    public var topology: Topology?
    public var additionalMetadata: Metadata?
    public var podAdditionalMetadata: Metadata?
    public var affinity: RawYAML?
    public var tolerations: RawYAML?
    public var nodeSelector: [String: ScalarString]?
    public var topologySpreadConstraints: RawYAML?
    /// Chart 0.1.0: the image tag, used when `image.tag` is not given.
    public var version: String?
    /// Chart 0.1.0: credentials for the `vsphere.conf` Secret when `secret.create` is true.
    public var username: String?
    public var password: SecretString?

    public struct Image: Decodable, Equatable, Sendable {
        public var registry: String?
        public var repository: String?
        public var tag: String?
        public var pullPolicy: String?
    }

    public struct Topology: Decodable, Equatable, Sendable {
        public var region: String?
        public var zone: String?
    }
}

/// Chart 0.1.0's vSphere CSI controller, which runs beside the tenant control plane.
public struct StorageControllerManagerValues: Decodable, Equatable, Sendable {
    public var enabled: Bool?
    public var logLevel: String?
    public var secret: SecretRef?
    public var username: String?
    public var password: SecretString?
    public var namespace: String?
    public var storageClass: StorageClass?

    public struct StorageClass: Decodable, Equatable, Sendable {
        public var enabled: Bool?
        public var name: String?
        public var allowVolumeExpansion: Bool?
        public var reclaimPolicy: String?
        public var volumeBindingMode: String?
        public var parameters: [String: ScalarString]?
        public var `default`: Bool?
    }
}

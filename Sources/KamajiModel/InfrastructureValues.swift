import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// kamaji-capi's `infrastructure:` values: which Cluster API infrastructure provider runs the workers
/// and its cluster-level settings. vSphere, the chart's, is the default and reads its settings from
/// the chart's own `vSphere:` key; Metal³ and Equinix Metal read theirs from here
/// (docs/providers/*.md).
public struct InfrastructureValues: Decodable, Equatable, Sendable {
    public enum Provider: String, ValuesEnum, Sendable {
        case vsphere, metal3, equinix
        /// Proxmox VE through CAPMOX: chart capi-kamaji-proxmox's own provider, chosen by that chart
        /// (`chart: capi-kamaji-proxmox`), not by this key.
        case proxmox

        /// The providers the vSphere chart's `infrastructure.provider` accepts.
        public static var allCases: [Provider] { [.vsphere, .metal3, .equinix] }
    }

    public var provider: Provider
    public var metal3: Metal3Values?
    public var equinix: EquinixValues?
}

/// Cluster-level Metal³ settings: the `Metal3Cluster` and the `ipam.metal3.io` IP pools the pools'
/// data templates draw addresses from.
public struct Metal3Values: Decodable, Equatable, Sendable {
    /// `Metal3Cluster.spec.noCloudProvider`: no cloud provider sets the nodes' provider ID, the
    /// kubelet does (`provider-id` from the Metal³ metadata).
    public var noCloudProvider: Bool?
    public var ipPools: [IPPool]?

    /// One `ipam.metal3.io/v1alpha1` `IPPool`, named as given (data templates refer to it by name).
    public struct IPPool: Decodable, Equatable, Sendable {
        public var name: String
        /// Prefix of the IPAddress objects' names; `<cluster>-<name>` when not given.
        public var namePrefix: String?
        public var pools: [Range]?
        public var prefix: Int?
        public var gateway: String?
        public var dnsServers: [String]?

        public struct Range: Decodable, Equatable, Sendable {
            public var start: String?
            public var end: String?
            public var subnet: String?
            public var prefix: Int?
            public var gateway: String?
            public var dnsServers: [String]?
        }
    }
}

/// Cluster-level Equinix Metal (Packet) settings for the `PacketCluster`.
public struct EquinixValues: Decodable, Equatable, Sendable {
    public var projectID: String?
    public var metro: String?
    public var facility: String?
    /// `CPEM`, `KUBE_VIP` or `EMLB`. The cluster is marked `managed-by: kamaji`, so CAPP starts no
    /// VIP manager for a control plane it does not run; the field is required by the schema.
    public var vipManager: String?
}

/// Per pool: the Metal³ image the hosts are provisioned with and the data template (metadata and
/// network data) rendered for each machine.
public struct Metal3PoolValues: Decodable, Equatable, Sendable {
    public var image: Image?
    /// `Metal3MachineTemplate.spec.template.spec.hostSelector`, as Metal³ writes it.
    public var hostSelector: RawYAML?
    public var automatedCleaningMode: String?
    public var dataTemplate: DataTemplate?

    public struct Image: Decodable, Equatable, Sendable {
        public var url: String?
        public var checksum: String?
        public var checksumType: String?
        public var format: String?
    }

    public struct DataTemplate: Decodable, Equatable, Sendable {
        public var metaData: MetaData?
        /// Metal³'s `networkData` (links, networks, services) as Metal³ writes it; passed through.
        public var networkData: RawYAML?
    }

    /// Metal³'s `metaData`. The `*FromIPPool` references name an IP pool; kamaji-capi writes the
    /// `apiGroup` and `kind` current Metal³ requires (`ipam.metal3.io`, `IPPool`) when they are not given.
    public struct MetaData: Decodable, Equatable, Sendable {
        public var objectNames: [ObjectName]?
        public var strings: [KeyValue]?
        public var ipAddressesFromIPPool: [PoolReference]?
        public var prefixesFromIPPool: [PoolReference]?
        public var gatewaysFromIPPool: [PoolReference]?
        public var dnsServersFromIPPool: [PoolReference]?
        /// The rarer sources (`indexes`, `namespaces`, `fromHostInterfaces`, `fromLabels`,
        /// `fromAnnotations`) are written as given.
        public var indexes: RawYAML?
        public var namespaces: RawYAML?
        public var fromHostInterfaces: RawYAML?
        public var fromLabels: RawYAML?
        public var fromAnnotations: RawYAML?
    }

    public struct ObjectName: Decodable, Equatable, Sendable {
        public var key: String
        public var object: String
    }

    public struct KeyValue: Decodable, Equatable, Sendable {
        public var key: String
        public var value: String
    }

    public struct PoolReference: Decodable, Equatable, Sendable {
        public var key: String
        public var name: String
        public var apiGroup: String?
        public var kind: String?
    }
}

/// Per pool: the Equinix Metal server every machine of the pool is.
public struct EquinixPoolValues: Decodable, Equatable, Sendable {
    public var machineType: String?
    public var os: String?
    public var billingCycle: String?
    public var sshKeys: [String]?
    public var tags: [String]?
    public var metro: String?
    public var facility: String?
    public var hardwareReservationID: String?
    public var ipxeURL: String?
}

/// A cloud-init file written on every machine of a pool (`KubeadmConfig.spec.files`).
public struct CloudInitFile: Decodable, Equatable, Sendable {
    public var path: String
    public var content: String
    public var owner: String?
    public var permissions: String?
    public var encoding: String?
}

import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// What the rules for clusters that apply cleanly and never come up (KC209, KC304, KC412, KC413,
/// KC414, KC606, and KC502's direction) need to know about Kamaji, Cluster API and the IPAM provider.
extension CheckRules {
    // MARK: Konnectivity (KC412)

    /// Kamaji's default Konnectivity server port (KamajiControlPlane `addons.konnectivity.server.port`).
    package static let defaultKonnectivityPort = 8132

    /// The Konnectivity server's port and the values path it comes from, when the addon is on: the
    /// chart's `konnectivity: {}` enables it with Kamaji's defaults, `null` turns it off.
    package static func konnectivityPort(_ model: ClusterModel) -> (port: Int, path: ValuePath)? {
        guard let addon = model.values.cluster.controlPlane.addons?.konnectivity, addon.value != .null else { return nil }
        let path: ValuePath = "cluster.controlPlane.addons.konnectivity"
        if case .int(let port)? = addon.value["server", "port"] { return (port, path / "server" / "port") }
        return (defaultKonnectivityPort, path)
    }

    /// The usual `--service-node-port-range` of kube-apiserver.
    package static let nodePortRange = 30000...32767

    // MARK: IP pool capacity (KC413, KC414)

    /// How many machines of a pool exist at once, each count with where it comes from: `certain`
    /// counts replicas (Cluster API makes unset replicas the autoscaling minSize, else 1), `peak` the
    /// autoscaling maxSize when it is larger. Both add the one machine a rolling update creates
    /// before it deletes one (MachineDeployment's default `maxSurge` of 1).
    package static func machineDemand(_ pool: NodePoolValues) -> (certain: (count: Int, reason: String), peak: (count: Int, reason: String)) {
        let autoscaling = pool.autoscaling?.enabled == true ? pool.autoscaling : nil
        var certain = (count: 1, reason: "1 by default")
        if let replicas = pool.replicas {
            certain = (replicas, "replicas \(replicas)")
        } else if let minimum = autoscaling?.minSize?.number {
            certain = (minimum, "autoscaling minSize \(minimum)")
        }
        var peak = certain
        if let maximum = autoscaling?.maxSize?.number, maximum > certain.count {
            peak = (maximum, "autoscaling maxSize \(maximum)")
        }
        func withSurge(_ demand: (count: Int, reason: String)) -> (count: Int, reason: String) {
            demand.count > 0 ? (demand.count + 1, demand.reason + " + 1 during a rolling update") : demand
        }
        return (withSurge(certain), withSurge(peak))
    }

    /// KC413 and KC414: the pools drawing addresses from the IP pool, when their `count` machines need
    /// more addresses than it has; the finding names each pool's share.
    package static func ipPoolShortage(
        _ model: ClusterModel, _ count: (NodePoolValues) -> (count: Int, reason: String)
    ) -> CheckRule.Finding? {
        let ipam = model.values.ipamProvider
        guard isProvider(model, .vsphere) || isProvider(model, .proxmox), ipam.enabled, let available = usableAddresses(ipam) else { return nil }
        let demands = pools(model).filter { $0.pool.values.addressesFromPools?.enabled == true }
            .map { path, pool in (path, count(pool.values)) }
        let needed = demands.reduce(0) { $0 + $1.1.count }
        guard needed > available else { return nil }
        // The largest shares first, and at most five: a finding is read by a person.
        let largest = demands.enumerated().sorted { ($0.element.1.count, $1.offset) > ($1.element.1.count, $0.offset) }.map(\.element)
        let parts = largest.prefix(5).map { path, demand in "\(path) \(demand.count) (\(demand.reason))" }
            + (largest.count > 5 ? ["\(largest.count - 5) more pools \(largest.dropFirst(5).reduce(0) { $0 + $1.1.count }) (together)"] : [])
        return .init(
            "ipamProvider.ranges", "\(available) usable addresses, the pools need \(needed): " + parts.joined(separator: ", "))
    }

    /// The addresses the in-cluster IPAM provider hands out from the pool: the union of the ranges
    /// without the subnet's network address (and broadcast address in IPv4) and the gateway, as
    /// cluster-api-ipam-provider-in-cluster does unless `allocateReservedIPAddresses`, which the chart
    /// never sets. `nil` when a range or the prefix does not read (KC402 and KC403 say so).
    package static func usableAddresses(_ ipam: IPAMProviderValues) -> Int? {
        let entries = ipam.ranges ?? []
        let ranges = entries.compactMap { IPRange(poolEntry: $0) }
        guard ranges.count == entries.count, let first = ranges.first, let prefix = ipam.prefix?.number,
            (0...first.first.bitCount).contains(prefix),
            ranges.allSatisfy({ $0.first.bytes.count == first.first.bytes.count })
        else { return nil }
        let merged = IPRange.union(ranges)
        var reserved: Set<IPAddress> = [first.first.masked(prefix: prefix, fill: false)]
        if first.first.isIPv4 { reserved.insert(first.first.masked(prefix: prefix, fill: true)) }
        if let gateway = ipam.gateway.flatMap(IPAddress.init) { reserved.insert(gateway) }
        let total = merged.reduce(0) { $0.addingReportingOverflow($1.count).overflow ? Int.max : $0 + $1.count }
        guard total < Int.max else { return total }
        return total - reserved.count { address in merged.contains { $0.contains(address) } }
    }

    // MARK: Node sizes (KC209)

    /// Kubernetes' kubeadm installation guide asks for 2 GB of RAM per machine, "any less will
    /// leave little room for your apps"; kubelet, the container runtime, kube-proxy and a CNI agent
    /// take most of a smaller VM.
    package static let minimumMemoryMiB = 2048
    /// CAPV grows a clone's disk but cannot shrink it ("can't resize template disk down"), and the
    /// Kubernetes image-builder's vSphere templates have a 20 GiB disk.
    package static let minimumDiskGiB = 20

    // MARK: Unused passwords (KC606)

    /// Each password the values give and whether a Secret is created from it: a password nothing
    /// uses is usually one meant for a Secret whose `create` is not set.
    package static func passwordUses(_ model: ClusterModel) -> [(path: ValuePath, password: SecretString?, isUsed: Bool)] {
        let values = model.values
        let cloudControllerCreates = model.cloudControllerEnabled && values.vSphereCloudControllerManager.secret?.create == true
        // The cloud controller's Secret takes vSphere's credentials unless it has its own.
        let cloudControllerOwn = Credentials(
            path: .root, username: values.vSphereCloudControllerManager.username,
            password: values.vSphereCloudControllerManager.password
        ).isSet
        return [
            ("vSphere.password", values.vSphere.password,
                values.vSphere.secret?.create == true || (cloudControllerCreates && !cloudControllerOwn)),
            ("vSphereCloudControllerManager.password", values.vSphereCloudControllerManager.password, cloudControllerCreates),
            ("vSphereStorageControllerManager.password", values.vSphereStorageControllerManager?.password,
                model.storage?.secret?.create == true),
        ]
    }

    // MARK: Version skew (KC502)

    /// The fix of a pool whose template is for another minor than the control plane, in the
    /// direction it is off: kubelet must never be newer than the API server, and may be older only
    /// within the skew policy.
    package static func templateSkewFix(template: KubernetesVersion, controlPlane: KubernetesVersion) -> String {
        let target = "v\(controlPlane.major).\(controlPlane.minor)"
        if (template.major, template.minor) > (controlPlane.major, controlPlane.minor) {
            return "kubelet must not be newer than the API server: clone a template built for \(target), "
                + "or upgrade cluster.controlPlane.version first"
        }
        let skew = KubernetesVersion.kubeletSkew(apiServer: controlPlane)
        return "kubelet is older than the API server, which Kubernetes supports up to \(skew) minor versions "
            + "and only while upgrading: clone a template built for \(target)"
    }
}

extension KubernetesVersion {
    /// How many minor versions a kubelet may be older than the API server: three since Kubernetes
    /// v1.28, two before (the Kubernetes version skew policy).
    package static func kubeletSkew(apiServer: KubernetesVersion) -> Int {
        apiServer.major == 1 && apiServer.minor < 28 ? 2 : 3
    }
}

extension IPRange {
    /// The number of addresses, `Int.max` when it does not fit (a large IPv6 range).
    package var count: Int {
        let width = first.bytes.count
        // Ranges that differ above the lowest 62 bits hold more addresses than an Int counts.
        guard first.bytes.prefix(max(0, width - 8)) == last.bytes.prefix(max(0, width - 8)) else { return Int.max }
        let low = { (address: IPAddress) in address.bytes.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        let difference = low(last) - low(first)
        return difference >= UInt64(Int.max) ? Int.max : Int(difference) + 1
    }

    /// The ranges of one address family merged where they overlap or touch, in address order.
    package static func union(_ ranges: [IPRange]) -> [IPRange] {
        var merged: [IPRange] = []
        for range in ranges.sorted(by: { $0.first < $1.first }) {
            if let last = merged.last, last.last.next.map({ range.first <= $0 }) ?? true {
                if range.last > last.last { merged[merged.count - 1].last = range.last }
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}

extension IPAddress {
    /// The address after this one; `nil` after the last of its family.
    package var next: IPAddress? {
        var bytes = self.bytes
        for index in bytes.indices.reversed() {
            if bytes[index] < 0xFF {
                bytes[index] += 1
                return IPAddress(bytes: bytes)
            }
            bytes[index] = 0
        }
        return nil
    }
}

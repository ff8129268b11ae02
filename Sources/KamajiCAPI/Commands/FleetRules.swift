import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// Check rules across the clusters of a fleet folder (KF1xx), which `check DIR` and `render-fleet`
/// run after each cluster's own rules. The clusters of one folder are taken to share one management
/// cluster (their NodePorts and addresses) and one vSphere estate (their networks); each passes
/// alone and breaks the other together. Every rule is an error: `render-fleet` writes none of the
/// clusters involved.
public struct FleetRule: Sendable {
    /// One conflict: the value of each cluster involved (a member index and a values path), and what
    /// they share.
    struct Finding {
        var values: [(member: Int, path: ValuePath)]
        var message: String
    }

    public let id: String
    public let title: String
    public let fix: String
    let find: @Sendable ([FleetMember]) -> [Finding]

    public var severity: Diagnostic.Severity { .error }
}

/// One cluster of a fleet as the fleet rules see it: its values file and what `check` made of it.
public struct FleetMember: Sendable {
    public var file: String
    public var checked: CheckResult
    var model: ClusterModel { checked.model }

    public init(file: String, checked: CheckResult) {
        self.file = file
        self.checked = checked
    }

    /// The position of a value, else of its values file.
    func location(of path: ValuePath) -> SourceLocation {
        checked.locations.nearest(to: path) ?? SourceLocation(file: file)
    }
}

public enum FleetRules {
    public static let all: [FleetRule] = [
        FleetRule(
            id: "KF101", title: "Two clusters expose the same NodePort",
            fix: "with serviceType NodePort Kamaji asks for a nodePort equal to the port (apiServerPort, and the Konnectivity server's port), and a nodePort is unique on a management cluster: give each cluster its own ports"
        ) { members in
            shared(members) { model in
                guard CheckRules.isNodePort(model) else { return [] }
                return servedPorts(model).map { ("NodePort \($0.port)", $0.path) }
            }
        },
        FleetRule(
            id: "KF102", title: "Two clusters serve on the same address and port",
            fix: "a Service address and port take one control plane: give each cluster its own serviceAddress, or its own apiServerPort and Konnectivity port"
        ) { members in
            // Clusters that are both NodePort already clash by port (KF101).
            shared(members, skipWhenAll: CheckRules.isNodePort) { model in
                let address = CheckRules.network(model).serviceAddress ?? ""
                guard !address.isEmpty else { return [] }
                return servedPorts(model).map { ("address \(address):\($0.port)", "cluster.controlPlane.network.serviceAddress") }
            }
        },
        FleetRule(
            id: "KF103", title: "The IP pools of two clusters overlap on one vSphere network or Proxmox bridge",
            fix: "machines on one network need distinct addresses: give each cluster's ipamProvider.ranges its own part of the network (clusters that keep both the defaults' range and network, placeholders, are not compared)"
        ) { members in
            let pools = members.map(ipPool)
            var byNetwork: [String: [RangeUse]] = [:]
            for (member, pool) in pools.enumerated() {
                for network in pool?.networks ?? [] {
                    for (index, range) in pool!.ranges { byNetwork[network, default: []].append(RangeUse(member: member, index: index, range: range)) }
                }
            }
            var findings: [(a: RangeUse, b: RangeUse, finding: FleetRule.Finding)] = []
            for network in byNetwork.keys.sorted() {
                for (one, other) in overlappingRanges(byNetwork[network]!) where one.member != other.member {
                    let (a, b) = one.member < other.member ? (one, other) : (other, one)
                    let poolA = pools[a.member]!, poolB = pools[b.member]!
                    guard poolA.clusterName != poolB.clusterName, poolA.isChosen || poolB.isChosen,
                        // Each pair of clusters at the first network they share only.
                        poolA.networks.intersection(poolB.networks).min() == network
                    else { continue }
                    findings.append((a, b, FleetRule.Finding(
                        values: [(a.member, ValuePath.root / "ipamProvider" / "ranges" / a.index), (b.member, ValuePath.root / "ipamProvider" / "ranges" / b.index)],
                        message: "IP pool ranges \(a.range) and \(b.range) overlap on \(network)")))
                }
            }
            return findings.sorted { ($0.a.member, $0.b.member, $0.a.index, $0.b.index) < ($1.a.member, $1.b.member, $1.a.index, $1.b.index) }
                .map(\.finding)
        },
        FleetRule(
            id: "KF104", title: "Two clusters render an object of the same kind, namespace and name",
            fix: "the second apply overwrites the first cluster's object: give the clusters distinct names (cluster.controlPlane.name, machineDeploymentName, secret createdName)"
        ) { members in
            let objects = Parallel.map(members.count) { ClusterManifest.build(members[$0].model) }
            var owners: [String: [(member: Int, object: ManifestObject)]] = [:]
            for (member, list) in objects.enumerated() {
                for object in list { owners[object.identity, default: []].append((member, object)) }
            }
            return owners.keys.sorted().compactMap { identity in
                let holders = owners[identity]!
                // Two files of one cluster name share every object: render-fleet reports that once.
                guard Set(holders.map { members[$0.member].model.clusterName }).count > 1 else { return nil }
                let object = holders[0].object
                return FleetRule.Finding(
                    values: holders.map { ($0.member, namePath(of: $0.object, in: members[$0.member].model)) },
                    message: "\(object.kind) \(object.namespace.map { "\($0)/" } ?? "")\(object.name) is rendered by more than one cluster")
            }
        },
    ]

    public static func rule(_ id: String) -> FleetRule? { all.first { $0.id == id } }

    /// The findings of every fleet rule, as diagnostics of each member involved (same order as
    /// `members`): each at its own value, naming every cluster involved and where the others' values are.
    public static func check(_ members: [FleetMember]) -> [[Diagnostic]] {
        var diagnostics = Array(repeating: [Diagnostic](), count: members.count)
        for rule in all {
            for finding in rule.find(members) {
                let names = finding.values.map { "cluster \"\(members[$0.member].model.clusterName)\"" }
                for (position, value) in finding.values.enumerated() {
                    let others = finding.values.enumerated().filter { $0.offset != position }.map { offset, other in
                        "\(names[offset]) at \(members[other.member].location(of: other.path)) (\(other.path))"
                    }
                    diagnostics[value.member].append(
                        Diagnostic(
                            rule.severity, code: .invalidValue, path: value.path,
                            location: members[value.member].location(of: value.path),
                            message: "\(finding.message): \(names[position]) and " + others.joined(separator: ", "),
                            hint: rule.fix, rule: rule.id))
                }
            }
        }
        return diagnostics
    }

    /// Values that must be unique across the fleet, grouped: each key (`NodePort 31443`) that more
    /// than one cluster has is a finding naming the value of each. `skipWhenAll` leaves out keys
    /// whose clusters all match it.
    static func shared(
        _ members: [FleetMember], skipWhenAll: ((ClusterModel) -> Bool)? = nil,
        _ keys: (ClusterModel) -> [(key: String, path: ValuePath)]
    ) -> [FleetRule.Finding] {
        var holders: [String: [(member: Int, path: ValuePath)]] = [:]
        var order: [String] = []
        for (index, member) in members.enumerated() {
            for (key, path) in keys(member.model) where holders[key]?.last?.member != index {  // members come in order: a repeat is the last holder
                if holders[key] == nil { order.append(key) }
                holders[key, default: []].append((index, path))
            }
        }
        return order.compactMap { key in
            let values = holders[key]!
            guard Set(values.map { members[$0.member].model.clusterName }).count > 1 else { return nil }
            if let skipWhenAll, values.allSatisfy({ skipWhenAll(members[$0.member].model) }) { return nil }
            return FleetRule.Finding(values: values, message: "\(key) is used by more than one cluster")
        }
    }

    /// The ports the control plane's Service serves: the API server's and, when on, Konnectivity's.
    static func servedPorts(_ model: ClusterModel) -> [(port: Int, path: ValuePath)] {
        [(CheckRules.apiServerPort(model), "cluster.clusterNetwork.apiServerPort")]
            + (CheckRules.konnectivityPort(model).map { [$0] } ?? [])
    }

    /// A cluster's IP pool ranges and the networks of the pools that draw from it (vSphere networks,
    /// or the Proxmox bridges of chart capi-kamaji-proxmox), and whether a values file or flag chose
    /// either: the defaults' range and network are placeholders, and clusters that keep both are not
    /// yet told where they run.
    static func ipPool(_ member: FleetMember) -> (clusterName: String, networks: Set<String>, ranges: [(Int, IPRange)], isChosen: Bool)? {
        let model = member.model
        let isProxmox = CheckRules.isProvider(model, .proxmox)
        guard CheckRules.isProvider(model, .vsphere) || isProxmox, model.values.ipamProvider.enabled else { return nil }
        let drawing = model.values.nodePools.indices.filter { model.values.nodePools[$0].addressesFromPools?.enabled == true }
        let networks = Set(drawing.compactMap { index in
            isProxmox
                ? model.pools[index].proxmox?.network?.bridge.map { "Proxmox bridge \"\($0.text)\"" }
                : model.values.nodePools[index].network.map { "vSphere network \"\($0)\"" }
        })
        let ranges = (model.values.ipamProvider.ranges ?? []).enumerated().compactMap { index, text in
            IPRange(poolEntry: text).map { (index, $0) }
        }
        let isChosen = model.userSetPaths.contains("ipamProvider.ranges") || drawing.contains {
            let network = ValuePath.root / "nodePools" / $0 / "network"
            return model.userSetPaths.contains(isProxmox ? network / "bridge" : network)
        }
        return networks.isEmpty || ranges.isEmpty ? nil : (model.clusterName, networks, ranges, isChosen)
    }

    /// One range of a cluster's IP pool: the member, the range's index in `ipamProvider.ranges`.
    struct RangeUse {
        var member: Int
        var index: Int
        var range: IPRange
    }

    /// Every two ranges that overlap, found by a sweep over the ranges sorted by their first
    /// address: a fleet of clusters on one network costs n log n, where comparing every two
    /// clusters took a third of a 1,000-cluster `render-fleet` and grew with the square of the clusters.
    static func overlappingRanges(_ uses: [RangeUse]) -> [(RangeUse, RangeUse)] {
        let sorted = uses.sorted { ($0.range.first.bytes.count, $0.range.first) < ($1.range.first.bytes.count, $1.range.first) }
        var open: [RangeUse] = []
        var pairs: [(RangeUse, RangeUse)] = []
        for use in sorted {
            // A range that ends before this one starts (or is of the other family) overlaps nothing after it.
            open.removeAll { !$0.range.overlaps(use.range) }
            for earlier in open { pairs.append((earlier, use)) }
            open.append(use)
        }
        return pairs
    }

    /// The value an object's name comes from, for the finding's file and line: the names a values
    /// file can give, else the cluster name the others derive from.
    static func namePath(of object: ManifestObject, in model: ClusterModel) -> ValuePath {
        let values = model.values
        if object.kind == "KamajiControlPlane", CheckRules.isSet(values.cluster.controlPlane.name) {
            return "cluster.controlPlane.name"
        }
        if object.kind == "MachineDeployment",
            let index = values.nodePools.firstIndex(where: { $0.machineDeploymentName == object.name })
        {
            return ValuePath.root / "nodePools" / index / "machineDeploymentName"
        }
        if object.kind == "Secret",
            let block = CheckRules.credentialBlocks(values).first(where: { $0.secret?.createdName == object.name })
        {
            return block.path / "secret" / "createdName"
        }
        return "cluster.name"
    }
}

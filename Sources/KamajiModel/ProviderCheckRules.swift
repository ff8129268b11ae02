import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// Check rules of the Metal³ and Equinix Metal providers (KC8xx): what each cannot render without,
/// and the Metal³ guide's "these two fields must match" rule, which kamaji-capi turns into "the
/// address must be known" because it derives the Metal3Cluster's endpoint from it. (vSphere's
/// endpoint rules are KC410 and KC411.)
extension CheckRules {
    package static func isProvider(_ model: ClusterModel, _ provider: InfrastructureValues.Provider) -> Bool {
        model.values.infrastructure.provider == provider
    }

    /// The Metal³ IP pool references of a pool's metadata (those of kind IPPool).
    package static func ipPoolReferences(_ pool: NodePoolValues) -> [Metal3PoolValues.PoolReference] {
        guard let metaData = pool.metal3?.dataTemplate?.metaData else { return [] }
        return [metaData.ipAddressesFromIPPool, metaData.prefixesFromIPPool, metaData.gatewaysFromIPPool,
            metaData.dnsServersFromIPPool]
            .flatMap { $0 ?? [] }.filter { ($0.kind ?? "IPPool") == "IPPool" }
    }

    package static let providers: [CheckRule] = [
        CheckRule(
            "KC801", .error, "Metal³ without a `serviceAddress`",
            fix: "Metal³ takes the control-plane endpoint from the Metal3Cluster only, rendered from serviceAddress and apiServerPort: give Kamaji a fixed address"
        ) { model in
            guard isProvider(model, .metal3), !isSet(model.values.cluster.controlPlane.network.serviceAddress) else { return [] }
            return [.init("cluster.controlPlane.network.serviceAddress", "is required with infrastructure.provider metal3")]
        },
        CheckRule(
            "KC802", .error, "A Metal³ pool without an image URL",
            fix: "set nodePools[].metal3.image.url to the image written to the hosts"
        ) { model in
            guard isProvider(model, .metal3) else { return [] }
            return pools(model).filter { !isSet($0.pool.values.metal3?.image?.url) }
                .map { .init($0.path / "metal3" / "image" / "url", "is required with infrastructure.provider metal3") }
        },
        CheckRule(
            "KC803", .error, "A Metal³ IP pool name is invalid or defined twice",
            fix: "name each pool under infrastructure.metal3.ipPools once, with lowercase letters, digits and '-'"
        ) { model in
            guard isProvider(model, .metal3) else { return [] }
            var seen: Set<String> = []
            return (model.values.infrastructure.metal3?.ipPools ?? []).enumerated().compactMap { index, pool in
                let path = ValuePath.root / "infrastructure" / "metal3" / "ipPools" / index / "name"
                if !seen.insert(pool.name).inserted { return .init(path, "IP pool \"\(pool.name)\" is defined twice") }
                return KubernetesNames.labelValueProblem(pool.name, requireDNSLabel: true).map {
                    .init(path, "IP pool name \"\(pool.name)\" \($0)")
                }
            }
        },
        CheckRule(
            "KC804", .error, "A Metal³ data template refers to an IP pool that is not defined",
            fix: "define the pool under infrastructure.metal3.ipPools, or correct the name"
        ) { model in
            guard isProvider(model, .metal3) else { return [] }
            let names = Set((model.values.infrastructure.metal3?.ipPools ?? []).map(\.name))
            return pools(model).flatMap { path, pool in
                ipPoolReferences(pool.values).filter { !names.contains($0.name) }.map {
                    .init(path / "metal3" / "dataTemplate" / "metaData", "refers to IP pool \"\($0.name)\", which infrastructure.metal3.ipPools does not define")
                }
            }
        },
        CheckRule(
            "KC805", .error, "Equinix Metal without a project ID",
            fix: "set infrastructure.equinix.projectID to the Equinix Metal project"
        ) { model in
            guard isProvider(model, .equinix), !isSet(model.values.infrastructure.equinix?.projectID) else { return [] }
            return [.init("infrastructure.equinix.projectID", "is required with infrastructure.provider equinix")]
        },
        CheckRule(
            "KC806", .error, "An Equinix Metal pool without a machine type or OS",
            fix: "set nodePools[].equinix.machineType and .os (the PacketMachineTemplate requires both)"
        ) { model in
            guard isProvider(model, .equinix) else { return [] }
            return pools(model).flatMap { path, pool in
                [("machineType", pool.values.equinix?.machineType), ("os", pool.values.equinix?.os)]
                    .filter { !isSet($0.1) }
                    .map { .init(path / "equinix" / $0.0, "is required with infrastructure.provider equinix") }
            }
        },
        CheckRule(
            "KC807", .error, "`infrastructure.equinix.vipManager` is not a VIP manager of CAPP",
            fix: "use CPEM, KUBE_VIP or EMLB"
        ) { model in
            guard isProvider(model, .equinix), let manager = model.values.infrastructure.equinix?.vipManager,
                isSet(manager), !["CPEM", "KUBE_VIP", "EMLB"].contains(manager)
            else { return [] }
            return [.init("infrastructure.equinix.vipManager", "\"\(manager)\" is not a VIP manager of CAPP")]
        },
    ]
}

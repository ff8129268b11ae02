import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// One thing a user would otherwise learn from a failed `kubectl apply` or a cluster that never comes
/// up, as data: an id (`KC104`), a severity, a one-line title, and how to fix it. `kamaji-capi check`
/// runs every rule; `render` refuses values that break an error-level rule (deviation 7).
/// docs/checks.md is generated from this table (`kamaji-capi check --list-rules`).
public struct CheckRule: Sendable {
    /// One place a rule found broken: the values path and what is wrong there.
    public struct Finding: Equatable, Sendable {
        public var path: ValuePath
        public var message: String
        /// Replaces the rule's `fix` where this finding needs a more specific one.
        public var fix: String?

        public init(_ path: ValuePath, _ message: String, fix: String? = nil) {
            self.path = path
            self.message = message
            self.fix = fix
        }
    }

    public let id: String
    public let severity: Diagnostic.Severity
    public let title: String
    /// A sentence on how to fix it.
    public let fix: String
    package let find: @Sendable (ClusterModel) -> [Finding]

    package init(
        _ id: String, _ severity: Diagnostic.Severity, _ title: String, fix: String,
        find: @escaping @Sendable (ClusterModel) -> [Finding]
    ) {
        self.id = id
        self.severity = severity
        self.title = title
        self.fix = fix
        self.find = find
    }

    public func findings(in model: ClusterModel) -> [Finding] { find(model) }
}

public enum CheckRules {
    /// Every rule, in id order.
    public static let all: [CheckRule] = names + pools + autoscaling + network + versions + credentials + storage + providers
        + proxmox + apiVersions

    public static func rule(_ id: String) -> CheckRule? { all.first { $0.id == id } }

    /// Each pool with its values path (`nodePools[1]`).
    package static func pools(_ model: ClusterModel) -> PoolsWithPaths { PoolsWithPaths(pools: model.pools) }

    /// The pools with their paths, each pair made as a rule reaches it: a dozen rules walk every
    /// pool, and an array of every pool's pair built up front for each of them copied each pool
    /// twice and freed the copies again (3% of a 500-pool render's instructions).
    package struct PoolsWithPaths: RandomAccessCollection {
        let pools: [PoolModel]
        package var startIndex: Int { pools.startIndex }
        package var endIndex: Int { pools.endIndex }
        package subscript(index: Int) -> (path: PoolPath, pool: PoolModel) { (PoolPath(index: index), pools[index]) }
    }

    /// `nodePools[i]`, made a `ValuePath` only when a finding quotes it: rules walk every pool,
    /// and writing every pool's paths up front was most of what checking 500 pools cost.
    package struct PoolPath: CustomStringConvertible {
        package let index: Int
        package var valuePath: ValuePath { ValuePath.root / "nodePools" / index }
        package var description: String { valuePath.description }
        package static func / (path: PoolPath, key: String) -> ValuePath { path.valuePath / key }
    }

    /// `nodePools[i].key[j]`, likewise.
    package struct PoolItemPath: CustomStringConvertible {
        package let pool: PoolPath
        package let key: String
        package let index: Int
        package var valuePath: ValuePath { pool / key / index }
        package var description: String { valuePath.description }
        package static func / (path: PoolItemPath, key: String) -> ValuePath { path.valuePath / key }
    }

    /// Each item whose value an earlier item already has: its index and the first one's.
    package static func repeats(_ values: [String]) -> [(index: Int, first: Int)] {
        var seen: [String: Int] = [:]
        return values.enumerated().compactMap { index, value in
            if let first = seen[value] { return (index, first) }
            seen[value] = index
            return nil
        }
    }

    package static func isSet(_ text: String?) -> Bool { !(text ?? "").isEmpty }

    // MARK: Names and labels

    package static let names: [CheckRule] = [
        CheckRule(
            "KC101", .error, "The cluster name is not a DNS-1123 label of at most 63 characters",
            fix: "it is the cluster-name label of every object: use at most 63 lowercase letters, digits and '-'"
        ) { model in
            KubernetesNames.labelValueProblem(model.clusterName, requireDNSLabel: true).map {
                [.init("cluster.name", "cluster name \"\(model.clusterName)\" \($0)")]
            } ?? []
        },
        CheckRule(
            "KC102", .error, "A node pool name is not a DNS-1123 label",
            fix: "use lowercase letters, digits and '-'"
        ) { model in
            pools(model).compactMap { path, pool in
                KubernetesNames.labelValueProblem(pool.values.name, requireDNSLabel: true).map {
                    .init(path / "name", "pool name \"\(pool.values.name)\" \($0)")
                }
            }
        },
        CheckRule(
            "KC103", .error, "A MachineDeployment name is not a DNS-1123 label of at most 63 characters",
            fix: "Cluster API copies it into a label value: shorten the cluster or pool name (the default name is <cluster>-<pool>-md), or set a shorter machineDeploymentName"
        ) { model in
            // A default name built from an invalid cluster name is KC101's finding (which names the
            // NAME argument, not the default pool it was joined with).
            let clusterNameIsValid = KubernetesNames.labelValueProblem(model.clusterName, requireDNSLabel: true) == nil
            return pools(model).compactMap { path, pool in
                let isNamed = !(pool.values.machineDeploymentName ?? "").isEmpty
                // A default name built from an invalid pool name is KC102's finding.
                guard isNamed || (clusterNameIsValid
                    && KubernetesNames.labelValueProblem(pool.values.name, requireDNSLabel: true) == nil)
                else {
                    return nil
                }
                return KubernetesNames.labelValueProblem(pool.machineDeploymentName, requireDNSLabel: true).map {
                    .init(
                        path / (isNamed ? "machineDeploymentName" : "name"),
                        "MachineDeployment name \"\(pool.machineDeploymentName)\" \($0)")
                }
            }
        },
        CheckRule(
            "KC104", .error, "Two node pools have the same name",
            fix: "pool names must be unique: their objects would overwrite each other"
        ) { model in
            repeats(model.values.nodePools.map(\.name)).map { index, first in
                .init(ValuePath.root / "nodePools" / index / "name", "pool name \"\(model.values.nodePools[index].name)\" is also the name of nodePools[\(first)]")
            }
        },
        CheckRule(
            "KC105", .error, "A label or node selector key or value is not valid in Kubernetes",
            fix: "label values are at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit; keys are [prefix/]name"
        ) { model in
            labelMaps(model.values).flatMap { path, map in
                (map ?? [:]).sorted { $0.key < $1.key }.flatMap { key, value -> [CheckRule.Finding] in
                    var findings: [CheckRule.Finding] = []
                    if let problem = KubernetesNames.qualifiedNameProblem(key) {
                        findings.append(.init(
                            path / key, "label key \"\(key)\" \(problem)",
                            fix: "use [prefix/]name, name at most 63 characters of letters, digits, '-', '_', '.'"))
                    }
                    if let problem = KubernetesNames.labelValueProblem(value.text, requireDNSLabel: false) {
                        findings.append(.init(path / key, "label value \"\(value.text)\" \(problem)"))
                    }
                    return findings
                }
            }
        },
        CheckRule(
            "KC106", .error, "An annotation key is not valid in Kubernetes",
            fix: "use [prefix/]name: a lowercase DNS prefix, then at most 63 letters, digits, '-', '_' or '.'"
        ) { model in
            annotationMaps(model.values).flatMap { path, map in
                (map ?? [:]).keys.sorted().compactMap { key in
                    KubernetesNames.qualifiedNameProblem(key).map {
                        .init(path / key, "annotation key \"\(key)\" \($0)")
                    }
                }
            }
        },
        CheckRule(
            "KC107", .error, "A pool's `labels` (kubelet --node-labels) is not a list of key=value",
            fix: "write key=value pairs separated by commas, for example node.kubernetes.io/pool=workers,tier=web; kubelet does not start with an invalid label"
        ) { model in
            pools(model).flatMap { path, pool -> [CheckRule.Finding] in
                KubernetesNames.nodeLabelProblems(pool.values.labels ?? "").map { .init(path / "labels", $0) }
            }
        },
        CheckRule(
            "KC108", .warning, "A pool's `labels` sets a kubernetes.io or k8s.io label that kubelet may not set",
            fix: "kubelet refuses to start with such a label: use the node.kubernetes.io/ prefix or your own domain; node-role.kubernetes.io/ labels must be set by a controller or kubectl"
        ) { model in
            pools(model).flatMap { path, pool -> [CheckRule.Finding] in
                (pool.values.labels ?? "").split(separator: ",").compactMap { item in
                    let key = String(item.split(separator: "=", maxSplits: 1).first ?? "")
                    guard KubernetesNames.isForbiddenKubeletLabel(key) else { return nil }
                    return .init(path / "labels", "kubelet may not set label \"\(key)\"")
                }
            }
        },
        CheckRule(
            "KC109", .error, "A pool's `taints` (kubelet --register-with-taints) is not a list of key=value:Effect",
            fix: "write key=value:Effect or key:Effect separated by commas; Effect is NoSchedule, PreferNoSchedule or NoExecute"
        ) { model in
            pools(model).flatMap { path, pool -> [CheckRule.Finding] in
                guard let text = pool.values.taints, !text.isEmpty else { return [] }
                return text.split(separator: ",", omittingEmptySubsequences: false).compactMap { item in
                    let parts = item.split(separator: ":", omittingEmptySubsequences: false)
                    guard parts.count == 2, ["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(parts[1]) else {
                        return .init(path / "taints", "\"\(item)\" does not end in :NoSchedule, :PreferNoSchedule or :NoExecute")
                    }
                    let keyValue = parts[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    if let problem = KubernetesNames.qualifiedNameProblem(String(keyValue[0])) {
                        return .init(path / "taints", "taint key \"\(keyValue[0])\" \(problem)")
                    }
                    if keyValue.count == 2,
                        let problem = KubernetesNames.labelValueProblem(String(keyValue[1]), requireDNSLabel: false)
                    {
                        return .init(path / "taints", "taint value \"\(keyValue[1])\" \(problem)")
                    }
                    return nil
                }
            }
        },
        CheckRule(
            "KC110", .error, "The control plane name is not a Service name (a DNS-1035 label of at most 63 characters)",
            fix: "Kamaji names the tenant control plane's Service, Secrets and pods after it (cluster.controlPlane.name, else the cluster name): use at most 63 lowercase letters, digits and '-', starting with a letter"
        ) { model in
            let explicit = !(model.values.cluster.controlPlane.name ?? "").isEmpty
            let name = model.controlPlaneName
            let path: ValuePath = explicit ? "cluster.controlPlane.name" : "cluster.name"
            if let problem = KubernetesNames.labelValueProblem(name, requireDNSLabel: true) {
                // A cluster name that is no DNS label at all is KC101's finding.
                return explicit ? [.init(path, "control plane name \"\(name)\" \(problem)")] : []
            }
            // Kamaji's Service for the control plane has its name (internal/resources/k8s_service_resource.go),
            // and a Service name starts with a letter; Kamaji would fail to create it, after apply.
            guard let first = name.first, !(first.isASCII && first.isLowercase) else { return [] }
            return [.init(path, "control plane name \"\(name)\" starts with \"\(first)\": Kamaji names the control plane's Service after it, and a Service name starts with a lowercase letter")]
        },
        CheckRule(
            "KC111", .error, "Two node pools have the same MachineDeployment name",
            fix: "give each pool its own machineDeploymentName (or none: the default <cluster>-<pool>-md is unique per pool)"
        ) { model in
            // Pools of the same name are KC104's finding.
            repeats(model.pools.map(\.machineDeploymentName)).filter { index, first in
                model.pools[index].values.name != model.pools[first].values.name
            }.map { index, first in
                let pool = model.pools[index]
                let key = (pool.values.machineDeploymentName ?? "").isEmpty ? "name" : "machineDeploymentName"
                return .init(
                    ValuePath.root / "nodePools" / index / key,
                    "MachineDeployment name \"\(pool.machineDeploymentName)\" is also that of nodePools[\(first)]")
            }
        },
        CheckRule(
            "KC112", .error, "The cloud controller's pod labels set `app`, the label its Deployment selects its pods by",
            fix: "remove the key: the Deployment's selector is app: <cluster>-vsphere-cloud-controller-manager, so a pod labelled otherwise is never its pod (the chart writes the key twice, which the API server rejects)"
        ) { model in
            let ccm = model.values.vSphereCloudControllerManager
            guard model.values.infrastructure.provider == .vsphere, ccm.enabled != false,
                let app = ccm.podAdditionalMetadata?.labels?["app"]
            else { return [] }
            return [.init(
                "vSphereCloudControllerManager.podAdditionalMetadata.labels.app",
                "pod label app: \"\(app.text)\" would replace the selector's app: \"\(model.cloudControllerAppName)\"")]
        },
        CheckRule(
            "KC113", .error, "A Service name or label value derived from the cluster name is over 63 characters or not a Service name",
            fix: "shorten cluster.name (the release name stands in when it is empty), or turn off the component the name is for; a Service name starts with a letter"
        ) { model in
            // An invalid cluster name is KC101's finding.
            guard KubernetesNames.labelValueProblem(model.clusterName, requireDNSLabel: true) == nil else { return [] }
            return model.labelLengthNames.compactMap { derived in
                derived.problem.map {
                    .init(
                        "cluster.name", "\(derived.use) \"\(derived.name)\" \($0)",
                        fix: derived.excess > 0
                            ? "use a cluster name of at most \(model.clusterName.utf8.count - derived.excess) characters, or turn off the component"
                            : nil)
                }
            }
        },
    ]

    package static func labelMaps(_ values: ChartValues) -> [(ValuePath, [String: ScalarString]?)] {
        let controlPlane = values.cluster.controlPlane
        let ccm = values.vSphereCloudControllerManager
        return [
            ("cluster.controlPlane.labels", controlPlane.labels),
            ("cluster.controlPlane.network.serviceLabels", controlPlane.network.serviceLabels),
            ("cluster.controlPlane.deployment.additionalMetadata.labels", controlPlane.deployment?.additionalMetadata?.labels),
            ("cluster.controlPlane.deployment.podAdditionalMetadata.labels", controlPlane.deployment?.podAdditionalMetadata?.labels),
            ("cluster.controlPlane.deployment.nodeSelector", controlPlane.deployment?.nodeSelector),
            ("vSphereCloudControllerManager.additionalMetadata.labels", ccm.additionalMetadata?.labels),
            ("vSphereCloudControllerManager.podAdditionalMetadata.labels", ccm.podAdditionalMetadata?.labels),
            ("vSphereCloudControllerManager.nodeSelector", ccm.nodeSelector),
        ] + values.nodePools.enumerated().flatMap { index, pool in
            let path = ValuePath.root / "nodePools" / index
            return [(path / "machineLabels", pool.machineLabels), (path / "autoscaling" / "labels", pool.autoscaling?.labels)]
        }
    }

    package static func annotationMaps(_ values: ChartValues) -> [(ValuePath, [String: ScalarString]?)] {
        let controlPlane = values.cluster.controlPlane
        let ccm = values.vSphereCloudControllerManager
        return [
            ("cluster.controlPlane.network.serviceAnnotations", controlPlane.network.serviceAnnotations),
            ("cluster.controlPlane.deployment.additionalMetadata.annotations", controlPlane.deployment?.additionalMetadata?.annotations),
            ("cluster.controlPlane.deployment.podAdditionalMetadata.annotations", controlPlane.deployment?.podAdditionalMetadata?.annotations),
            ("vSphereCloudControllerManager.additionalMetadata.annotations", ccm.additionalMetadata?.annotations),
            ("vSphereCloudControllerManager.podAdditionalMetadata.annotations", ccm.podAdditionalMetadata?.annotations),
        ]
    }

    // MARK: Node pools

    package static let pools: [CheckRule] = [
        CheckRule("KC201", .error, "A pool's `template` is empty", fix: "name the vSphere VM template to clone") { model in
            pools(model).filter { $0.pool.values.template?.isEmpty == true }.map { .init($0.path / "template", "is empty") }
        },
        CheckRule("KC202", .error, "A pool's `network` is empty", fix: "name the vSphere network of the VMs") { model in
            pools(model).filter { $0.pool.values.network?.isEmpty == true }.map { .init($0.path / "network", "is empty") }
        },
        CheckRule(
            "KC203", .error, "A pre- or post-kubeadm command is empty", fix: "remove it, or write the command"
        ) { model in
            commands(model).filter { isBlank($0.command) }
                .map { .init($0.path.valuePath, "is an empty command") }
        },
        CheckRule(
            "KC204", .error, "A value holds DEL, a C1 control character (U+0080-U+009F) or U+FFFE/U+FFFF",
            fix: "remove it: Helm's toYaml prints nothing for it (a space for NEL), so the chart would hash and render another value than the one written"
        ) { model in
            model.unprintableCharacters.map { .init($0.path, "contains \($0.name)") }
        },
        CheckRule("KC205", .error, "A pool user has an empty name", fix: "name the user") { model in
            users(model).filter { $0.user.name.isEmpty }.map { .init($0.path / "name", "is empty") }
        },
        CheckRule("KC206", .error, "A count or size is negative", fix: "use a number of 0 or more") { model in
            // Paths are written out only for a negative number: 500 pools have 2,000 of them.
            var numbers: [(() -> ValuePath, Int?)] = [({ "cluster.controlPlane.replicas" }, model.values.cluster.controlPlane.replicas)]
            for (path, pool) in pools(model) {
                let values = pool.values
                numbers += [
                    ({ path / "replicas" }, values.replicas), ({ path / "diskGiB" }, values.diskGiB),
                    ({ path / "memoryMiB" }, values.memoryMiB), ({ path / "numCPUs" }, values.numCPUs),
                ]
            }
            return numbers.compactMap { path, number in
                guard let number, number < 0 else { return nil }
                return .init(path(), "is negative (\(number))")
            }
        },
        CheckRule(
            "KC207", .warning, "`additionalCloudInitFiles` is not a #cloud-config YAML document",
            fix: "start it with the line #cloud-config followed by cloud-init configuration keys (a YAML map), as the chart's example shows"
        ) { model in
            pools(model).compactMap { path, pool in
                guard let text = pool.values.additionalCloudInitFiles, !text.isEmpty else { return nil }
                let firstLine = text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
                if firstLine != "#cloud-config" {
                    return .init(path / "additionalCloudInitFiles", "does not start with #cloud-config")
                }
                guard case .mapping? = try? YAMLText.document(text, file: (path / "additionalCloudInitFiles").description) else {
                    return .init(path / "additionalCloudInitFiles", "is not a YAML map of cloud-init keys")
                }
                return nil
            }
        },
        CheckRule(
            "KC208", .error, "A pool's `nodeDrainTimeout` is not a duration",
            fix: "write a number with a unit (ns, us, ms, s, m, h), several in a row if needed: 0s (wait until drained), 90s, 1h30m"
        ) { model in
            pools(model).compactMap { path, pool in
                guard let timeout = pool.values.nodeDrainTimeout, !GoDuration.isValid(timeout) else { return nil }
                return .init(path / "nodeDrainTimeout", "\"\(timeout)\" is not a duration")
            }
        },
        CheckRule(
            "KC209", .warning, "A pool's `memoryMiB` or `diskGiB` is below what a Kubernetes node runs on",
            fix: "give each machine at least 2048 MiB of memory (kubeadm's installation guide asks for 2 GB) and 20 GiB of disk (CAPV cannot shrink a template's disk, and image-builder's templates have 20 GiB)"
        ) { model in
            guard isProvider(model, .vsphere) else { return [] }
            return pools(model).flatMap { path, pool in
                [("memoryMiB", pool.values.memoryMiB, minimumMemoryMiB, "MiB"), ("diskGiB", pool.values.diskGiB, minimumDiskGiB, "GiB")]
                    .compactMap { key, size, minimum, unit -> CheckRule.Finding? in
                        // 0 keeps the template's size; a negative size is KC206's.
                        guard let size, (1..<minimum).contains(size) else { return nil }
                        return .init(path / key, "\(size) \(unit) is below the \(minimum) \(unit) a node needs")
                    }
            }
        },
    ]

    /// Whether a command is empty or only spaces (Foundation's `whitespaces`). A command with any
    /// other ASCII byte is not, which settles nearly every command without Unicode properties.
    package static func isBlank(_ command: String) -> Bool {
        if command.utf8.contains(where: { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 }) { return false }
        return command.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains)
    }

    package static func commands(_ model: ClusterModel) -> [(path: PoolItemPath, command: String)] {
        pools(model).flatMap { path, pool in
            [("preKubeadmCommands", pool.values.preKubeadmCommands), ("postKubeadmCommands", pool.values.postKubeadmCommands)]
                .flatMap { key, list in
                    (list ?? []).enumerated().map { (PoolItemPath(pool: path, key: key, index: $0.offset), $0.element) }
                }
        }
    }

    package static func users(_ model: ClusterModel) -> [(path: PoolItemPath, user: NodePoolValues.User)] {
        pools(model).flatMap { path, pool in
            (pool.values.users ?? []).enumerated().map { (PoolItemPath(pool: path, key: "users", index: $0.offset), $0.element) }
        }
    }

    // MARK: Autoscaling

    /// Pools with autoscaling enabled, with their sizes where both are numbers.
    package static func autoscaledPools(_ model: ClusterModel) -> [(path: PoolPath, pool: NodePoolValues, min: Int?, max: Int?)] {
        pools(model).compactMap { path, pool in
            guard let autoscaling = pool.values.autoscaling, autoscaling.enabled == true else { return nil }
            return (path, pool.values, autoscaling.minSize?.number, autoscaling.maxSize?.number)
        }
    }

    package static let autoscaling: [CheckRule] = [
        CheckRule(
            "KC301", .error, "An autoscaling size is not a number", fix: "use a whole number of 0 or more"
        ) { model in
            autoscaledPools(model).flatMap { path, pool, _, _ in
                [("minSize", pool.autoscaling?.minSize), ("maxSize", pool.autoscaling?.maxSize)].compactMap { key, size in
                    guard let size, size.number == nil || size.number! < 0 else { return nil }
                    return .init(path / "autoscaling" / key, "\"\(size.text)\" is not a number of machines")
                }
            }
        },
        CheckRule(
            "KC302", .error, "Autoscaling `minSize` is greater than `maxSize`",
            fix: "the cluster autoscaler ignores such a node group: make minSize at most maxSize"
        ) { model in
            autoscaledPools(model).compactMap { path, _, min, max in
                guard let min, let max, min > max else { return nil }
                return .init(path / "autoscaling" / "minSize", "minSize \(min) is greater than maxSize \(max)")
            }
        },
        CheckRule(
            "KC303", .warning, "`replicas` is outside the autoscaling range [minSize, maxSize]",
            fix: "set replicas within [minSize, maxSize], or leave it out so the autoscaler alone sizes the pool"
        ) { model in
            autoscaledPools(model).compactMap { path, pool, min, max in
                guard let replicas = pool.replicas, let min, let max, min <= max, !(min...max).contains(replicas) else {
                    return nil
                }
                return .init(path / "replicas", "\(replicas) is outside the autoscaling range [\(min), \(max)]")
            }
        },
        CheckRule(
            "KC304", .warning, "`replicas` is set on a pool the cluster autoscaler sizes",
            fix: "leave replicas out (replicas: null where the defaults set it): the autoscaler owns the count, and every apply would reset it to replicas, as Cluster API's autoscaler guide warns"
        ) { model in
            autoscaledPools(model).compactMap { path, pool, min, max in
                guard let replicas = pool.replicas else { return nil }
                // Outside the range it is KC303's finding.
                if let min, let max, min <= max, !(min...max).contains(replicas) { return nil }
                return .init(path / "replicas", "\(replicas) is set while autoscaling is enabled")
            }
        },
    ]

    // MARK: Network and control plane endpoint

    package static func apiServerPort(_ model: ClusterModel) -> Int { model.values.cluster.clusterNetwork.apiServerPort ?? 6443 }
    package static func network(_ model: ClusterModel) -> ControlPlaneValues.Network { model.values.cluster.controlPlane.network }
    package static func isNodePort(_ model: ClusterModel) -> Bool { network(model).serviceType == "NodePort" }

    /// Every network of the cluster as written: pods, services, and the IP pool when it is used.
    package static func networks(_ model: ClusterModel) -> [(path: ValuePath, text: String, range: IPRange?)] {
        let clusterNetwork = model.values.cluster.clusterNetwork
        var blocks: [(ValuePath, String, IPRange?)] = []
        for (key, list) in [("pods", clusterNetwork.pods?.cidrBlocks), ("services", clusterNetwork.services?.cidrBlocks)] {
            for (index, text) in (list ?? []).enumerated() {
                blocks.append((ValuePath.root / "cluster" / "clusterNetwork" / key / "cidrBlocks" / index, text, IPRange(cidr: text)))
            }
        }
        if model.values.ipamProvider.enabled {
            for (index, text) in (model.values.ipamProvider.ranges ?? []).enumerated() {
                blocks.append((ValuePath.root / "ipamProvider" / "ranges" / index, text, IPRange(poolEntry: text)))
            }
        }
        return blocks
    }

    package static let network: [CheckRule] = [
        CheckRule("KC401", .error, "`apiServerPort` is not a TCP port", fix: "use 1 to 65535") { model in
            guard let port = model.values.cluster.clusterNetwork.apiServerPort, !(1...65535).contains(port) else { return [] }
            return [.init("cluster.clusterNetwork.apiServerPort", "\(port) is not a TCP port")]
        },
        CheckRule(
            "KC402", .error, "`ipamProvider.prefix` is not a prefix length",
            fix: "use a number from 0 to 32 (IPv4) or 128 (IPv6)"
        ) { model in
            let ipam = model.values.ipamProvider
            guard ipam.enabled, let prefix = ipam.prefix, prefix.number.map({ !(0...128).contains($0) }) ?? true else {
                return []
            }
            return [.init("ipamProvider.prefix", "\"\(prefix.text)\" is not a prefix length")]
        },
        CheckRule(
            "KC403", .error, "A network, IP pool range or gateway is not a valid address",
            fix: "write networks as CIDR blocks (10.244.0.0/16), pool ranges as a CIDR, first-last or one address, the gateway as one address"
        ) { model in
            var findings: [CheckRule.Finding] = networks(model).filter { $0.range == nil }.map { path, text, _ in
                .init(path, "\"\(text)\" is not \(path.isWithin("ipamProvider") ? "an address range" : "a CIDR block")")
            }
            let ipam = model.values.ipamProvider
            if ipam.enabled, let gateway = ipam.gateway, !gateway.isEmpty, IPAddress(gateway) == nil {
                findings.append(.init("ipamProvider.gateway", "\"\(gateway)\" is not an IP address"))
            }
            return findings
        },
        CheckRule(
            "KC404", .error, "The pod network, the service network and the IP pool overlap",
            fix: "give pods, services and the VMs' IP pool disjoint ranges: overlapping ranges send traffic to the wrong place"
        ) { model in
            let blocks = networks(model).compactMap { block in block.range.map { (block.path, $0) } }
            var findings: [CheckRule.Finding] = []
            for (index, (path, range)) in blocks.enumerated() {
                for (otherPath, other) in blocks[..<index] where family(otherPath) != family(path) && range.overlaps(other) {
                    findings.append(.init(path, "\(range) overlaps \(otherPath) (\(other))"))
                }
            }
            return findings
        },
        CheckRule(
            "KC405", .error, "The IP pool's gateway is outside the pool's subnet",
            fix: "the VMs get their address and this gateway from the pool: pick a gateway in the same subnet (ranges and prefix) as the pool"
        ) { model in
            let ipam = model.values.ipamProvider
            guard ipam.enabled, let text = ipam.gateway, let gateway = IPAddress(text), let prefix = ipam.prefix?.number,
                (0...gateway.bitCount).contains(prefix)
            else { return [] }
            let subnet = gateway.masked(prefix: prefix, fill: false)
            return (ipam.ranges ?? []).compactMap { entry in
                guard let range = IPRange(poolEntry: entry), range.first.bytes.count == gateway.bytes.count else { return nil }
                if range.first.masked(prefix: prefix, fill: false) == subnet && range.last.masked(prefix: prefix, fill: false) == subnet {
                    return nil
                }
                return .init("ipamProvider.gateway", "\(text) is not in the subnet of range \(entry) with prefix \(prefix)")
            }
        },
        CheckRule(
            "KC406", .error, "`serviceType` is not a Kubernetes Service type Kamaji supports",
            fix: "use LoadBalancer, NodePort or ClusterIP"
        ) { model in
            guard let type = network(model).serviceType, !["LoadBalancer", "NodePort", "ClusterIP"].contains(type) else {
                return []
            }
            return [.init("cluster.controlPlane.network.serviceType", "\"\(type)\" is not LoadBalancer, NodePort or ClusterIP")]
        },
        CheckRule(
            "KC407", .error, "`serviceType: NodePort` without a `serviceAddress`",
            fix: "set cluster.controlPlane.network.serviceAddress to a management cluster node address the workers reach: without a load balancer Kamaji cannot know the API server's address"
        ) { model in
            guard isNodePort(model), !isSet(network(model).serviceAddress) else { return [] }
            return [.init("cluster.controlPlane.network.serviceAddress", "is empty while serviceType is NodePort")]
        },
        CheckRule(
            "KC408", .warning, "With `NodePort`, `apiServerPort` is outside the NodePort range 30000-32767",
            fix: "the API server port becomes the Service's nodePort: pick one in 30000-32767, unless your management cluster sets another --service-node-port-range"
        ) { model in
            guard isNodePort(model), !(30000...32767).contains(apiServerPort(model)) else { return [] }
            return [.init("cluster.clusterNetwork.apiServerPort", "\(apiServerPort(model)) is outside the NodePort range 30000-32767")]
        },
        CheckRule(
            "KC409", .warning, "`certSANs` are given but do not include `serviceAddress`",
            fix: "add the serviceAddress to cluster.controlPlane.network.certSANs so clients that connect to it trust the certificate"
        ) { model in
            let network = network(model)
            guard let address = network.serviceAddress, !address.isEmpty, let sans = network.certSANs, !sans.isEmpty,
                !sans.contains(address)
            else { return [] }
            return [.init("cluster.controlPlane.network.certSANs", "does not include the serviceAddress \(address)")]
        },
        CheckRule(
            "KC410", .error, "`vSphere.controlPlaneEndpoint.host` differs from `serviceAddress`",
            fix: "the workers join at the VSphereCluster's endpoint and Kamaji serves at serviceAddress: make them the same address"
        ) { model in
            guard let host = model.values.vSphere.controlPlaneEndpoint?.host, !host.isEmpty,
                host != (network(model).serviceAddress ?? "")
            else { return [] }
            let address = network(model).serviceAddress ?? ""
            return [.init(
                "vSphere.controlPlaneEndpoint.host",
                "\(host) is not the serviceAddress (\(address.isEmpty ? "empty" : address))")]
        },
        CheckRule(
            "KC411", .error, "`vSphere.controlPlaneEndpoint.port` differs from `apiServerPort`",
            fix: "the workers join at the VSphereCluster's endpoint and Kamaji listens on apiServerPort: make them the same port"
        ) { model in
            guard let port = model.values.vSphere.controlPlaneEndpoint?.port, port != apiServerPort(model) else { return [] }
            return [.init("vSphere.controlPlaneEndpoint.port", "\(port) is not the apiServerPort (\(apiServerPort(model)))")]
        },
        CheckRule(
            "KC412", .warning, "With `NodePort`, the Konnectivity server port is outside the NodePort range 30000-32767",
            fix: "Kamaji exposes the Konnectivity server on a nodePort equal to its port (8132 unless set): set cluster.controlPlane.addons.konnectivity.server.port in 30000-32767, unless your management cluster sets another --service-node-port-range"
        ) { model in
            guard isNodePort(model), let (port, path) = konnectivityPort(model), !nodePortRange.contains(port) else { return [] }
            return [.init(path, "Konnectivity port \(port) is outside the NodePort range 30000-32767")]
        },
        CheckRule(
            "KC413", .error, "The IP pool has fewer addresses than the pools' replicas need",
            fix: "widen ipamProvider.ranges (the subnet's network and broadcast addresses and the gateway are never handed out), or lower replicas: a machine without an address waits forever"
        ) { model in
            ipPoolShortage(model) { machineDemand($0).certain }.map { [$0] } ?? []
        },
        CheckRule(
            "KC414", .warning, "The IP pool has fewer addresses than the pools need at their autoscaling maximum",
            fix: "widen ipamProvider.ranges or lower autoscaling.maxSize: the machines the autoscaler adds beyond the pool wait forever for an address"
        ) { model in
            // Short already at the replicas is KC413's finding.
            guard ipPoolShortage(model, { machineDemand($0).certain }) == nil else { return [] }
            return ipPoolShortage(model) { machineDemand($0).peak }.map { [$0] } ?? []
        },
    ]

    /// `pods`, `services` or `ipamProvider`: networks of one kind may touch each other.
    package static func family(_ path: ValuePath) -> ValuePath.Component? {
        path.isWithin("ipamProvider") ? .key("ipamProvider") : path.components[2]
    }

    // MARK: Versions

    package static func controlPlaneVersion(_ model: ClusterModel) -> KubernetesVersion? {
        KubernetesVersion(semantic: model.values.cluster.controlPlane.version)
    }

    package static let versions: [CheckRule] = [
        CheckRule(
            "KC501", .error, "The control plane `version` is not a semantic version",
            fix: "write the Kubernetes version as MAJOR.MINOR.PATCH, with or without a leading v, for example v1.32.0: Cluster API rejects other forms"
        ) { model in
            let version = model.values.cluster.controlPlane.version
            guard KubernetesVersion(semantic: version) == nil else { return [] }
            return [.init("cluster.controlPlane.version", "\"\(version)\" is not a version like v1.32.0")]
        },
        CheckRule(
            "KC502", .warning, "A pool's template name carries another Kubernetes minor version than the control plane",
            fix: "clone a template built for the control plane's Kubernetes minor version, or change cluster.controlPlane.version"
        ) { model in
            guard let controlPlane = controlPlaneVersion(model) else { return [] }
            return pools(model).compactMap { path, pool in
                guard let template = pool.values.template, let version = KubernetesVersion.embedded(in: template),
                    (version.major, version.minor) != (controlPlane.major, controlPlane.minor)
                else { return nil }
                return .init(
                    path / "template",
                    "template \"\(template)\" is for Kubernetes \(version), the control plane runs \(controlPlane)",
                    fix: templateSkewFix(template: version, controlPlane: controlPlane))
            }
        },
        CheckRule(
            "KC503", .warning, "The cloud controller image tag is for another Kubernetes minor version than the control plane",
            fix: "use the vsphere-cloud-controller-manager release whose major and minor match the control plane's Kubernetes version"
        ) { model in
            let ccm = model.values.vSphereCloudControllerManager
            guard ccm.enabled != false, let controlPlane = controlPlaneVersion(model) else { return [] }
            let image = model.cloudControllerImage
            guard let colon = image.lastIndex(of: ":"), !image[colon...].contains("/") else { return [] }
            let tag = String(image[image.index(after: colon)...])
            guard let version = KubernetesVersion.embedded(in: tag),
                (version.major, version.minor) != (controlPlane.major, controlPlane.minor)
            else { return [] }
            let path: ValuePath = ccm.version != nil && !model.userSetPaths.contains("vSphereCloudControllerManager.image.tag")
                ? "vSphereCloudControllerManager.version" : "vSphereCloudControllerManager.image.tag"
            return [.init(path, "tag \(tag) is for Kubernetes \(version), the control plane runs \(controlPlane)")]
        },
    ]

    // MARK: Credentials

    package static let credentials: [CheckRule] = [
        CheckRule(
            "KC601", .error, "A credentials Secret or identity is neither created nor named",
            fix: "set create: true (with username and password) or name an existing Secret or identity"
        ) { model in
            var findings: [CheckRule.Finding] = []
            let vSphere = model.values.vSphere
            if let secret = vSphere.secret {
                if secret.create != true && secret.name == "" {
                    findings.append(.init("vSphere.secret.name", "is empty and secret.create is not true"))
                }
            } else if !isSet(vSphere.identityRef?.name) {
                findings.append(.init("vSphere.identityRef.name", "names no \(vSphere.identityRef?.type ?? "identity")"))
            }
            let ccm = model.values.vSphereCloudControllerManager
            if ccm.enabled != false, let secret = ccm.secret, secret.create != true, secret.name == "" {
                findings.append(.init("vSphereCloudControllerManager.secret.name", "is empty and secret.create is not true"))
            }
            if let storage = model.values.vSphereStorageControllerManager, storage.enabled == true,
                let secret = storage.secret, secret.create != true, secret.name == ""
            {
                findings.append(.init("vSphereStorageControllerManager.secret.name", "is empty and secret.create is not true"))
            }
            return findings
        },
        CheckRule(
            "KC602", .error, "`vSphere.identityRef.type` is not Secret or VSphereClusterIdentity",
            fix: "use VSphereClusterIdentity (cluster-wide) or Secret (in the cluster's namespace): CAPV accepts no other kind"
        ) { model in
            let vSphere = model.values.vSphere
            guard vSphere.secret == nil, !["Secret", "VSphereClusterIdentity"].contains(vSphere.identityRef?.type ?? "") else {
                return []
            }
            return [.init("vSphere.identityRef.type", "\"\(vSphere.identityRef?.type ?? "")\" is not Secret or VSphereClusterIdentity")]
        },
    ]
}

import Foundation

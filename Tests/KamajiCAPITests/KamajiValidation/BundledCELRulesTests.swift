import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Every CEL rule (`x-kubernetes-validations`) in the schemas compiled into the binary has an entry
/// here with a value it accepts and one it refuses; a schema update that brings a new rule fails
/// `everyBundledRuleHasAPassingAndAFailingExample` until the rule gets one. The rules of the other
/// CRDs in ../shared/crd-schemas (Proxmox, MachineHealthCheck) are here too, so that those kinds
/// are checked the day they are bundled. Whole objects are in Fixtures/validate/cel-*.
@Suite struct BundledCELRulesTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let rule: String
        /// JSON of `self` that satisfies the rule, and of one that does not.
        let passing: String
        let failing: String
        /// For transition rules: JSON of `oldSelf` for both.
        var oldSelf: String?
        var testDescription: String { rule }
    }

    static let examples: [Example] = [
        // KubeadmConfigTemplate v1beta2: extraArgs and kubeletExtraArgs (cluster-api issue 13339).
        Example(
            rule: "self.all(x, self.exists_one(y, x.name == y.name))",
            passing: #"[{"name": "cloud-provider", "value": "external"}, {"name": "v", "value": "2"}]"#,
            failing: #"[{"name": "cloud-provider", "value": "external"}, {"name": "cloud-provider", "value": "aws"}]"#),
        // KubeadmConfigTemplate v1beta2: a disk partition sets exactly one of layout and diskLayout.
        Example(
            rule: "[has(self.layout),has(self.diskLayout)].filter(x,x==true).size() == 1",
            passing: #"{"device": "/dev/sdb", "layout": true}"#,
            failing: #"{"device": "/dev/sdb", "layout": true, "diskLayout": [{"percentage": 100}]}"#),
        Example(
            rule: "self.matches('^(Linux|LinuxSwap|LinuxRAID|LVM|Fat32|NTFS|LinuxExtended|[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12})$')",
            passing: #""0FC63DAF-8483-4772-8E79-3D69D8477DE4""#,
            failing: #""Swap""#),
        // KamajiControlPlane: the konnectivity agent's replicas and mode.
        Example(
            rule: "!(self.mode == 'DaemonSet' && has(self.replicas) && self.replicas != 0) && !(self.mode == 'Deployment' && has(self.replicas) && self.replicas == 0)",
            passing: #"{"mode": "Deployment", "replicas": 2}"#,
            failing: #"{"mode": "DaemonSet", "replicas": 2}"#),
        Example(
            rule: "!has(self.loadBalancerConfig) || !has(self.loadBalancerConfig.loadBalancerSourceRanges) || (size(self.loadBalancerConfig.loadBalancerSourceRanges) == 0 || self.serviceType == 'LoadBalancer')",
            passing: #"{"serviceType": "NodePort", "loadBalancerConfig": {"loadBalancerSourceRanges": []}}"#,
            failing: #"{"serviceType": "NodePort", "loadBalancerConfig": {"loadBalancerSourceRanges": ["10.0.0.0/8"]}}"#),
        Example(
            rule: "!has(self.loadBalancerConfig) || !has(self.loadBalancerConfig.loadBalancerClass) || self.serviceType == 'LoadBalancer'",
            passing: #"{"serviceType": "LoadBalancer", "loadBalancerConfig": {"loadBalancerClass": "metallb"}}"#,
            failing: #"{"serviceType": "NodePort", "loadBalancerConfig": {"loadBalancerClass": "metallb"}}"#),
        // KamajiControlPlane transition rules: only an update (with the stored object) checks them.
        Example(rule: "self == oldSelf", passing: #""a""#, failing: #""b""#, oldSelf: #""a""#),
        Example(
            rule: "has(self.loadBalancerClass) == has(oldSelf.loadBalancerClass)",
            passing: #"{"loadBalancerClass": "b"}"#, failing: "{}", oldSelf: #"{"loadBalancerClass": "a"}"#),
        Example(
            rule: "self.serviceType != 'LoadBalancer' || (oldSelf.serviceType != 'LoadBalancer' && self.serviceType == 'LoadBalancer') || !has(self.loadBalancerConfig) || has(self.loadBalancerConfig) && has(self.loadBalancerConfig.loadBalancerClass) == has(oldSelf.loadBalancerConfig.loadBalancerClass)",
            passing: #"{"serviceType": "LoadBalancer", "loadBalancerConfig": {"loadBalancerClass": "a"}}"#,
            failing: #"{"serviceType": "LoadBalancer", "loadBalancerConfig": {}}"#,
            oldSelf: #"{"serviceType": "LoadBalancer", "loadBalancerConfig": {"loadBalancerClass": "a"}}"#),
        // Cluster (topology health checks), MachineHealthCheck.
        Example(
            rule: "!(self in ['Ready','Available','HealthCheckSucceeded','OwnerRemediated','ExternallyRemediated'])",
            passing: #""DiskPressure""#, failing: #""Ready""#),
        // ../shared/crd-schemas only: Proxmox and the IP address pool references.
        Example(
            rule: "[has(self.sourceNode), has(self.templateSelector)].exists_one(c, c)",
            passing: #"{"sourceNode": "pve1"}"#, failing: #"{"sourceNode": "pve1", "templateSelector": {}}"#),
        Example(
            rule: "[has(self.templateID), has(self.templateSelector)].exists_one(c, c)",
            passing: #"{"templateSelector": {}}"#, failing: "{}"),
        Example(rule: "self.full || !has(self.format)", passing: #"{"full": true, "format": "raw"}"#, failing: #"{"full": false, "format": "raw"}"#),
        Example(rule: "self.full || !has(self.storage)", passing: #"{"full": false}"#, failing: #"{"full": false, "storage": "local"}"#),
        Example(
            rule: "has(self.templateSelector) || (has(self.templateID) && has(self.sourceNode))",
            passing: #"{"templateID": 100, "sourceNode": "pve1"}"#, failing: #"{"templateID": 100}"#),
        Example(rule: "self.apiGroup == 'ipam.cluster.x-k8s.io'", passing: #"{"apiGroup": "ipam.cluster.x-k8s.io"}"#, failing: #"{"apiGroup": "ipam.metal3.io"}"#),
        Example(
            rule: "self.kind == 'InClusterIPPool' || self.kind == 'GlobalInClusterIPPool'",
            passing: #"{"kind": "GlobalInClusterIPPool"}"#, failing: #"{"kind": "IPPool"}"#),
        Example(rule: "self == 1 || (self >= 576 && self <= 65520)", passing: "9000", failing: "100"),
        Example(rule: "self == 1 || ( self >= 576 && self <= 65520)", passing: "1", failing: "65521"),
        Example(rule: "(self > 0 && self < 32765) || (self > 32766)", passing: "32767", failing: "32766"),
        Example(rule: "(self > 0 && self < 254) || (self > 255)", passing: "253", failing: "254"),
        Example(rule: "self.end >= self.start", passing: #"{"start": 10, "end": 10}"#, failing: #"{"start": 10, "end": 9}"#),
        Example(rule: "self.ipv4Config != null || self.ipv6Config != null", passing: #"{"ipv6Config": {}}"#, failing: #"{"ipv4Config": null, "ipv6Config": null}"#),
        Example(rule: "self.port > 0 && self.port < 65536", passing: #"{"port": 6443}"#, failing: #"{"port": 65536}"#),
        Example(rule: "self.addresses.size() > 0", passing: #"{"addresses": ["10.0.0.1"]}"#, failing: #"{"addresses": []}"#),
        Example(rule: "self.ipv4PoolRef != null || self.ipv6PoolRef != null", passing: #"{"ipv4PoolRef": {}}"#, failing: #"{"ipv4PoolRef": null, "ipv6PoolRef": null}"#),
        Example(rule: "self != 'net0'", passing: #""net1""#, failing: #""net0""#),
    ]

    /// Every rule of every schema node reachable from `schema`.
    static func rules(in schema: Schema, into rules: inout [CELRule]) {
        rules += schema.celRules
        var children = Array(schema.properties.values) + schema.anyOf + schema.allOf + schema.oneOf
        if let items = schema.items { children.append(items) }
        if case .schema(let additional) = schema.additionalProperties { children.append(additional) }
        if let not = schema.not { children.append(not) }
        for child in children { Self.rules(in: child, into: &rules) }
    }

    static var bundledRules: [CELRule] {
        var rules: [CELRule] = []
        for kind in EmbeddedSchemas.customResources.keys {
            let parts = kind.split(separator: " ").map(String.init)
            Self.rules(in: SchemaCatalog.shared.schema(apiVersion: parts[0], kind: parts[1])!, into: &rules)
        }
        return rules
    }

    @Test func everyBundledRuleHasAPassingAndAFailingExample() {
        let rules = Self.bundledRules
        // The issue counted 6 on KamajiControlPlane v1alpha1 and v1alpha2 each, 8 on
        // KubeadmConfigTemplate v1beta2, 2 on Cluster v1beta2 (and 2 on v1beta1, 1 on v1beta1's
        // KubeadmConfigTemplate); CAPMOX's ProxmoxCluster and ProxmoxMachineTemplate (v1alpha1 and
        // v1alpha2, bundled for chart capi-kamaji-proxmox) bring 62 more, each one of the rules below.
        #expect(rules.count == 87)
        let covered = Set(Self.examples.map(\.rule))
        for rule in rules {
            #expect(covered.contains(rule.rule), "no example for the bundled rule \(rule.rule)")
        }
    }

    @Test func everyBundledRuleCompiles() throws {
        for rule in Self.bundledRules {
            if case .failure(let error) = rule.program { Issue.record("\(rule.rule): \(error)") }
        }
    }

    static func value(_ json: String) throws -> CELValue {
        CELValue(try JSONReader.parse(json), schema: nil, resolve: { $0 })
    }

    @Test(arguments: examples)
    func acceptsThePassingValueAndRefusesTheFailingOne(_ example: Example) throws {
        let rule = CELRule(rule: example.rule, message: nil)
        let program = try rule.program.get()
        #expect(rule.isTransitionRule == (example.oldSelf != nil))
        var variables: [String: CELValue] = [:]
        if let oldSelf = example.oldSelf { variables["oldSelf"] = try Self.value(oldSelf) }
        variables["self"] = try Self.value(example.passing)
        #expect(try program.evaluate(variables) == .bool(true))
        variables["self"] = try Self.value(example.failing)
        #expect(try program.evaluate(variables) == .bool(false))
    }
}

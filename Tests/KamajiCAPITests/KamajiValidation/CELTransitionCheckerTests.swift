import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// How `diff` evaluates transition rules (`oldSelf`) on an update, as the API server does: only where
/// the old and the new object both have a value, pairing fields by name and `map` list items by
/// their keys, never the items of other lists; then the bundled KamajiControlPlane rules on whole
/// objects, defaults filled in on both sides.
@Suite struct CELTransitionCheckerTests {
    static func findings(old: String, new: String, schema: String) throws -> (findings: [String], checked: Int) {
        var checker = CELTransitionChecker(definitions: [:])
        checker.check(
            old: try JSONReader.parse(old), new: try JSONReader.parse(new), Schema(try JSONReader.parse(schema)),
            path: FieldPath())
        return (checker.findings.map { "\($0.path): \($0.message)" }, checker.checked)
    }

    static let immutableName = """
        {"type": "object", "properties": {"name": {"type": "string",
          "x-kubernetes-validations": [{"rule": "self == oldSelf", "message": "name is immutable"}, {"rule": "false"}]}}}
        """

    @Test func aRuleRunsOnlyWhereBothSidesHaveAValueAndOnlyTransitionRulesRun() throws {
        let changed = try Self.findings(old: #"{"name": "a"}"#, new: #"{"name": "b"}"#, schema: Self.immutableName)
        #expect(changed.findings == ["name: name is immutable"])
        #expect(changed.checked == 1, "the rule `false` is validate's, not a transition rule")
        #expect(try Self.findings(old: #"{"name": "a"}"#, new: #"{"name": "a"}"#, schema: Self.immutableName) == ([], 1))
        #expect(try Self.findings(old: "{}", new: #"{"name": "b"}"#, schema: Self.immutableName) == ([], 0), "set on the update")
        #expect(try Self.findings(old: #"{"name": "a"}"#, new: "{}", schema: Self.immutableName) == ([], 0), "removed")
        #expect(try Self.findings(old: #"{"name": null}"#, new: #"{"name": "b"}"#, schema: Self.immutableName) == ([], 0))
    }

    static func disks(listType: String?) -> String {
        """
        {"type": "object", "properties": {"disks": {"type": "array",
          \(listType.map { #""x-kubernetes-list-type": "\#($0)", "x-kubernetes-list-map-keys": ["name"],"# } ?? "")
          "x-kubernetes-validations": [{"rule": "size(self) >= size(oldSelf)", "message": "disks may not be removed"}],
          "items": {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "integer",
            "x-kubernetes-validations": [{"rule": "self >= oldSelf", "message": "a disk may not shrink"}]}}}}}}
        """
    }

    static let oldDisks = #"{"disks": [{"name": "a", "size": 2}, {"name": "b", "size": 1}]}"#

    @Test func mapListItemsArePairedByTheirKeysWhereverTheyMove() throws {
        let reordered = #"{"disks": [{"name": "b", "size": 1}, {"name": "a", "size": 1}, {"name": "c", "size": 0}]}"#
        let result = try Self.findings(old: Self.oldDisks, new: reordered, schema: Self.disks(listType: "map"))
        // The list's own rule, then a's size (now at index 1); c is new, so it has no old value.
        #expect(result.findings == ["disks[1].size: a disk may not shrink"])
        #expect(result.checked == 3)
        let removed = try Self.findings(old: Self.oldDisks, new: #"{"disks": [{"name": "b", "size": 1}]}"#, schema: Self.disks(listType: "map"))
        #expect(removed.findings == ["disks: disks may not be removed"])
    }

    @Test(arguments: [nil, "atomic", "set"])
    func itemsOfOtherListsHaveNoOldValue(_ listType: String?) throws {
        let shrunk = #"{"disks": [{"name": "a", "size": 1}, {"name": "b", "size": 0}]}"#
        let result = try Self.findings(old: Self.oldDisks, new: shrunk, schema: Self.disks(listType: listType))
        #expect(result == ([], 1), "only the rule on the list itself runs")
    }

    @Test func mapValuesArePairedByKey() throws {
        let schema = """
            {"type": "object", "additionalProperties": {"type": "integer", "x-kubernetes-validations": [{"rule": "self >= oldSelf"}]}}
            """
        let result = try Self.findings(old: #"{"a": 2, "b": 1}"#, new: #"{"a": 1, "c": 0}"#, schema: schema)
        #expect(result.findings == ["a: failed rule: self >= oldSelf"])
    }

    // MARK: The bundled KamajiControlPlane rules, on whole objects

    static func controlPlane(_ version: String, network: String, extra: String = "") -> YAMLValue {
        try! YAMLReader.documents("""
            apiVersion: controlplane.cluster.x-k8s.io/\(version)
            kind: KamajiControlPlane
            metadata: {name: prod, namespace: default}
            spec:
              dataStoreName: default
              version: v1.32.0
              network: \(network)
            \(extra)
            """, file: "kcp.yaml")[0].value
    }

    static func violations(_ version: String, old: String, new: String, oldExtra: String = "", newExtra: String = "") -> [String] {
        ManifestValidator.transitionViolations(
            old: controlPlane(version, network: old, extra: oldExtra), new: controlPlane(version, network: new, extra: newExtra)
        ).map(\.description)
    }

    @Test(arguments: ["v1alpha1", "v1alpha2"])
    func loadBalancerClassIsImmutable(_ version: String) {
        #expect(Self.violations(
            version, old: "{loadBalancerConfig: {loadBalancerClass: metallb}}", new: "{loadBalancerConfig: {loadBalancerClass: cilium}}")
            == ["spec.network.loadBalancerConfig.loadBalancerClass: LoadBalancerClass is immutable (the API server refuses this update: transition rule `self == oldSelf`)"])
        #expect(Self.violations(
            version, old: "{loadBalancerConfig: {loadBalancerClass: metallb}}", new: "{loadBalancerConfig: {loadBalancerClass: metallb}}")
            .isEmpty)
        #expect(Self.violations(version, old: "{loadBalancerConfig: {loadBalancerClass: metallb}}", new: "{}").isEmpty,
            "the rules run where both sides have the load balancer settings")
    }

    @Test func v1alpha2LoadBalancerClassCannotBeSetOrUnset() {
        let unset = Self.violations(
            "v1alpha2", old: "{loadBalancerConfig: {loadBalancerClass: metallb}}",
            new: "{loadBalancerConfig: {loadBalancerSourceRanges: [10.0.0.0/8]}}")
        #expect(unset == [
            "spec.network.loadBalancerConfig: LoadBalancerClass cannot be set or unset at runtime "
                + "(the API server refuses this update: transition rule `has(self.loadBalancerClass) == has(oldSelf.loadBalancerClass)`)"
        ])
    }

    /// The v1alpha1 rule sits on `network` and reads `serviceType`, which defaults to LoadBalancer:
    /// the defaults are filled in on both sides before it runs.
    @Test func v1alpha1RuleSeesTheDefaultServiceTypeOnBothSides() {
        let set = Self.violations(
            "v1alpha1", old: "{loadBalancerConfig: {loadBalancerSourceRanges: [10.0.0.0/8]}}",
            new: "{loadBalancerConfig: {loadBalancerClass: metallb}}")
        #expect(set.count == 1)
        #expect(set.first?.hasPrefix("spec.network: LoadBalancerClass cannot be set or unset at runtime (the API server refuses this update: transition rule `self.serviceType != 'LoadBalancer' ||") == true)
        // Moving to LoadBalancer from another type may set the class.
        #expect(Self.violations(
            "v1alpha1", old: "{serviceType: NodePort}", new: "{loadBalancerConfig: {loadBalancerClass: metallb}}").isEmpty)
    }

    @Test(arguments: ["v1alpha1", "v1alpha2"])
    func dataStoreUsernameIsImmutableOnceSet(_ version: String) {
        let changed = Self.violations(
            version, old: "{}", new: "{}", oldExtra: "  dataStoreUsername: prod", newExtra: "  dataStoreUsername: prod2")
        #expect(changed == ["spec.dataStoreUsername: changing the dataStoreUsername is not supported (the API server refuses this update: transition rule `self == oldSelf`)"])
        #expect(Self.violations(version, old: "{}", new: "{}", newExtra: "  dataStoreUsername: prod").isEmpty)
    }

    @Test func noRuleRunsOnABlockedObjectOrAcrossVersions() {
        let old = Self.controlPlane("v1alpha2", network: "{}", extra: "  dataStoreUsername: prod")
        let blocked = Self.controlPlane("v1alpha2", network: "{serviceType: Ingress}", extra: "  dataStoreUsername: prod2")
        #expect(ManifestValidator.transitionViolations(old: old, new: blocked).isEmpty, "a value outside the enum blocks CEL rules")
        let other = Self.controlPlane("v1alpha1", network: "{}", extra: "  dataStoreUsername: prod2")
        #expect(ManifestValidator.transitionViolations(old: old, new: other).isEmpty)
    }
}

import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// How validate runs the CEL rules of a schema: on every node they apply to, not after blocking
/// schema errors (as the API server), transition rules as not applicable, and a rule it cannot
/// compile as a warning that names it, never as passed.
@Suite struct CELRuleCheckerTests {
    static func schema(_ json: String) throws -> Schema { Schema(try JSONReader.parse(json)) }

    static let itemsWithRules = """
        {"type": "array", "items": {"type": "object",
          "properties": {"name": {"type": "string"}, "size": {"type": "integer"}},
          "x-kubernetes-validations": [
            {"rule": "self.size > 0", "message": "size must be positive"},
            {"rule": "self.name.lowerAscii() == self.name"},
            {"rule": "self.size >= oldSelf.size"}]}}
        """

    @Test func everyRuleOnEveryNodeWithTransitionAndUncompilableRulesCounted() throws {
        var checker = CELRuleChecker(definitions: [:], evaluates: true)
        let value = try JSONReader.parse(#"[{"name": "a", "size": 1}, {"name": "b", "size": 0}, {"name": "c"}]"#)
        checker.check(value, try Self.schema(Self.itemsWithRules), path: FieldPath("disks"))
        #expect(checker.findings.map { "\($0.path): \($0.message)" } == [
            "disks[1]: size must be positive",
            "disks[2]: no such key: size evaluating rule: self.size > 0",
        ])
        #expect(checker.warnings.count == 3)
        #expect(checker.warnings.first.map { "\($0.path): \($0.message)" }
            == "disks[0]: CEL rule not checked (unsupported method '.lowerAscii' with 0 arguments): self.name.lowerAscii() == self.name")
        #expect(checker.counts == CELRuleCounts(checked: 3, skipped: 0, notApplicable: 3, notChecked: 3))
    }

    @Test func rulesAreSkippedWhenTheObjectHasBlockingErrors() throws {
        var checker = CELRuleChecker(definitions: [:], evaluates: false)
        checker.check(try JSONReader.parse(#"[{"name": "b", "size": 0}]"#), try Self.schema(Self.itemsWithRules), path: FieldPath())
        #expect(checker.findings.isEmpty)
        #expect(checker.counts == CELRuleCounts(checked: 0, skipped: 1, notApplicable: 1, notChecked: 1))
    }

    @Test func numberFieldsAreDoublesAndAbsentOrNullFieldsHaveNoRules() throws {
        let schema = try Self.schema("""
            {"type": "object", "properties": {
              "ratio": {"type": "number", "x-kubernetes-validations": [{"rule": "self > 0.5 && self / 2.0 < 1.0"}]},
              "missing": {"type": "string", "nullable": true, "x-kubernetes-validations": [{"rule": "false"}]}}}
            """)
        var checker = CELRuleChecker(definitions: [:], evaluates: true)
        checker.check(try JSONReader.parse(#"{"ratio": 1, "missing": null}"#), schema, path: FieldPath())
        #expect(checker.findings.isEmpty)
        #expect(checker.counts.checked == 1)
    }

    static let konnectivityReplicas = """
        apiVersion: controlplane.cluster.x-k8s.io/v1alpha1
        kind: KamajiControlPlane
        metadata: {name: prod, namespace: default}
        spec:
          dataStoreName: default
          addons: {konnectivity: {agent: {replicas: 2}}}
          version: v1.32.0
          replicas: 2

        """

    @Test func aBlockingSchemaErrorStopsTheRulesOfItsObjectOnly() {
        let blocked = ManifestValidator.validate(
            stream: Self.konnectivityReplicas.replacingOccurrences(of: "replicas: 2\n", with: "replicas: two\n"),
            source: "m.yaml")
        #expect(blocked.problems.map(\.rule) == ["type"])
        // The agent's rule and the two on the (defaulted) network.
        #expect(blocked.celRules.skipped == 3)
        #expect(blocked.summary.hasSuffix("; CEL rules: 0 checked, 3 skipped on objects with schema errors, 1 not applicable (transition rules, oldSelf)"))

        // An unknown field is not blocking: the rule still runs.
        let unknown = ManifestValidator.validate(
            stream: Self.konnectivityReplicas.replacingOccurrences(of: "dataStoreName:", with: "dataStoreNam: x\n  dataStoreName:"),
            source: "m.yaml")
        #expect(unknown.problems.map(\.rule) == ["unknown-field", "cel"])
    }

    @Test func warningsArePrintedAsWarningsAndCountedInTheSummary() {
        var report = ValidationReport()
        report.objects = 1
        report.checked = 1
        report.warnings = [
            ValidationProblem(.warning, object: "X/x", location: nil, path: "spec", rule: "cel", message: "CEL rule not checked (why): rule")
        ]
        report.celRules = CELRuleCounts(checked: 2, notChecked: 1)
        #expect(report.warnings[0].description == "warning: X/x: spec: CEL rule not checked (why): rule (cel)")
        #expect(report.isValid)
        #expect(report.summary == "validate: 1 object, 1 checked against schemas, 0 errors, 1 warning; CEL rules: 2 checked, 1 not checked (see the warnings)")
    }
}

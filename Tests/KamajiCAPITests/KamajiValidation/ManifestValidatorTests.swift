import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `kamaji-capi validate`: each folder under Fixtures/validate holds a manifest.yaml and the exact
/// report (expected.txt); the other tests pin one rule each.
@Suite struct ManifestValidatorTests {
    static let cases = Fixtures.caseFolders("validate")

    @Test(arguments: cases)
    func reportsExactlyTheExpectedProblems(folder: String) throws {
        let report = ManifestValidator.validate(
            stream: try Fixtures.text("\(folder)/manifest.yaml"), source: "manifest.yaml")
        let lines = report.problems.map(\.description) + [report.summary]
        #expect(lines.joined(separator: "\n") + "\n" == (try Fixtures.text("\(folder)/expected.txt")))
    }

    /// The four kinds of edit the issue names, each caught in the hand-edited manifest.
    @Test func handEditedManifestCatchesUnknownFieldWrongTypeBadEnumMissingRequired() throws {
        let report = ManifestValidator.validate(
            stream: try Fixtures.text("validate/hand-edited/manifest.yaml"), source: "manifest.yaml")
        let rules = Set(report.problems.map(\.rule))
        #expect(rules.isSuperset(of: ["unknown-field", "type", "enum", "required"]))
        #expect(!report.isValid)
    }

    static func problems(_ yaml: String) -> [String] {
        ManifestValidator.validate(stream: yaml, source: "m.yaml").problems.map { "\($0.path): \($0.rule)" }
    }

    static let machineTemplateV1beta2 = """
        apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
        kind: VSphereMachineTemplate
        metadata: {name: t, namespace: default}
        spec:
          template:
            spec:
              template: ubuntu
              network: {devices: [{networkName: vm-net}]}

        """

    @Test func aValidObjectPasses() {
        #expect(Self.problems(Self.machineTemplateV1beta2).isEmpty)
    }

    @Test func nullFieldsAreDroppedBeforeChecking() {
        // `thumbprint:` is null: the API server drops it, so neither its type nor its minLength counts.
        #expect(Self.problems(Self.machineTemplateV1beta2 + "      thumbprint:\n      folder: null\n").isEmpty)
    }

    @Test func defaultsAreAppliedBeforeChecking() throws {
        let schema = try #require(
            SchemaCatalog.shared.schema(apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1", kind: "VSphereMachineTemplate"))
        let validator = SchemaValidator(definitions: SchemaCatalog.shared.definitions)
        let object: YAMLValue = ["spec": ["template": ["spec": ["template": "ubuntu"]]]]
        #expect(validator.normalised(object, schema)["spec", "template", "spec", "powerOffMode"] == "hard")
    }

    @Test func boundsLengthsPatternsAndListRules() {
        let edited = Self.machineTemplateV1beta2
            .replacingOccurrences(of: "template: ubuntu\n", with: """
                template: ubuntu
                      numCPUs: 1
                      datacenter: ""
                      cloneMode: fastClone
                      network:
                        devices:
                        - networkName: vm-net
                          addressesFromPools:
                          - {apiGroup: ipam.cluster.x-k8s.io, kind: InClusterIPPool, name: Pool_1}

                """)
            .replacingOccurrences(of: "      network: {devices: [{networkName: vm-net}]}\n", with: "")
        #expect(
            Self.problems(edited) == [
                "spec.template.spec.numCPUs: minimum",
                "spec.template.spec.datacenter: minLength",
                "spec.template.spec.cloneMode: enum",
                "spec.template.spec.network.devices[0].addressesFromPools[0].name: pattern",
            ])
    }

    @Test func listMapKeysMustBeUniqueAndCELRulesAreEvaluated() {
        let manifest = """
            apiVersion: bootstrap.cluster.x-k8s.io/v1beta2
            kind: KubeadmConfigTemplate
            metadata: {name: k}
            spec:
              template:
                spec:
                  joinConfiguration:
                    nodeRegistration:
                      kubeletExtraArgs:
                      - {name: cloud-provider, value: external}
                      - {name: cloud-provider, value: external}
                  preKubeadmCommands: []

            """
        let report = ManifestValidator.validate(stream: manifest, source: "m.yaml")
        #expect(
            report.problems.map { "\($0.path): \($0.rule)" } == [
                "spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs[1]: list-type",
                "spec.template.spec.preKubeadmCommands: minItems",
                // Neither is an error that keeps the API server from evaluating the CEL rules.
                "spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs: cel",
            ])
        #expect(report.celRules == CELRuleCounts(checked: 1))
        #expect(report.summary.hasSuffix("; CEL rules: 1 checked"))
    }

    @Test func intOrStringAcceptsBothAndNothingElse() {
        let deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: d}}
              strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: "25%"}}
              template:
                metadata: {labels: {app: d}}
                spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}

            """
        #expect(Self.problems(deployment).isEmpty)
        #expect(
            Self.problems(deployment.replacingOccurrences(of: "maxSurge: 0", with: "maxSurge: true"))
                == ["spec.strategy.rollingUpdate.maxSurge: int-or-string"])
    }

    @Test func metadataIsCheckedAsTheAPIServerDoes() {
        let service = """
            apiVersion: v1
            kind: Service
            metadata:
              name: 1-metrics
              labels: {"example.com/team": "a b", "-bad": ok}
              annotations: {"a/b/c": x}

            """
        #expect(
            Self.problems(service) == [
                "metadata.name: metadata",
                "metadata.labels[example.com/team]: metadata",
                "metadata.labels.-bad: metadata",
                "metadata.annotations[a/b/c]: metadata",
            ])
    }

    @Test func unknownKindsListsAndBrokenYAML() {
        let unknown = ManifestValidator.validate(
            stream: "apiVersion: cluster.x-k8s.io/v1alpha3\nkind: Cluster\nmetadata: {name: c}\n", source: "m.yaml")
        #expect(unknown.problems.map(\.rule) == ["schema"])
        #expect(unknown.problems.first?.message.contains("cluster.x-k8s.io/v1beta1, cluster.x-k8s.io/v1beta2") == true)

        let list = ManifestValidator.validate(
            stream: #"{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}, "data": {"x": 1}}]}"#,
            source: "m.json")
        #expect(list.objects == 2)
        #expect(list.problems.map(\.object) == ["ConfigMap/b"])

        let broken = ManifestValidator.validate(stream: "a: b\n---\nkind: [\n", source: "m.yaml")
        #expect(broken.problems.map(\.rule) == ["yaml"])
        #expect(broken.problems.first?.location?.line != nil)

        let missing = ManifestValidator.validate(stream: "metadata: {name: x}\n", source: "m.yaml")
        #expect(missing.problems.map(\.path) == ["apiVersion", "kind"])
    }
}

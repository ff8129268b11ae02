import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `validate`'s output: text capped at a readable number of errors with the total in the summary,
/// JSON with every finding for programs, and kubeconform's `--skip` and `--ignore-missing-schemas`.
@Suite struct ValidationOutputTests {
    /// `count` ConfigMaps, each with one error.
    static func invalidConfigMaps(_ count: Int) -> String {
        (0..<count).map { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c\($0)}\ndata: {x: 1}\n" }
            .joined(separator: "---\n")
    }

    @Test func textStopsAtTheCapAndTheSummaryCountsAll() {
        let report = ManifestValidator.validate(stream: Self.invalidConfigMaps(150), source: "m.yaml")
        let lines = report.text().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 102)
        #expect(lines[0] == "m.yaml:4:11: error: ConfigMap/c0: data.x: expected a string, found the integer 1 (type)")
        #expect(lines[99].hasPrefix("m.yaml:499:11: error: ConfigMap/c99: "))
        #expect(lines[100] == "... 50 more errors not shown (the first 100 of 150; --max-errors 0 prints all)")
        #expect(lines[101] == "validate: 150 objects, 150 checked against schemas, 150 errors")
        #expect(report.text(maxErrors: 0).split(separator: "\n").count == 151)
        #expect(report.text(maxErrors: 150).split(separator: "\n").count == 151)
        #expect(report.text(maxErrors: 149).split(separator: "\n").count == 151)
    }

    @Test func jsonHasEveryFindingAndTheCounts() throws {
        let stream = Self.invalidConfigMaps(150) + "---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
        let report = ManifestValidator.validate(stream: stream, source: "m.yaml", options: ValidationOptions(ignoreMissingSchemas: true))
        let json = try JSONReader.parse(report.rendered(.json))
        #expect(json["objects"] == .int(151))
        #expect(json["checked"] == .int(150))
        #expect(json["skipped"] == .int(1))
        #expect(json["errors"] == .int(150))
        #expect(json["warnings"] == .int(0))
        #expect(json["cel", "checked"] == .int(0))
        #expect(json["findings"]?.sequence?.count == 150)
        let first: YAMLValue = [
            "severity": "error", "rule": "type", "object": "ConfigMap/c0", "path": "data.x",
            "message": "expected a string, found the integer 1", "file": "m.yaml", "line": 4, "column": 11,
        ]
        #expect(json["findings"]?.sequence?.first?.isEquivalent(to: first) == true)
    }

    /// Two kinds no schema is compiled in for (every built-in kind has one) and a ConfigMap.
    static let otherKinds = """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: tenants}
        ---
        apiVersion: acme.io/v1
        kind: Gadget
        metadata: {name: db}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ok}

        """

    @Test(arguments: [
        (ValidationOptions(), ["schema", "schema"], 0),
        (ValidationOptions(ignoreMissingSchemas: true), [], 2),
        (ValidationOptions(skippedKinds: ["Widget"]), ["schema"], 1),
        (ValidationOptions(skippedKinds: ["acme.io/v1/Gadget", "Widget"]), [], 2),
        (ValidationOptions(skippedKinds: ["acme.io/v2/Gadget", "ConfigMap"]), ["schema", "schema"], 1),
    ])
    func skipAndIgnoreMissingSchemasAsKubeconform(options: ValidationOptions, rules: [String], skipped: Int) {
        let report = ManifestValidator.validate(stream: Self.otherKinds, source: "m.yaml", options: options)
        #expect(report.problems.map(\.rule) == rules)
        #expect(report.skipped == skipped)
        #expect(report.objects == 3)
    }

    /// DRA went GA in Kubernetes 1.34: `resource.k8s.io/v1` is no 1.32 kind.
    @Test func kubernetesVersionPicksTheBuiltInKinds() {
        let deviceClass = "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu}\nspec: {}\n"
        let old = ManifestValidator.validate(stream: deviceClass, source: "m.yaml")
        #expect(old.problems.map(\.rule) == ["schema"])
        #expect(old.problems.first?.message.contains("known versions: resource.k8s.io/v1alpha3, resource.k8s.io/v1beta1") == true)
        let new = ManifestValidator.validate(stream: deviceClass, source: "m.yaml", options: ValidationOptions(kubernetesVersion: "1.37"))
        #expect(new.problems.isEmpty)
        #expect(new.checked == 1)
        let unknownField = ManifestValidator.validate(
            stream: deviceClass.replacingOccurrences(of: "spec: {}", with: "spec: {selector: []}"), source: "m.yaml",
            options: ValidationOptions(kubernetesVersion: "v1.37.0"))
        #expect(unknownField.problems.map(\.rule) == ["unknown-field"])
    }
}

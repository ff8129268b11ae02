import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Every error names the file, the line and column, the value path, and says what would be
/// accepted; one run reports every problem it can find, not the first.
@Suite("Error messages: file, line, column, path, hint")
struct DiagnosticQualityTests {
    struct Broken: CustomTestStringConvertible, Sendable {
        var testDescription: String
        var values: String
        var sets: [SetFlag] = []
    }

    static let broken: [Broken] = [
        Broken(testDescription: "a wrong type", values: "vSphere:\n  port: four-four-three\n"),
        Broken(testDescription: "an unknown key", values: "cluster:\n  nmae: x\n"),
        Broken(testDescription: "missing required keys", values: "nodePools:\n- name: workers\n"),
        Broken(testDescription: "a name Kubernetes rejects", values: "nodePools:\n- {name: Bad_Name, template: t, network: vm-net}\n"),
        Broken(testDescription: "a YAML syntax error", values: "vSphere:\n  server: [a\n"),
        Broken(testDescription: "an unclosed quote", values: "vSphere:\n  server: \"a\n"),
        Broken(testDescription: "a tab in the indentation", values: "vSphere:\n\tserver: a\n"),
        Broken(testDescription: "a duplicate key", values: "vSphere:\n  server: a\n  server: b\n"),
        Broken(testDescription: "an unsupported tag", values: "vSphere:\n  server: !!binary aGk=\n"),
        Broken(testDescription: "two documents", values: "cluster: {name: a}\n---\ncluster: {name: b}\n"),
        Broken(testDescription: "a control character", values: "vSphere:\n  server: \"a\"\u{7}\n"),
        Broken(
            testDescription: "overlapping networks",
            values: "cluster:\n  clusterNetwork:\n    pods: {cidrBlocks: [10.0.0.0/8]}\n    services: {cidrBlocks: [10.96.0.0/12]}\n"),
        Broken(
            testDescription: "an address that is not one",
            values: "ipamProvider:\n  enabled: true\n  ranges: [not-an-address]\n  prefix: 24\n  gateway: 10.0.0.1\n"),
        Broken(
            testDescription: "autoscaling bounds the wrong way round",
            values: "nodePools:\n- name: a\n  template: t\n  network: vm-net\n  autoscaling: {enabled: true, minSize: 5, maxSize: 2}\n"),
        Broken(
            testDescription: "a duplicate pool",
            values: "nodePools:\n- {name: a, template: t, network: vm-net}\n- {name: a, template: t, network: vm-net}\n"),
        Broken(testDescription: "a version that is not one", values: "cluster:\n  controlPlane:\n    version: latest\n"),
        Broken(testDescription: "a list where a map belongs", values: "cluster:\n  controlPlane:\n    labels: [a, b]\n"),
        Broken(testDescription: "an alias bomb", values: HostileValuesFileTests.billionLaughs),
        Broken(testDescription: "deep nesting", values: "vSphere: " + String(repeating: "[", count: 1_000) + "\n"),
        Broken(testDescription: "a --set error", values: "", sets: [SetFlag(.typed, "nodePools[x].name=a")]),
        Broken(testDescription: "a --set of a wrong type", values: "", sets: [SetFlag(.typed, "vSphere.port=abc")]),
    ]

    /// Problems about a whole file (its encoding, its size, a syntax error before any value) have
    /// no value path; every other problem has one.
    static let wholeFileCodes: Set<Diagnostic.Code> = [.yamlSyntax, .inputLimit]

    @Test("every diagnostic has a position in its file, a path and a hint", arguments: broken)
    func complete(_ broken: Broken) {
        let request = Rendering.request(broken.values.isEmpty ? [] : [broken.values], sets: broken.sets)
        var diagnostics: [Diagnostic] = []
        do {
            diagnostics = try RenderPipeline.check(request).errors
        } catch {
            diagnostics = error.diagnostics
        }
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            let location = diagnostic.location
            #expect(location != nil, "no location: \(diagnostic)")
            if location?.file == "values0.yaml" {
                #expect(location?.line != nil && location?.column != nil, "no line and column: \(diagnostic)")
            }
            if !Self.wholeFileCodes.contains(diagnostic.code) {
                #expect(!diagnostic.path.isEmpty, "no path: \(diagnostic)")
            }
            #expect(diagnostic.hint.map { !$0.isEmpty } == true, "no hint: \(diagnostic)")
        }
    }

    @Test("one run reports every problem of every file")
    func collected() {
        let errors = Rendering.errors(
            "vSphere:\n  port: abc\ncluster:\n  nmae: x\n",
            "nodePools:\n- {name: Bad_Name, template: t, network: vm-net, numCPUs: many}\n")
        let places = Set(errors.compactMap { error in error.location.map { "\($0.file):\($0.line ?? 0)" } })
        #expect(places.isSuperset(of: ["values0.yaml:2", "values0.yaml:4", "values1.yaml:2"]), "\(errors)")
        #expect(errors.count >= 3)

        // Problems in two files that cannot be parsed at all are reported together, too.
        let syntax = Rendering.errors("a: [\n", "b: !!binary x\n")
        #expect(Set(syntax.compactMap(\.location?.file)) == ["values0.yaml", "values1.yaml"])
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Helm's conventions for `-f` and `-n`: a comma separates values files, `-n ''` is `default`, and a
/// namespace the API server would refuse stops the render.
@Suite struct HelmCommandLineTests {
    @Test func valuesFilesSplitOnCommasAsHelmsStringSlice() {
        #expect(HelmCommandLine.valuesFilePaths(["a.yaml,b.yaml", "c.yaml"]) == ["a.yaml", "b.yaml", "c.yaml"])
        #expect(HelmCommandLine.valuesFilePaths(["\"a,b.yaml\",c.yaml"]) == ["a,b.yaml", "c.yaml"])
        #expect(HelmCommandLine.valuesFilePaths(["\"say \"\"hi\"\"\".yaml"]) == ["say \"hi\".yaml"])
        #expect(HelmCommandLine.valuesFilePaths([""]) == [])
        #expect(HelmCommandLine.valuesFilePaths(["-"]) == ["-"])
    }

    @Test func emptyNamespaceIsDefault() throws {
        let request = RenderRequest(releaseName: "x", namespace: "")
        #expect(request.namespace == "default")
        let objects = try RenderPipeline.render(request).objects
        #expect(!objects.contains { $0.namespace == "" })
        #expect(objects.first { $0.kind == "KamajiControlPlane" }?.namespace == "default")
        #expect(objects.contains { $0.name == "x-default:apiserver-authentication-reader" })
    }

    @Test func namespaceThatIsNoDNSLabelIsAnError() {
        do {
            _ = try RenderPipeline.render(RenderRequest(releaseName: "x", namespace: "Bad_NS"))
            Issue.record("rendered into Bad_NS")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.usage])
            #expect(error.diagnostics.first?.message == "namespace \"Bad_NS\" is not a DNS-1123 label: it contains \"B\"")
        }
    }

    @Test func commandLineTakesHelmsSpellings() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.yaml", "cluster:\n  controlPlane:\n    replicas: 3\n")
        try directory.write("b.yaml", "cluster:\n  controlPlane:\n    replicas: 5\n")
        let split = try CommandLineTool.run(["render", "x", "-f", "a.yaml,b.yaml", "-n", ""], in: directory.url)
        #expect(split.status == 0, "\(split.stderr)")
        let expected = try RenderPipeline.render(
            RenderRequest(
                releaseName: "x",
                valueFiles: [
                    ValuesFile(name: "a.yaml", text: "cluster:\n  controlPlane:\n    replicas: 3\n"),
                    ValuesFile(name: "b.yaml", text: "cluster:\n  controlPlane:\n    replicas: 5\n"),
                ]))
        #expect(split.stdout == ManifestStream.yaml(expected.objects))
        #expect(split.stdout.contains("  replicas: 5\n"))
        let bad = try CommandLineTool.run(["render", "x", "-n", "Bad_NS"], in: directory.url)
        #expect(bad.status == 2)
        #expect(bad.stdout == "")
        #expect(bad.stderr.contains("namespace \"Bad_NS\" is not a DNS-1123 label"))
    }
}

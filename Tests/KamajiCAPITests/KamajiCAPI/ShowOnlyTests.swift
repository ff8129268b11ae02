import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `render --show-only KIND[/NAME]`: only the objects named, in the YAML stream and in `-o json`.
@Suite struct ShowOnlyTests {
    static let values = "conformance/chart-0.2.9/four-pools/values.yaml"

    static func rendered() throws -> [ManifestObject] {
        let chart = try ChartCase(folder: "conformance/chart-0.2.9/four-pools")
        return try RenderPipeline.render(chart.request).objects
    }

    @Test func oneKindInAnyCaseAndOneObjectByName() throws {
        let objects = try Self.rendered()
        let templates = objects.filter { $0.kind == "VSphereMachineTemplate" }
        let deployment = try #require(objects.first { $0.kind == "MachineDeployment" })
        #expect(templates.count == 4)
        let result = try CommandLineTool.run([
            "fleet-a", "-f", Self.values, "--show-only", "vspheremachinetemplate",
            "--show-only", "MachineDeployment/\(deployment.name)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        // In render order, as the whole stream has them.
        #expect(result.stdout == ManifestStream.yaml(objects.filter { templates.contains($0) || $0 == deployment }))
    }

    @Test func jsonListOfTheShownObjects() throws {
        let objects = try Self.rendered()
        let result = try CommandLineTool.run(["fleet-a", "-f", Self.values, "-o", "json", "--show-only", "Cluster"])
        #expect(result.status == 0)
        #expect(result.stdout == ManifestStream.json(objects.filter { $0.kind == "Cluster" }))
        #expect(result.stdout.contains("\"kind\": \"List\""))
    }

    @Test func aSelectorThatMatchesNothingNamesWhatThereIs() throws {
        let unknownKind = try CommandLineTool.run(["fleet-a", "-f", Self.values, "--show-only", "Machine"])
        #expect(unknownKind.status == 2)
        #expect(unknownKind.stdout == "")
        #expect(unknownKind.stderr.contains("error: --show-only Machine matches no object"))
        #expect(unknownKind.stderr.contains("these kinds: Cluster, VSphereCluster, InClusterIPPool, KamajiControlPlane, VSphereMachineTemplate,"))
        let unknownName = try CommandLineTool.run(["fleet-a", "-f", Self.values, "--show-only", "machinedeployment/fleet-a-x-md"])
        #expect(unknownName.status == 2)
        #expect(unknownName.stderr.contains(
            "the render's MachineDeployment objects are: fleet-a-a-md, fleet-a-b-md, fleet-a-c-md, fleet-a-d-md"))
    }

    @Test(arguments: ["", "/x", "Cluster/", "Cluster/a/b"])
    func malformedSelectorsAreUsageErrors(selector: String) throws {
        #expect(ObjectSelector(selector) == nil)
        let result = try CommandLineTool.run(["fleet-a", "-f", Self.values, "--show-only", selector])
        #expect(result.status == 2)
        #expect(result.stdout == "")
    }

    @Test func notWithOutputDir() throws {
        let directory = try TemporaryDirectory()
        let result = try CommandLineTool.run(
            ["prod", "--output-dir", directory.url.path, "--show-only", "Cluster"], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("drop --show-only"))
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `check DIR` and the fleet rules. Every folder of Fixtures/check-fleet is a fleet folder (cluster
/// files, maybe a `_base.yaml`) with an `expect.txt` listing each finding as `RULE FILE:LINE PATH`:
/// a folder named after a rule shows it firing between the clusters it names, `clean` shows a fleet
/// without a finding. A new case is a new folder.
@Suite struct FleetCheckTests {
    static let folders = Fixtures.caseFolders("check-fleet")

    static func expected(_ folder: String) throws -> [String] {
        try Fixtures.text("\(folder)/expect.txt").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    static func check(_ folder: String) throws -> [Diagnostic] {
        try FleetCheck.check(FleetInputs.discover(directory: Fixtures.url(folder).path), jobs: 2)
    }

    static func fileName(_ diagnostic: Diagnostic) -> String {
        ((diagnostic.location?.file ?? "") as NSString).lastPathComponent
    }

    @Test(arguments: folders)
    func everyFindingIsAtItsValueAndNamesEveryClusterInvolved(folder: String) throws {
        let expected = try Self.expected(folder)
        let diagnostics = try Self.check(folder)
        let found = diagnostics.map { "\($0.rule ?? "-") \(Self.fileName($0)):\($0.location?.line ?? 0) \($0.path)" }
        #expect(found.sorted() == expected.sorted(), "\(diagnostics.map(\.description))")
        for diagnostic in diagnostics {
            let rule = try #require(diagnostic.rule.flatMap(FleetRules.rule))
            #expect(diagnostic.severity == rule.severity && diagnostic.hint == rule.fix)
            // The clusters of the rule's findings: each finding names all of them.
            let clusters = Set(expected.filter { $0.hasPrefix(rule.id + " ") }.map { line in
                String(line.split(separator: " ")[1].prefix { $0 != "." })
            })
            for cluster in clusters { #expect(diagnostic.message.contains("cluster \"\(cluster)\""), "\(diagnostic)") }
        }
    }

    @Test func everyFleetRuleHasAFolderThatShowsIt() throws {
        let shown = try Set(Self.folders.flatMap { try Self.expected($0).map { String($0.prefix { $0 != " " }) } })
        #expect(shown == Set(FleetRules.all.map(\.id)))
        #expect(Self.folders.contains("check-fleet/clean"))
    }

    @Test func renderFleetWritesNoClusterAConflictInvolves() throws {
        let output = try TemporaryDirectory()
        let report = try FleetRenderer.render(
            FleetRequest(
                inputs: try FleetInputs.discover(directory: Fixtures.url("check-fleet/KF101-node-port").path),
                outputDirectory: output.url.path, jobs: 2))
        #expect(report.status("alpha.yaml") == .failed)
        #expect(report.status("beta.yaml") == .failed)
        #expect(report.status("gamma.yaml") == .written)
        #expect(!FileManager.default.fileExists(atPath: output.url.appendingPathComponent("alpha").path))
        #expect(FileManager.default.fileExists(atPath: output.url.appendingPathComponent("gamma/kustomization.yaml").path))
        let conflict = report.messages.filter { $0.contains("error[KF101]") }
        #expect(conflict.count == 2)
        #expect(conflict.allSatisfy { $0.contains("cluster \"alpha\"") && $0.contains("cluster \"beta\"") })
        #expect(report.summary == "3 clusters: 1 written, 0 unchanged, 2 failed")
    }

    @Test func aFindingOutsideTheClusterFileNamesTheCluster() throws {
        // The base makes every cluster NodePort; the API server port stays the default 6443 (KC408).
        let fleet = try FleetFolder([
            "_base.yaml": "cluster: {controlPlane: {network: {serviceType: NodePort, serviceAddress: 10.46.0.50}}}\n",
            "alpha.yaml": "cluster: {controlPlane: {replicas: 2}}\n",
        ])
        let diagnostics = try FleetCheck.check(FleetInputs.discover(directory: fleet.values), jobs: 1)
        let portWarning = try #require(diagnostics.first { $0.rule == "KC408" })
        #expect(portWarning.message.hasPrefix("cluster \"alpha\" (\(fleet.values)/alpha.yaml): "), "\(portWarning)")
        // A shared -f or --set applies to every cluster, as in render-fleet.
        let fixed = try FleetCheck.check(
            FleetInputs.discover(directory: fleet.values),
            shared: RenderRequest(setFlags: [SetFlag(.typed, "cluster.clusterNetwork.apiServerPort=31443")]), jobs: 1)
        #expect(!fixed.contains { $0.rule == "KC408" })
    }

    @Test func commandLineChecksAFolder() throws {
        let conflict = try CommandLineTool.run(["check", "check-fleet/KF101-node-port"])
        #expect(conflict.status == 1)
        #expect(conflict.stdout.contains("check-fleet/KF101-node-port/alpha.yaml:3:20: error[KF101]"), "\(conflict.stdout)")

        let json = try CommandLineTool.run(["check", "check-fleet/KF103-ip-pools", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = try #require(object?["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["KF103", "KF103"])
        #expect(findings.map { $0["line"] as? Int } == [3, 4])
        #expect((findings.first?["file"] as? String)?.hasSuffix("alpha.yaml") == true)

        let github = try CommandLineTool.run(["check", "check-fleet/KF104-object-names", "--format", "github"])
        #expect(github.stdout.hasPrefix("::error file=check-fleet/KF104-object-names/alpha.yaml,line=3,col=11,title=KF104 "))

        #expect(try CommandLineTool.run(["check", "check-fleet/clean"]).stdout == "no problems found\n")
        // --base instead of the folder's own: NodePort for both, so the shared port is KF101's now.
        let based = try CommandLineTool.run(["check", "check-fleet/KF102-address-port", "--base", "check-fleet/KF101-node-port/_base.yaml"])
        #expect(based.stdout.contains("error[KF101]") && !based.stdout.contains("error[KF102]"), "\(based.stdout)")
        #expect(try CommandLineTool.run(["check", "t", "--base", "check-fleet/clean/_base.yaml"]).status == 2)
    }
}

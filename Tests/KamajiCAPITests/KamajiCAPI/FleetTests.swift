import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// A fleet folder in a fresh temporary directory: `values/` with the given files, `out/` for the output.
final class FleetFolder {
    let root: URL
    var values: String { root.appendingPathComponent("values").path }
    var out: String { root.appendingPathComponent("out").path }

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kc-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root.appendingPathComponent("values").path,
            withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: (values as NSString).appendingPathComponent(name), atomically: false, encoding: .utf8)
    }

    func render(check: Bool = false, jobs: Int = 2, base: String? = nil, sets: [SetFlag] = []) throws -> FleetReport {
        try FleetRenderer.render(
            FleetRequest(
                inputs: try FleetInputs.discover(directory: values, baseFile: base),
                shared: RenderRequest(setFlags: sets), outputDirectory: out, check: check, jobs: jobs))
    }

    func outputFile(_ cluster: String, _ name: String) -> String {
        "\(out)/\(cluster)/\(name)"
    }

    func outputText(_ cluster: String, _ name: String) throws -> String {
        try String(contentsOfFile: outputFile(cluster, name), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: "\(out)/\(relative)") }
}

extension FleetReport {
    func status(_ fileName: String) -> FleetOutcome.Status? {
        outcomes.first { ($0.file as NSString).lastPathComponent == fileName }?.status
    }
}

@Suite struct FleetTests {
    static let good = "cluster:\n  controlPlane:\n    replicas: 2\n"

    @Test func oneBadFileIsReportedAndTheOthersAreRendered() throws {
        let fleet = try FleetFolder([
            "alpha.yaml": Self.good,
            "broken.yaml": "nodePools: [unclosed\n",
            "mistyped.yaml": "nodePools: 5\n",
            "zulu.yaml": Self.good,
        ])
        // A previous render of a cluster whose file is broken now must stay as it was.
        try FileManager.default.createDirectory(atPath: "\(fleet.out)/broken", withIntermediateDirectories: true)
        try "previous".write(toFile: fleet.outputFile("broken", "kustomization.yaml"), atomically: false, encoding: .utf8)

        let report = try fleet.render()

        #expect(!report.succeeded)
        #expect(report.status("alpha.yaml") == .written)
        #expect(report.status("zulu.yaml") == .written)
        #expect(report.status("broken.yaml") == .failed)
        #expect(report.status("mistyped.yaml") == .failed)
        #expect(fleet.exists("alpha/kustomization.yaml") && fleet.exists("zulu/kustomization.yaml"))
        #expect(try fleet.outputText("broken", "kustomization.yaml") == "previous")
        #expect(!fleet.exists("mistyped"))
        let messages = report.messages
        #expect(messages.contains { $0.hasPrefix("\(fleet.values)/broken.yaml") && $0.contains("error") })
        #expect(messages.contains { $0.hasPrefix("\(fleet.values)/mistyped.yaml") && $0.contains("nodePools") })
        #expect(!messages.contains { $0.contains("alpha.yaml") || $0.contains("zulu.yaml") })
        #expect(report.summary == "4 clusters: 2 written, 0 unchanged, 2 failed")
    }

    @Test func aFleetWithoutErrorsSucceedsAndMatchesSingleRenders() throws {
        let fleet = try FleetFolder(["alpha.yaml": Self.good, "beta.yml": "nodePools: []\n"])
        let report = try fleet.render()
        #expect(report.succeeded)
        #expect(report.outcomes.map(\.cluster) == ["alpha", "beta"])
        let single = OutputDirectory(objects: try Rendering.objects(Self.good, release: "alpha"))
        for file in single.files { #expect(try fleet.outputText("alpha", file.name) == file.contents) }
    }

    @Test func checkPassesOnAFreshTreeAndNamesStaleFiles() throws {
        let fleet = try FleetFolder(["alpha.yaml": Self.good, "beta.yaml": Self.good])
        let missing = try fleet.render(check: true)
        #expect(!missing.succeeded)
        #expect(missing.outcomes.map(\.status) == [.missing, .missing])
        #expect(missing.messages.first == "\(fleet.values)/alpha.yaml: error: \(fleet.out)/alpha does not exist (run without --check to write it)")
        #expect(!fleet.exists("alpha"), "--check writes nothing")

        _ = try fleet.render()
        let fresh = try fleet.render(check: true)
        #expect(fresh.succeeded)
        #expect(fresh.outcomes.allSatisfy { $0.status == .unchanged })
        #expect(fresh.summary == "2 clusters: 2 up to date, 0 stale, 0 failed")

        try "edited".write(toFile: fleet.outputFile("beta", "kustomization.yaml"), atomically: false, encoding: .utf8)
        let stale = try fleet.render(check: true)
        #expect(!stale.succeeded)
        #expect(stale.status("alpha.yaml") == .unchanged)
        #expect(stale.status("beta.yaml") == .stale(["changed  kustomization.yaml"]))
        #expect(stale.messages.contains { $0.contains("beta is stale (run without --check to update):") })
        #expect(stale.messages.contains("  changed  kustomization.yaml"))
        #expect(try fleet.outputText("beta", "kustomization.yaml") == "edited", "--check writes nothing")

        // A file kamaji-capi did not write makes the folder the user's: refused, with and without --check.
        try "x: 1".write(toFile: fleet.outputFile("beta", "extra.yaml"), atomically: false, encoding: .utf8)
        for check in [true, false] {
            let foreign = try fleet.render(check: check)
            #expect(foreign.status("beta.yaml") == .failed)
            #expect(foreign.messages.contains { $0.contains("beta: error: holds files kamaji-capi did not write: extra.yaml") })
        }
        #expect(try fleet.outputText("beta", "kustomization.yaml") == "edited")
        #expect(try fleet.outputText("beta", "extra.yaml") == "x: 1")
    }

    @Test func checkFollowsAChangedValuesFile() throws {
        let fleet = try FleetFolder(["alpha.yaml": Self.good])
        _ = try fleet.render()
        try fleet.write("alpha.yaml", "cluster:\n  controlPlane:\n    replicas: 3\n")
        let report = try fleet.render(check: true)
        #expect(!report.succeeded)
        guard case .stale(let files) = report.status("alpha.yaml") else {
            Issue.record("alpha must be stale")
            return
        }
        #expect(files.contains { $0.hasPrefix("changed  kamajicontrolplane-") })
    }

    @Test func renderingAgainLeavesUpToDateClustersUntouched() throws {
        let fleet = try FleetFolder(["alpha.yaml": Self.good, "beta.yaml": Self.good])
        #expect(try fleet.render().outcomes.map(\.status) == [.written, .written])
        try fleet.write("beta.yaml", "nodePools: []\n")
        let again = try fleet.render()
        #expect(again.outcomes.map(\.status) == [.unchanged, .written])
        #expect(again.summary == "2 clusters: 1 written, 1 unchanged, 0 failed")
    }

    @Test func twoFilesNamingTheSameClusterAreBothErrors() throws {
        let fleet = try FleetFolder([
            "a.yaml": "cluster:\n  name: shared\n",
            "b.yaml": "cluster:\n  name: shared\n",
            "shared.yaml": Self.good,
            "c.yaml": Self.good,
        ])
        let report = try fleet.render()
        #expect(!report.succeeded)
        #expect(report.outcomes.map(\.status) == [.failed, .failed, .written, .failed])
        #expect(!fleet.exists("shared"))
        #expect(fleet.exists("c/kustomization.yaml"))
        let aMessage = report.messages.first { $0.hasPrefix("\(fleet.values)/a.yaml") }
        #expect(aMessage?.contains("\"shared\"") == true)
        #expect(aMessage?.contains("b.yaml and \(fleet.values)/shared.yaml") == true)
    }

    @Test func clusterNameComesFromTheFileUnlessTheValuesSetIt() throws {
        let fleet = try FleetFolder(["tenant-a.yaml": Self.good, "tenant-b.yaml": "cluster:\n  name: renamed\n"])
        let report = try fleet.render()
        #expect(report.outcomes.map(\.cluster) == ["tenant-a", "renamed"])
        #expect(fleet.exists("tenant-a/kustomization.yaml") && fleet.exists("renamed/kustomization.yaml"))
        #expect(try fleet.outputText("tenant-a", "cluster-tenant-a.yaml").contains("name: tenant-a\n"))
    }

    @Test func theBaseFileIsMergedBeforeEveryClusterAndIsNoCluster() throws {
        let fleet = try FleetFolder([
            "_base.yaml": "vSphere:\n  server: vcenter.base.example\n  tlsThumbprint: AA:BASE\n",
            "alpha.yaml": Self.good,
            "beta.yaml": "vSphere:\n  tlsThumbprint: BB:BETA\n",
        ])
        let report = try fleet.render()
        #expect(report.outcomes.map(\.cluster) == ["alpha", "beta"])
        let alpha = try fleet.outputText("alpha", "vspherecluster-alpha.yaml")
        let beta = try fleet.outputText("beta", "vspherecluster-beta.yaml")
        #expect(alpha.contains("server: vcenter.base.example") && alpha.contains("AA:BASE"))
        #expect(beta.contains("server: vcenter.base.example") && beta.contains("BB:BETA") && !beta.contains("AA:BASE"))
    }

    @Test func anExplicitBaseFileReplacesTheDirectorysBase() throws {
        let fleet = try FleetFolder([
            "_base.yaml": "vSphere:\n  server: from-directory\n",
            "alpha.yaml": Self.good,
        ])
        let explicit = fleet.root.appendingPathComponent("base.yaml").path
        try "vSphere:\n  server: from-option\n".write(toFile: explicit, atomically: false, encoding: .utf8)
        _ = try fleet.render(base: explicit)
        let text = try fleet.outputText("alpha", "vspherecluster-alpha.yaml")
        #expect(text.contains("from-option") && !text.contains("from-directory"))
    }

    @Test func aBrokenBaseFileIsOneErrorForTheWholeFleet() throws {
        let fleet = try FleetFolder(["_base.yaml": "vSphere: [unclosed\n", "alpha.yaml": Self.good])
        #expect(throws: DiagnosticError.self) { try fleet.render() }
        #expect(!fleet.exists("alpha"))
    }

    @Test func setFlagsApplyToEveryCluster() throws {
        let fleet = try FleetFolder(["alpha.yaml": Self.good, "beta.yaml": Self.good])
        _ = try fleet.render(sets: [SetFlag(.typed, "cluster.controlPlane.replicas=5")])
        for cluster in ["alpha", "beta"] {
            #expect(try fleet.outputText(cluster, "kamajicontrolplane-\(cluster).yaml").contains("replicas: 5"))
        }
    }

    @Test func foldersThatNoValuesFileRendersAreReportedNotDeleted() throws {
        let fleet = try FleetFolder(["alpha.yaml": Self.good, "gone.yaml": Self.good])
        _ = try fleet.render()
        try FileManager.default.removeItem(atPath: "\(fleet.values)/gone.yaml")
        let written = try fleet.render()
        #expect(written.orphans == ["gone"])
        #expect(written.succeeded, "a warning when writing")
        #expect(fleet.exists("gone/kustomization.yaml"))
        let checked = try fleet.render(check: true)
        #expect(!checked.succeeded)
        #expect(checked.messages.last?.contains("gone: error: no values file renders this cluster") == true)
    }

    @Test func outputIsTheSameWhateverTheNumberOfWorkers() throws {
        var files: [String: String] = [:]
        for index in 0..<12 { files["tenant-\(index).yaml"] = index == 5 ? "nodePools: 5\n" : Self.good }
        let one = try FleetFolder(files)
        let four = try FleetFolder(files)
        let serial = try one.render(jobs: 1)
        let parallel = try four.render(jobs: 4)
        #expect(serial.outcomes.map(\.status) == parallel.outcomes.map(\.status))
        #expect(serial.outcomes.map(\.cluster) == parallel.outcomes.map(\.cluster))
        #expect(serial.outcomes.map { ($0.file as NSString).lastPathComponent }
            == (0..<12).map { "tenant-\($0).yaml" }.sorted())
        for cluster in serial.outcomes.compactMap(\.cluster) {
            #expect(try one.outputText(cluster, "kustomization.yaml") == four.outputText(cluster, "kustomization.yaml"))
        }
    }
}

@Suite struct FleetDiscoveryTests {
    @Test func clusterFilesAreTheSortedYAMLFilesNotStartingWithUnderscoreOrDot() throws {
        let fleet = try FleetFolder([
            "b.yaml": "", "a.yml": "", "B.yaml": "", "_base.yaml": "", "_shared.yaml": "", ".hidden.yaml": "",
            "notes.txt": "",
        ])
        try FileManager.default.createDirectory(atPath: "\(fleet.values)/dir.yaml", withIntermediateDirectories: true)
        let inputs = try FleetInputs.discover(directory: fleet.values)
        #expect(inputs.clusterFiles == ["B.yaml", "a.yml", "b.yaml"].map { "\(fleet.values)/\($0)" })
        #expect(inputs.baseFile == "\(fleet.values)/_base.yaml")
    }

    @Test func aFolderWithoutValuesFilesIsAnError() throws {
        let fleet = try FleetFolder(["_base.yaml": "", "readme.md": ""])
        #expect(throws: DiagnosticError.self) { try FleetInputs.discover(directory: fleet.values) }
        #expect(throws: DiagnosticError.self) { try FleetInputs.discover(directory: "\(fleet.values)/missing") }
    }

    @Test func twoAutomaticBaseFilesAreAnError() throws {
        let fleet = try FleetFolder(["_base.yaml": "", "_base.yml": "", "a.yaml": ""])
        #expect(throws: DiagnosticError.self) { try FleetInputs.discover(directory: fleet.values) }
        #expect(try FleetInputs.discover(directory: fleet.values, baseFile: "x.yaml").baseFile == "x.yaml")
    }

    @Test func theReleaseNameIsTheFileNameWithoutExtension() {
        #expect(FleetInputs.releaseName(ofFile: "dir/tenant-a.yaml") == "tenant-a")
        #expect(FleetInputs.releaseName(ofFile: "dir/tenant.b.yml") == "tenant.b")
    }
}

/// What only the command line decides: exit codes, what goes to stdout and to stderr.
@Suite struct RenderFleetCommandTests {
    @Test func exitCodeSaysWhetherEveryClusterRenderedAndIsUpToDate() throws {
        let fleet = try FleetFolder(["alpha.yaml": FleetTests.good, "broken.yaml": "nodePools: 5\n"])
        let failed = try CommandLineTool.run(["render-fleet", fleet.values, "--output-dir", fleet.out])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("\(fleet.values)/broken.yaml:1:12: error: nodePools: expected a list"))
        #expect(failed.stdout.hasPrefix("2 clusters: 1 written, 0 unchanged, 1 failed ("))
        #expect(fleet.exists("alpha/kustomization.yaml"))

        try FileManager.default.removeItem(atPath: "\(fleet.values)/broken.yaml")
        let fresh = try CommandLineTool.run(["render-fleet", fleet.values, "--output-dir", fleet.out, "--check"])
        #expect(fresh.status == 0)
        #expect(fresh.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        #expect(fresh.stdout.hasPrefix("1 cluster: 1 up to date, 0 stale, 0 failed ("))

        let stale = try CommandLineTool.run(
            ["render-fleet", fleet.values, "--output-dir", fleet.out, "--check", "--set", "cluster.controlPlane.replicas=3"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("\(fleet.out)/alpha is stale (run without --check to update):\n  changed  kamajicontrolplane-alpha.yaml\n"))
    }

    @Test func usageErrorsExitTwo() throws {
        let fleet = try FleetFolder(["alpha.yaml": FleetTests.good])
        #expect(try CommandLineTool.run(["render-fleet", fleet.values]).status == 2)
        #expect(try CommandLineTool.run(["render-fleet", fleet.values, "--output-dir", fleet.out, "-j", "0"]).status == 2)
    }
}

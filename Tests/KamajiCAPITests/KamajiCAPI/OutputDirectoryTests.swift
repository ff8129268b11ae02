import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `render --output-dir DIR --check`, for pre-commit and CI: names the files that differ from a fresh
/// render and writes nothing.
@Suite struct OutputDirectoryTests {
    static let values = "nodePools:\n- {name: workers, template: ubuntu-2404-kube-v1.32.0, network: vm-net}\n"

    static func layout(_ values: String = values) throws -> OutputDirectory {
        OutputDirectory(objects: try Rendering.objects(values, release: "prod"))
    }

    static func snapshot(_ url: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            files[name] = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    @Test func freshDirectoryHasNoStaleFiles() throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("out")
        try Self.layout().write(to: out)
        #expect(try Self.layout().plan(for: out).isUpToDate)
        #expect(try Self.snapshot(out).keys.contains("kustomization.yaml"))
    }

    @Test func changedMissingAndNoLongerRenderedFilesAreMarked() throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("out")
        let before = try Self.layout()
        try before.write(to: out)
        let manager = FileManager.default
        try "edited\n".write(to: out.appendingPathComponent("cluster-prod.yaml"), atomically: false, encoding: .utf8)
        try manager.removeItem(at: out.appendingPathComponent("kamajicontrolplane-prod.yaml"))
        let after = try Self.layout(Self.values.replacingOccurrences(of: "network: vm-net}", with: "network: vm-net, numCPUs: 4}"))
        let plan = try after.plan(for: out)
        #expect(plan.added == ["kamajicontrolplane-prod.yaml"] + after.files.map(\.name).filter { $0.hasPrefix("vspheremachinetemplate-") })
        #expect(plan.changed.sorted() == ["cluster-prod.yaml", "kustomization.yaml", "machinedeployment-prod-workers-md.yaml", OutputDirectory.ownershipFileName].sorted())
        #expect(plan.removed == before.files.map(\.name).filter { $0.hasPrefix("vspheremachinetemplate-") })
        #expect(plan.foreign.isEmpty)
        #expect(plan.changeLines.contains("added    kamajicontrolplane-prod.yaml"))
        #expect(plan.changeLines.contains("changed  cluster-prod.yaml"))
        #expect(plan.changeLines.contains { $0.hasPrefix("removed  vspheremachinetemplate-prod-workers-") })
    }

    @Test func checkFlagExitsOneNamesStaleFilesAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        let render = ["render", "prod", "-f", "values.yaml", "--output-dir", "out"]
        #expect(try CommandLineTool.run(render + ["--check"], in: directory.url).status == 1, "a missing directory is stale")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("out").path))

        #expect(try CommandLineTool.run(render, in: directory.url).status == 0)
        #expect(try CommandLineTool.run(render + ["--check"], in: directory.url).status == 0)

        try directory.write("values.yaml", Self.values.replacingOccurrences(of: "network: vm-net}", with: "network: vm-net, memoryMiB: 8192}"))
        let before = try Self.snapshot(directory.url.appendingPathComponent("out"))
        let stale = try CommandLineTool.run(render + ["--check"], in: directory.url)
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("out is stale"))
        #expect(stale.stderr.contains("changed  machinedeployment-prod-workers-md.yaml"))
        #expect(stale.stderr.contains("added    vspheremachinetemplate-prod-workers-vsphere-machine-template-"))
        #expect(stale.stderr.contains("removed  vspheremachinetemplate-prod-workers-vsphere-machine-template-"))
        #expect(try Self.snapshot(directory.url.appendingPathComponent("out")) == before, "--check writes nothing")
    }

    @Test func aWriteEndsWithASummaryLineAndAnUnchangedTreeIsNotTouched() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        let render = ["render", "prod", "-f", "values.yaml", "--output-dir", "out"]
        let count = try Self.layout().files.count + 1
        let first = try CommandLineTool.run(render, in: directory.url)
        #expect(first.stdout == "out: \(count) added, 0 changed, 0 unchanged, 0 removed\n")
        let out = directory.url.appendingPathComponent("out")
        let inode = try FileManager.default.attributesOfItem(atPath: out.path)[.systemFileNumber] as? Int
        let again = try CommandLineTool.run(render, in: directory.url)
        #expect(again.stdout == "out: 0 added, 0 changed, \(count) unchanged, 0 removed\n")
        #expect(try FileManager.default.attributesOfItem(atPath: out.path)[.systemFileNumber] as? Int == inode, "not swapped")
        let changed = try CommandLineTool.run(render + ["--set", "nodePools[0].numCPUs=8"], in: directory.url)
        #expect(changed.stdout == "out: 1 added, 3 changed, \(count - 4) unchanged, 1 removed\n", "template, MachineDeployment, kustomization and record")
    }

    @Test func checkNeedsAnOutputDirectory() throws {
        let result = try CommandLineTool.run(["render", "prod", "--check"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--check needs --output-dir"))
    }
}

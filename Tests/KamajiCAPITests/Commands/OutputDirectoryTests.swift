import Foundation
import Testing
@testable import KamajiCAPI

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
        #expect(try Self.layout().staleFiles(in: out) == [])
        #expect(try Self.snapshot(out).keys.contains("kustomization.yaml"))
    }

    @Test func changedMissingAndLeftoverFilesAreStale() throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("out")
        let layout = try Self.layout()
        try layout.write(to: out)
        let manager = FileManager.default
        try "edited\n".write(to: out.appendingPathComponent("cluster-prod.yaml"), atomically: true, encoding: .utf8)
        try manager.removeItem(at: out.appendingPathComponent("kamajicontrolplane-prod.yaml"))
        try "kind: Old\n".write(to: out.appendingPathComponent("vspheremachinetemplate-old.yaml"), atomically: true, encoding: .utf8)
        try "notes\n".write(to: out.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(layout.staleFiles(in: out) == ["cluster-prod.yaml", "kamajicontrolplane-prod.yaml", "vspheremachinetemplate-old.yaml"])
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
        #expect(stale.stderr.contains("machinedeployment-prod-workers-md.yaml"))
        #expect(stale.stderr.contains("vspheremachinetemplate-prod-workers-vsphere-machine-template-"))
        #expect(try Self.snapshot(directory.url.appendingPathComponent("out")) == before, "--check writes nothing")
    }

    @Test func checkNeedsAnOutputDirectory() throws {
        let result = try CommandLineTool.run(["render", "prod", "--check"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--check needs --output-dir"))
    }
}

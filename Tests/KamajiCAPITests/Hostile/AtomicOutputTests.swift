import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `--output-dir` renders everything first, writes beside the target and swaps the new tree in:
/// whatever fails, the old tree stays whole, byte for byte, and nothing is left beside it.
@Suite("Atomic --output-dir")
struct AtomicOutputTests {
    static let values = """
        vSphere: {server: vcenter.example.com, secret: {create: true}, username: capi, password: "Pa55-w0rd"}
        nodePools:
        - {name: workers, template: ubuntu-2404-kube-v1.32.0, network: vm-net}
        """

    struct Snapshot: Equatable {
        var files: [String: Data]
        var modes: [String: Int]
    }

    /// Every entry of `url` (files only: the layout is flat) with its bytes and mode.
    static func snapshot(_ url: URL) throws -> Snapshot {
        var snapshot = Snapshot(files: [:], modes: [:])
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            let file = url.appendingPathComponent(name)
            snapshot.files[name] = try Data(contentsOf: file)
            snapshot.modes[name] = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        }
        return snapshot
    }

    /// The entries beside the output directory: only it, no staging or old trees left behind.
    static func siblings(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0 != "values.yaml" && $0 != "broken.yaml" }.sorted()
    }

    @Test("Secrets are written 0600, everything else 0644")
    func modes() throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("out")
        try OutputDirectory(objects: Rendering.objects(Self.values, release: "prod")).write(to: out)
        let snapshot = try Self.snapshot(out)
        #expect(snapshot.modes["secret-prod-vsphere-secret.yaml"] == 0o600)
        let others = snapshot.modes.filter { $0.key != "secret-prod-vsphere-secret.yaml" }
        #expect(!others.isEmpty && others.values.allSatisfy { $0 == 0o644 }, "\(others)")
    }

    @Test("a render error leaves the old tree byte for byte")
    func renderError() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        let render = ["render", "prod", "-f", "values.yaml", "--output-dir", "out"]
        #expect(try CommandLineTool.run(render, in: directory.url).status == 0)
        let out = directory.url.appendingPathComponent("out")
        let before = try Self.snapshot(out)
        #expect(before.files.count > 5)
        try directory.write("broken.yaml", "nodePools: [{name: Not_A_Name, template: t, network: vm-net}]\n")
        let failed = try CommandLineTool.run(render + ["-f", "broken.yaml"], in: directory.url)
        #expect(failed.status == 1)
        #expect(try Self.snapshot(out) == before)
        #expect(try Self.siblings(directory) == ["out"])
    }

    struct Injected: Error {}

    @Test("a failure after any file, or just before the swap, leaves the old tree whole", arguments: [0, 3, -1])
    func failureWhileWriting(_ failAfter: Int) throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("out")
        try OutputDirectory(objects: Rendering.objects(Self.values, release: "prod")).write(to: out)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: out.path)
        let before = try Self.snapshot(out)

        let changed = try OutputDirectory(objects: Rendering.objects(Self.values, release: "other"))
        var faults = OutputDirectory.WriteFaults()
        if failAfter >= 0 {
            faults.afterFile = { index in if index == failAfter { throw Injected() } }
        } else {
            faults.beforeSwap = { throw Injected() }
        }
        #expect(throws: DiagnosticError.self) { try changed.write(to: out, faults: faults) }
        #expect(try Self.snapshot(out) == before)
        #expect(try Self.siblings(directory) == ["out"], "the staging directory is removed")

        // And the same write without the fault swaps the new tree in, keeping the directory's mode.
        try changed.write(to: out)
        #expect(try Self.snapshot(out).files.keys.contains("cluster-other.yaml"))
        #expect(try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? Int == 0o700)
        #expect(try Self.siblings(directory) == ["out"])
    }

    @Test("a target that is a file, or under a file, is refused and left alone")
    func unwritableTarget() throws {
        let directory = try TemporaryDirectory()
        try directory.write("out", "not a directory\n")
        let layout = try OutputDirectory(objects: Rendering.objects(Self.values, release: "prod"))
        #expect(throws: DiagnosticError.self) { try layout.write(to: directory.url.appendingPathComponent("out")) }
        #expect(try String(contentsOf: directory.url.appendingPathComponent("out"), encoding: .utf8) == "not a directory\n")
        #expect(throws: DiagnosticError.self) { try layout.write(to: directory.url.appendingPathComponent("out/sub")) }
        #expect(try Self.siblings(directory) == ["out"])
    }

    @Test("where the kernel cannot exchange, the old tree is moved aside and the new one in")
    func fallbackSwap() throws {
        let directory = try TemporaryDirectory()
        try directory.write("target/a.yaml", "old\n")
        try directory.write("staging/a.yaml", "new\n")
        let target = directory.url.appendingPathComponent("target")
        try AtomicSwap.replace(target, with: directory.url.appendingPathComponent("staging"), exchange: { _, _ in false })
        #expect(try String(contentsOf: target.appendingPathComponent("a.yaml"), encoding: .utf8) == "new\n")
        // As after an exchange, the old tree is where the staging tree was, for the caller to delete.
        #expect(try String(contentsOf: directory.url.appendingPathComponent("staging/a.yaml"), encoding: .utf8) == "old\n")
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("staging"))

        // A staging tree that cannot be moved in: the old tree is moved back.
        #expect(throws: (any Error).self) {
            try AtomicSwap.replace(target, with: directory.url.appendingPathComponent("missing"), exchange: { _, _ in false })
        }
        #expect(try String(contentsOf: target.appendingPathComponent("a.yaml"), encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["target"])
    }
}

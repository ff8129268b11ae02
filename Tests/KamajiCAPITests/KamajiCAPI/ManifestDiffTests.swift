import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

@Suite struct ManifestDiffTests {
    static let upgrades = "conformance/chart-0.2.9/upgrade"

    /// The objects of an upgrade case, rendered from its values or read from Helm's output.
    static func objects(_ name: String, fromHelm: Bool) throws -> [ManifestObject] {
        let chartCase = try ChartCase(folder: "\(upgrades)-\(name)")
        if fromHelm { return try ManifestFiles.objects(stream: chartCase.expectedText, file: "expected.yaml") }
        return try RenderPipeline.render(chartCase.request).objects
    }

    @Test(arguments: [false, true])
    func scalingIsNoRoll(fromHelm: Bool) throws {
        let diff = ManifestDiff(old: try Self.objects("before", fromHelm: fromHelm), new: try Self.objects("scaled", fromHelm: fromHelm))
        let pool = try #require(diff.rolls.pool("default"))
        #expect(!pool.rolls)
        #expect(pool.status == .scales)
        #expect(pool.scale.map(\.description) == ["replicas 3 -> 7"])
        #expect(diff.summary.contains("pool default scales, no roll: replicas 3 -> 7"))
        #expect(diff.entries.count == 1)
    }

    @Test(arguments: [false, true])
    func newTemplateRollsThePool(fromHelm: Bool) throws {
        let diff = ManifestDiff(old: try Self.objects("before", fromHelm: fromHelm), new: try Self.objects("after", fromHelm: fromHelm))
        let pool = try #require(diff.rolls.pool("default"))
        #expect(pool.rolls)
        #expect(pool.causes.map(\.field) == ["template", "version"])
        #expect(pool.causes.first?.description == "template ubuntu-2404-kube-v1.32.0 -> ubuntu-2404-kube-v1.33.1")
        #expect(diff.summary.contains("pool default rolls: template ubuntu-2404-kube-v1.32.0 -> ubuntu-2404-kube-v1.33.1"))
        #expect(diff.rolls.controlPlane.map(\.description) == ["version v1.32.0 -> v1.33.1"])
        // The renamed template is one replacement, diffed against the one it replaces.
        #expect(diff.summary.contains("1 replaced"))
        #expect(diff.unified().contains("+      template: ubuntu-2404-kube-v1.33.1"))
    }

    @Test func sameInputHasNoDifferences() throws {
        let objects = try Self.objects("before", fromHelm: false)
        let diff = ManifestDiff(old: objects, new: objects)
        #expect(diff.isEmpty)
        #expect(diff.summary == "no differences\n")
        #expect(diff.unified() == "")
    }

    static func render(_ values: String) throws -> [ManifestObject] {
        try Rendering.objects(values, release: "c")
    }

    static let workers = """
        nodePools:
        - {name: workers, template: ubuntu-2404-kube-v1.32.0, network: vm-net, memoryMiB: 4096, replicas: 3}
        """

    @Test func machineFieldsNameTheCause() throws {
        let bigger = Self.workers.replacingOccurrences(of: "memoryMiB: 4096, replicas: 3", with: "memoryMiB: 8192, replicas: 5")
        let diff = ManifestDiff(old: try Self.render(Self.workers), new: try Self.render(bigger))
        #expect(diff.rolls.pool("workers")?.line == "pool workers rolls: memoryMiB 4096 -> 8192; and scales: replicas 3 -> 5")
    }

    @Test func bootstrapChangesRollToo() throws {
        let withCommand = Self.workers.replacingOccurrences(of: "replicas: 3}", with: "replicas: 3, preKubeadmCommands: [echo hi]}")
        let diff = ManifestDiff(old: try Self.render(Self.workers), new: try Self.render(withCommand))
        #expect(diff.rolls.pool("workers")?.causes.map(\.description) == ["preKubeadmCommands changed"])
    }

    @Test func renamedTemplateWithTheSameSpecStillRolls() throws {
        let old = try Self.render(Self.workers)
        func rename(_ value: YAMLValue) -> YAMLValue {
            switch value {
            case .string(let s): return .string(s.replacingOccurrences(of: "machine-template-", with: "machine-template-x"))
            case .sequence(let items): return .sequence(items.map(rename))
            case .mapping(let m): return .mapping(YAMLMapping(m.entries.map { .init(key: $0.key, value: rename($0.value)) }))
            default: return value
            }
        }
        let renamed = old.map { ManifestObject(parsing: rename($0.body))! }
        let pool = try #require(ManifestDiff(old: old, new: renamed).rolls.pool("workers"))
        #expect(pool.rolls)
        #expect(pool.causes.map(\.field) == ["VSphereMachineTemplate name (same spec)"])
    }

    @Test func addedAndRemovedPools() throws {
        let two = Self.workers + "\n- {name: gpu, template: ubuntu-2404-kube-v1.32.0, network: vm-net, replicas: 2}"
        let added = ManifestDiff(old: try Self.render(Self.workers), new: try Self.render(two))
        #expect(added.rolls.pool("gpu")?.line == "pool gpu is added with 2 machines")
        #expect(added.rolls.pool("workers")?.status == .unchanged)
        #expect(added.summary.contains("objects: 3 added, 0 removed, 0 changed"))
        let removed = ManifestDiff(old: try Self.render(two), new: try Self.render(Self.workers))
        #expect(removed.rolls.pool("gpu")?.status == .removed)
        #expect(removed.unified().contains("+++ /dev/null"))
        // The pool's three objects stay in the cluster after `kubectl apply`; the summary says so.
        #expect(removed.summary.hasPrefix("objects: 0 added, 3 removed (would be left behind by kubectl apply), 0 changed\n"))
        #expect(!added.summary.contains("left behind"))
    }

    @Test func secretsAreMaskedUnlessAsked() throws {
        func secret(_ password: String) -> ManifestObject {
            ManifestObject(
                apiVersion: "v1", kind: "Secret", name: "s", namespace: "default",
                fields: ["stringData": ["password": .string(password), "username": "admin"]])
        }
        let diff = ManifestDiff(old: [secret("hunter2")], new: [secret("correct horse")])
        let masked = diff.unified()
        #expect(!masked.contains("hunter2") && !masked.contains("correct horse"))
        let lines = masked.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("-  password: ") && $0.contains("-------- (changed)") })
        #expect(lines.contains { $0.hasPrefix("+  password: ") && $0.contains("++++++++ (changed)") })
        #expect(lines.contains { $0.hasPrefix("   username: ") && $0.contains("********") })
        #expect(diff.unified(showSecrets: true).contains("+  password: correct horse"))
    }

    @Test func keyOrderOfAnotherToolIsNotADifference() throws {
        let a: YAMLValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"], "data": ["a": "1", "b": "2"]]
        let b: YAMLValue = ["kind": "ConfigMap", "apiVersion": "v1", "data": ["b": "3", "a": "1"], "metadata": ["name": "x"]]
        let diff = ManifestDiff(old: [ManifestObject(parsing: a)!], new: [ManifestObject(parsing: b)!])
        let lines = diff.unified().split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.map { $0.prefix(4) } == ["--- ", "+++ ", "-  b", "+  b"])
    }
}

@Suite struct LineDiffTests {
    @Test func shortestEditScript() {
        let edits = LineDiff.edits(["a", "b", "c", "a", "b", "b", "a"], ["c", "b", "a", "b", "a", "c"])
        #expect(edits.filter { if case .same = $0 { return false } else { return true } }.count == 5)
        #expect(edits.compactMap { if case .same(let s) = $0 { s } else if case .removed(let s) = $0 { s } else { nil } }
            == ["a", "b", "c", "a", "b", "b", "a"])
        #expect(edits.compactMap { if case .same(let s) = $0 { s } else if case .added(let s) = $0 { s } else { nil } }
            == ["c", "b", "a", "b", "a", "c"])
    }

    /// Against the standard library's Myers: the same (minimal) number of edits, and a script that
    /// rebuilds both sides, on inputs long enough that every frontier kept is a slice.
    @Test func asShortAsTheStandardLibrarysScript() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let old = (0..<Int.random(in: 0...400, using: &generator)).map { _ in "line \(Int.random(in: 0..<8, using: &generator))" }
            let new = (0..<Int.random(in: 0...400, using: &generator)).map { _ in "line \(Int.random(in: 0..<8, using: &generator))" }
            let edits = LineDiff.edits(old, new)
            #expect(edits.filter { if case .same = $0 { false } else { true } }.count == new.difference(from: old).count)
            #expect(edits.compactMap { if case .same(let s) = $0 { s } else if case .removed(let s) = $0 { s } else { nil } } == old)
            #expect(edits.compactMap { if case .same(let s) = $0 { s } else if case .added(let s) = $0 { s } else { nil } } == new)
        }
    }

    @Test func unifiedHunksAsGNUDiffWritesThem() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 2\n", with: "line two\n").replacingOccurrences(of: "line 10\n", with: "")
        #expect(LineDiff.unified(old: old, new: new, oldName: "a", newName: "b", context: 1) == """
            --- a
            +++ b
            @@ -1,3 +1,3 @@
             line 1
            -line 2
            +line two
             line 3
            @@ -9,2 +9,1 @@
             line 9
            -line 10

            """)
        #expect(LineDiff.unified(old: "", new: "x\n", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n")
        #expect(LineDiff.unified(old: old, new: old, oldName: "a", newName: "b").isEmpty)
    }

    @Test func colorsOnlyWhenAsked() {
        let colored = LineDiff.unified(old: "a\n", new: "b\n", oldName: "x", newName: "y", style: .ansi)
        #expect(colored.contains("\u{1B}[31m-a\u{1B}[0m"))
        #expect(!LineDiff.unified(old: "a\n", new: "b\n", oldName: "x", newName: "y").contains("\u{1B}"))
    }
}

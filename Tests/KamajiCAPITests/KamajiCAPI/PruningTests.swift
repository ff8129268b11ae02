import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// docs/pruning.md's promises, offline: every rendered object carries the label that selects its
/// cluster, the `kubectl apply --prune` allowlist names every kind a render can produce except the
/// machine templates (kept until a rollout completes), and the templates-of-the-previous-values
/// recipe yields the templates a change replaces.
@Suite struct PruningTests {
    static let label = "cluster.x-k8s.io/cluster-name"

    /// Every example, at every API version, with and without a CNI add-on (a `HelmChartProxy`).
    static func renders() throws -> [(String, [ManifestObject])] {
        let passwords = ["vSphere.password=p", "vSphereStorageControllerManager.password=q"].map { SetFlag(.string, $0) }
        var renders: [(String, [ManifestObject])] = []
        for example in APIVersionTests.examples {
            let text = try String(contentsOf: APIVersionTests.examplesFolder.appendingPathComponent(example), encoding: .utf8)
            for targets in APIVersionTests.combinations {
                for cni in [[], [SetFlag(.typed, "cni.provider=calico")]] {
                    let sets = targets.sets + passwords + cni
                    renders.append(("\(example) \(targets.testDescription) \(cni.isEmpty ? "" : "calico")",
                        try Rendering.objects(text, release: "pruned", sets: sets)))
                }
            }
        }
        return renders
    }

    @Test func everyObjectCarriesItsClustersNameLabel() throws {
        let renders = try Self.renders()
        #expect(renders.count >= 16)
        for (render, objects) in renders {
            let cluster = try #require(objects.first { $0.kind == "Cluster" }, "\(render)")
            for object in objects {
                #expect(object.body["metadata", "labels", Self.label] == .string(cluster.name), "\(render): \(object.identity)")
                // The cloud controller's RoleBinding lives in kube-system, named after the cluster and
                // its namespace; everything else in the cluster's namespace.
                let own = object.namespace == cluster.namespace
                    || object.namespace == "kube-system" && object.name.hasPrefix("\(cluster.name)-\(cluster.namespace ?? ""):")
                #expect(own, "\(render): \(object.identity)")
            }
        }
    }

    /// `group/version/Kind` of every `--prune-allowlist=` in docs/pruning.md.
    static func allowlist() throws -> [(group: String, kind: String)] {
        let doc = try #require(GeneratedDocsTests.committed("docs/pruning.md"))
        return doc.components(separatedBy: "--prune-allowlist=").dropFirst().compactMap { rest in
            let entry = rest.prefix { !" \\`\n|".contains($0) }.split(separator: "/")
            guard entry.count == 3 else { return nil }
            return (entry[0] == "core" ? "" : String(entry[0]), String(entry[2]))
        }
    }

    @Test func theAllowlistNamesEveryKindButTheTemplates() throws {
        let allowlist = try Self.allowlist()
        #expect(allowlist.count >= 10)
        for (render, objects) in try Self.renders() {
            for object in objects {
                let group = object.apiVersion.split(separator: "/").dropLast().joined(separator: "/")
                let listed = allowlist.contains { $0.group == group && $0.kind == object.kind }
                // Hash-named templates are left out, so a rollout keeps the ones it still needs.
                #expect(listed == !object.kind.hasSuffix("Template"), "\(render): \(object.kind) (\(group))")
            }
        }
    }

    /// The ApplySet recipe streams the previous values' templates along with the new render, so the
    /// templates a change replaces are still applied (and not pruned) while the machines roll.
    @Test func previousTemplatesRecipeKeepsTheReplacedTemplates() throws {
        let before = "conformance/chart-0.2.9/upgrade-before/values.yaml"
        let after = "conformance/chart-0.2.9/upgrade-after/values.yaml"
        let kinds = ["--show-only", "VSphereMachineTemplate", "--show-only", "KubeadmConfigTemplate"]
        let new = try CommandLineTool.run(["my-cluster", "-f", after])
        let previous = try CommandLineTool.run(["my-cluster", "-f", before] + kinds)
        #expect(new.status == 0 && previous.status == 0)
        let replaced = ManifestDiff(
            old: try ManifestFiles.objects(stream: try Fixtures.text("conformance/chart-0.2.9/upgrade-before/expected.yaml"), file: "before"),
            new: try ManifestFiles.objects(stream: new.stdout, file: "after")
        ).rolls.replacements.map(\.old)
        #expect(!replaced.isEmpty)
        let kept = try ManifestFiles.objects(stream: previous.stdout, file: "previous").map(\.identity)
        #expect(replaced.allSatisfy(kept.contains), "\(replaced) not in \(kept)")
    }

    @Test func diffSaysRemovedObjectsWouldBeLeftBehind() throws {
        let directory = try TemporaryDirectory()
        let pools = "nodePools:\n- {name: a, template: ubuntu, network: vm-net}\n"
        try directory.write("two.yaml", pools + "- {name: b, template: ubuntu, network: vm-net}\n")
        try directory.write("one.yaml", pools)
        let result = try CommandLineTool.run(
            ["diff", "--name", "c", "--old-values", "two.yaml", "--new-values", "one.yaml", "--summary"], in: directory.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("objects: 0 added, 3 removed (would be left behind by kubectl apply), 0 changed\n"))
        #expect(result.stdout.contains("  - MachineDeployment default/c-b-md\n"))
    }
}

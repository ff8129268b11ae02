import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `diff` evaluates the transition rules (`oldSelf`) of a changed object's schema with the old side
/// as the stored object, and says in its summary which updates the API server would refuse. The
/// values render no field a transition rule guards (the load balancer settings and
/// `dataStoreUsername` are not chart values), so a violation comes from a manifest side, such as the
/// output of a kustomize overlay that patches the KamajiControlPlane.
@Suite struct DiffTransitionRuleTests {
    static let values = "vSphere: {tlsThumbprint: \"AB:CD\"}\ncluster: {controlPlane: {network: {serviceAddress: 10.0.0.5}}}\n"

    /// The render of `values.yaml` (with `--set` flags), with a load balancer class patched into the
    /// KamajiControlPlane's network.
    static func manifest(_ directory: TemporaryDirectory, loadBalancerClass: String, sets: [String] = []) throws -> String {
        let render = try CommandLineTool.run(["render", "prod", "-f", "values.yaml"] + sets.flatMap { ["--set", $0] }, in: directory.url)
        #expect(render.status == 0, "\(render.stderr)")
        let network = "    serviceType: LoadBalancer\n"
        #expect(render.stdout.contains(network))
        return render.stdout.replacingOccurrences(
            of: network, with: network + "    loadBalancerConfig:\n      loadBalancerClass: \(loadBalancerClass)\n")
    }

    @Test(arguments: ["v1alpha1", "v1alpha2"])
    func changingAnImmutableFieldIsAnUpdateTheAPIServerRefuses(_ kamaji: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        let sets = ["apiVersions.kamaji=\(kamaji)"]
        try directory.write("old.yaml", try Self.manifest(directory, loadBalancerClass: "metallb", sets: sets))
        try directory.write("new.yaml", try Self.manifest(directory, loadBalancerClass: "cilium", sets: sets))
        let result = try CommandLineTool.run(["diff", "old.yaml", "new.yaml", "--summary"], in: directory.url)
        #expect(result.status == 1, "the exit codes stay diff's: \(result.stderr)")
        #expect(result.stdout == """
            objects: 0 added, 0 removed, 1 changed
              ~ KamajiControlPlane default/prod
              warning: KamajiControlPlane default/prod: spec.network.loadBalancerConfig.loadBalancerClass: LoadBalancerClass is immutable (the API server refuses this update: transition rule `self == oldSelf`)
            pool default is unchanged

            """, "\(result.stdout)")
    }

    @Test func changesNoRuleGuardsShowNoRefusal() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        try directory.write("old.yaml", try Self.manifest(directory, loadBalancerClass: "metallb"))
        // The same class, and a new Kubernetes version: the rules run and hold.
        try directory.write("new.yaml", try Self.manifest(directory, loadBalancerClass: "metallb", sets: ["cluster.controlPlane.version=v1.33.1"]))
        let kept = try CommandLineTool.run(["diff", "old.yaml", "new.yaml", "--summary"], in: directory.url)
        #expect(kept.status == 1)
        #expect(kept.stdout.contains("~ KamajiControlPlane default/prod"), "\(kept.stdout)")
        #expect(!kept.stdout.contains("refuses"), "\(kept.stdout)")

        // Values leave the load balancer settings out, so no rule compares them.
        let fromValues = try CommandLineTool.run(["diff", "old.yaml", "-f", "values.yaml", "--summary"], in: directory.url)
        #expect(fromValues.status == 1)
        #expect(!fromValues.stdout.contains("refuses"), "\(fromValues.stdout)")

        let scaled = try CommandLineTool.run([
            "diff", "--name", "my-cluster", "--old-values", "conformance/chart-0.2.9/upgrade-before/values.yaml",
            "--new-values", "conformance/chart-0.2.9/upgrade-scaled/values.yaml", "--set", "cluster.controlPlane.replicas=3",
            "--new-set", "cluster.controlPlane.replicas=5",
        ])
        #expect(scaled.status == 1)
        #expect(scaled.stdout.contains("control plane: replicas 3 -> 5"), "\(scaled.stdout)")
        #expect(!scaled.stdout.contains("refuses"))
    }
}

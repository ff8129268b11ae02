import Foundation
import Testing
@testable import KamajiCAPI

/// `kamaji-capi validate` and `render --validate` as a shell sees them: exit codes, stdout, stderr.
@Suite struct ValidateCommandTests {
    @Test func validateReportsEveryProblemAndExits1() throws {
        let folder = Fixtures.url("validate/hand-edited")
        let result = try CommandLineTool.run(["validate", "manifest.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == (try Fixtures.text("validate/hand-edited/expected.txt")))
        #expect(result.stderr.isEmpty)
    }

    @Test func anUnreadableFileIsExit2() throws {
        let result = try CommandLineTool.run(["validate", "no-such-file.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-file.yaml"))
    }

    @Test func validateAcceptsARenderedStream() throws {
        let directory = try TemporaryDirectory()
        let render = try CommandLineTool.run(["render", "prod", "--set", "apiVersions.clusterAPI=v1beta2"])
        try directory.write("prod.yaml", render.stdout)
        let result = try CommandLineTool.run(["validate", "prod.yaml"], in: directory.url)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("validate: 10 objects, 10 checked against schemas, 0 errors"))
    }

    @Test func renderValidatePrintsNothingWhenTheOutputIsInvalid() throws {
        // No check rule knows kubelet's cgroup drivers; the KamajiControlPlane schema does.
        let result = try CommandLineTool.run(["render", "prod", "--validate", "--set", "cluster.controlPlane.kubelet.cgroupfs=cgroupv3"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("KamajiControlPlane/default/prod: spec.kubelet.cgroupfs: unsupported value \"cgroupv3\""))
        #expect(result.stderr.contains("(enum)"))
    }

    /// Issue 16: the CEL rule of KamajiControlPlane refuses agent replicas while the mode defaults
    /// to DaemonSet; no check rule knew it and the schema alone accepts it.
    @Test func renderValidateEvaluatesTheCELRules() throws {
        let result = try CommandLineTool.run(
            ["render", "prod", "--validate", "--set", "cluster.controlPlane.addons.konnectivity.agent.replicas=2"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(
            "KamajiControlPlane/default/prod: spec.addons.konnectivity.agent: replicas must be 0 (or unset) when mode is DaemonSet"))
        #expect(result.stderr.contains("(cel)"))
    }

    @Test func renderValidatePrintsTheSameOutputWhenValid() throws {
        let plain = try CommandLineTool.run(["render", "prod"])
        let validated = try CommandLineTool.run(["render", "prod", "--validate"])
        #expect(validated.status == 0)
        #expect(validated.stdout == plain.stdout)
    }
}

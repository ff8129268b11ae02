import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `kamaji-capi diff` as a script sees it: exit 0 equal, 1 different, 2 error, like diff(1).
@Suite struct DiffCommandTests {
    static let cases = "conformance/chart-0.2.9/upgrade"

    @Test func valuesSidesThatScale() throws {
        let result = try CommandLineTool.run([
            "diff", "--name", "my-cluster", "--old-values", "\(Self.cases)-before/values.yaml",
            "--new-values", "\(Self.cases)-scaled/values.yaml",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("objects: 0 added, 0 removed, 1 changed\n"))
        #expect(result.stdout.contains("pool default scales, no roll: replicas 3 -> 7"))
        #expect(result.stdout.contains("-  replicas: 3\n+  replicas: 7"))
        #expect(!result.stdout.contains("\u{1B}"), "no colors when stdout is not a terminal")
    }

    @Test func manifestSidesThatRoll() throws {
        let result = try CommandLineTool.run([
            "diff", "\(Self.cases)-before/expected.yaml", "\(Self.cases)-after/expected.yaml", "--summary", "--color", "always",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("pool default rolls: template ubuntu-2404-kube-v1.32.0 -> ubuntu-2404-kube-v1.33.1"))
        #expect(!result.stdout.contains("@@"), "--summary prints no diff")
    }

    @Test func valuesFilesAsPathsAndEqualSides() throws {
        let values = "\(Self.cases)-before/values.yaml"
        let result = try CommandLineTool.run(["diff", values, values, "--name", "my-cluster"])
        #expect(result.status == 0)
        #expect(result.stdout == "no differences\n")
    }

    @Test func outputDirectoryAgainstValues() throws {
        let directory = try TemporaryDirectory()
        // Values without empty strings, so the check does not depend on how empty strings are written.
        try directory.write("values.yaml", """
            vSphere: {tlsThumbprint: "AB:CD"}
            cluster: {controlPlane: {network: {serviceAddress: 10.0.0.5}}}
            vSphereCloudControllerManager: {enabled: false}
            nodePools:
            - {name: workers, template: ubuntu-2404-kube-v1.32.0, network: vm-net, storagePolicyName: gold, replicas: 2}
            """)
        let render = try CommandLineTool.run(["render", "prod", "-f", "values.yaml", "--output-dir", "out"], in: directory.url)
        #expect(render.status == 0, "\(render.stderr)")
        let same = try CommandLineTool.run(["diff", "out", "-f", "values.yaml"], in: directory.url)
        #expect(same.status == 0, "the Cluster's name stands in for --name: \(same.stdout)\(same.stderr)")
        try directory.write("more.yaml", "nodePools:\n- {name: workers, template: ubuntu-2404-kube-v1.32.0, network: vm-net, storagePolicyName: gold, replicas: 4}\n")
        let grown = try CommandLineTool.run(["diff", "out", "-f", "values.yaml", "--new-values", "more.yaml"], in: directory.url)
        #expect(grown.status == 1)
        #expect(grown.stdout.contains("pool workers scales, no roll: replicas 2 -> 4"))
    }

    /// kustomize's default load restrictor: nothing outside the tree's folder is read, whether a
    /// `kustomization.yaml` entry climbs out or a symlinked file points out.
    @Test(arguments: ["listed", "symlinked", "symlinked kustomization"])
    func aTreeNeverReadsOutsideItsFolder(_ way: String) throws {
        let directory = try TemporaryDirectory()
        let secret = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kubeconfig-Secr3t-t0ken}\n"
        try directory.write("home/kubeconfig.yaml", secret)
        try directory.write("values.yaml", "nodePools: []\n")
        #expect(try CommandLineTool.run(["render", "prod", "-f", "values.yaml", "--output-dir", "out"], in: directory.url).status == 0)
        let out = directory.url.appendingPathComponent("out")
        switch way {
        case "listed":
            try directory.write("out/kustomization.yaml", "resources:\n- cluster-prod.yaml\n- ../home/kubeconfig.yaml\n")
        case "symlinked":
            try FileManager.default.removeItem(at: out.appendingPathComponent("cluster-prod.yaml"))
            try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("cluster-prod.yaml").path, withDestinationPath: "../home/kubeconfig.yaml")
        default:
            try directory.write("home/kustomization.yaml", "resources:\n- kubeconfig.yaml\n")
            try FileManager.default.removeItem(at: out.appendingPathComponent("kustomization.yaml"))
            try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("kustomization.yaml").path, withDestinationPath: "../home/kustomization.yaml")
        }
        let result = try CommandLineTool.run(["diff", "out", "-f", "values.yaml"], in: directory.url)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("is outside the tree being read"))
        #expect(!(result.stdout + result.stderr).contains("Secr3t"))
    }

    @Test func setFlagsPerSideAndForBoth() throws {
        let values = "\(Self.cases)-before/values.yaml"
        let scaled = try CommandLineTool.run(["diff", "--name", "my-cluster", values, "--new-values", values, "--new-set", "nodePools[0].replicas=5"])
        #expect(scaled.stdout.contains("pool default scales, no roll: replicas 3 -> 5"), "\(scaled.stdout)\(scaled.stderr)")
        let both = try CommandLineTool.run([
            "diff", "--name", "my-cluster", "--set", "nodePools[0].memoryMiB=8192", "--old-values", values, "--new-values", values,
        ])
        #expect(both.status == 0, "a shared --set applies to both sides: \(both.stdout)")
    }

    @Test func renderedSecretsStayMasked() throws {
        let directory = try TemporaryDirectory()
        let values = "vSphere:\n  secret: {create: true}\n  username: admin@vsphere.local\n  password: \"Old-Pa55word\"\n"
        try directory.write("old.yaml", values)
        try directory.write("new.yaml", values.replacingOccurrences(of: "Old-", with: "New-"))
        let arguments = ["diff", "--name", "c", "--old-values", "old.yaml", "--new-values", "new.yaml"]
        let masked = try CommandLineTool.run(arguments, in: directory.url)
        #expect(masked.status == 1)
        #expect(masked.stdout.contains("~ Secret default/c-vsphere-secret"))
        #expect(!masked.stdout.contains("Pa55word"))
        #expect(try CommandLineTool.run(arguments + ["--show-secrets"], in: directory.url).stdout.contains("+  password: New-Pa55word"))
    }

    @Test func errorsExit2() throws {
        #expect(try CommandLineTool.run(["diff", "no-such.yaml", "\(Self.cases)-before/values.yaml"]).status == 2)
        #expect(try CommandLineTool.run(["diff", "\(Self.cases)-before/expected.yaml"]).status == 2)
        #expect(try CommandLineTool.run(["diff", "a", "b", "c"]).status == 2)
        let badValues = try CommandLineTool.run([
            "diff", "\(Self.cases)-before/expected.yaml", "--new-values", "check/KC104-duplicate-pool/fail.yaml",
        ])
        #expect(badValues.status == 2)
        #expect(badValues.stderr.contains("KC104"))
    }
}

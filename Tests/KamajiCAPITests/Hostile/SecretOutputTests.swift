import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Passwords reach only the Secret objects: never the command line's stderr, `check` in any
/// format, or `diff` unless `--show-secrets` is given. (`SecrecyTests` covers the library.)
@Suite("Secrets stay out of errors, check and diff")
struct SecretOutputTests {
    static let filePassword = "File-Pa55-§3cret"
    static let setPassword = "Set-Pa55-s3cret"
    static let environmentPassword = "Env-Pa55-s3cret"
    static let all = [filePassword, setPassword, environmentPassword]

    static func leaks(_ text: String) -> [String] { all.filter { text.contains($0) } }

    static func directory(extra: String = "") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", """
            vSphere:
              server: vcenter.example.com
              secret: {create: true}
              username: capi
              password: "\(filePassword)"
            vSphereCloudControllerManager:
              secret: {create: true}
            vSphereStorageControllerManager:
              enabled: true
              secret: {create: true}
              username: csi
            nodePools:
            - {name: workers, template: ubuntu-2404-kube-v1.32.0, network: vm-net}
            \(extra)
            """)
        return directory
    }

    static let passwordFlags = [
        "--set", "vSphereCloudControllerManager.username=cpi,vSphereCloudControllerManager.password=\(setPassword)",
        "--set-env", "vSphereStorageControllerManager.password=CSI_PASSWORD",
    ]
    static let environment = ["CSI_PASSWORD": environmentPassword]

    @Test("a render that works puts every password into a Secret, and only there")
    func working() throws {
        let directory = try Self.directory()
        let result = try CommandLineTool.run(
            ["render", "prod", "-f", "values.yaml"] + Self.passwordFlags, in: directory.url, environment: Self.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.leaks(result.stderr).isEmpty)
        let objects = try ManifestFiles.objects(stream: result.stdout, file: "stdout")
        #expect(Self.leaks(ManifestStream.yaml(objects.filter { $0.kind != "Secret" })).isEmpty)
        #expect(Set(Self.all.filter { ManifestStream.yaml(objects).contains($0) }) == Set(Self.all))
    }

    static let breakages: [String] = [
        "cluster: {nmae: typo}",
        "nodePools: [{name: Workers_1, template: t, network: vm-net}]",
        "vSphere: {port: \"\(filePassword)\"}",
        "vSphere: {password: [\(filePassword)]}",
    ]

    @Test("a render that fails prints no password on stderr and nothing on stdout", arguments: breakages)
    func failing(_ breakage: String) throws {
        let directory = try Self.directory()
        try directory.write("broken.yaml", breakage)
        let result = try CommandLineTool.run(
            ["render", "prod", "-f", "values.yaml", "-f", "broken.yaml"] + Self.passwordFlags, in: directory.url,
            environment: Self.environment)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
        #expect(Self.leaks(result.stderr).isEmpty, "\(result.stderr)")
    }

    @Test("a YAML syntax error on the password's own line does not quote it")
    func syntaxError() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", "vSphere:\n  password: \"\(Self.filePassword)\n  username: [x\n")
        let result = try CommandLineTool.run(["render", "prod", "-f", "values.yaml"], in: directory.url)
        #expect(result.status == 1)
        #expect(Self.leaks(result.stderr).isEmpty, "\(result.stderr)")
    }

    @Test("check prints no password in any format", arguments: ["text", "json", "github"])
    func check(_ format: String) throws {
        let directory = try Self.directory()
        try directory.write("broken.yaml", "nodePools: [{name: workers, template: t, network: vm-net}, {name: workers, template: t, network: vm-net}]")
        let result = try CommandLineTool.run(
            ["check", "prod", "-f", "values.yaml", "-f", "broken.yaml", "--format", format] + Self.passwordFlags,
            in: directory.url, environment: Self.environment)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("KC104"))
        #expect(Self.leaks(result.stdout + result.stderr).isEmpty)
    }

    /// The review's case: the flag's whole text used to be the location of the port's error.
    static let multiKeyFlag = "vSphere.password=\(setPassword),vSphere.port=abc"

    @Test("a password inside a multi-key flag is never printed: render, warnings, check in every format, diff, render-fleet")
    func multiKeyFlag() throws {
        let directory = try Self.directory()
        try directory.write("tenants/alpha.yaml", "nodePools: []\n")
        let runs: [[String]] = [
            ["render", "prod", "-f", "values.yaml", "--set", "cluster.name=prod", "--set", Self.multiKeyFlag],
            ["render", "prod", "-f", "values.yaml", "--set-string", "vSphere.password=\(Self.setPassword),nodePools[0]"],
            ["check", "prod", "-f", "values.yaml", "--set", Self.multiKeyFlag, "--format", "text"],
            ["check", "prod", "-f", "values.yaml", "--set", Self.multiKeyFlag, "--format", "json"],
            ["check", "prod", "-f", "values.yaml", "--set", Self.multiKeyFlag, "--format", "github"],
            ["diff", "--name", "prod", "--set", "vSphereStorageControllerManager.password=csi", "--old-values", "values.yaml",
             "--new-values", "values.yaml", "--new-set", Self.multiKeyFlag],
            ["render-fleet", "tenants", "--output-dir", "out", "--set", Self.multiKeyFlag],
        ]
        for arguments in runs {
            let result = try CommandLineTool.run(arguments, in: directory.url)
            let output = result.stdout + result.stderr
            #expect(!output.isEmpty, "\(arguments)")
            #expect(Self.leaks(output).isEmpty, "\(arguments): \(output)")
        }
        let render = try CommandLineTool.run(runs[0], in: directory.url)
        #expect(render.status == 1)
        #expect(render.stderr.contains("--set #2 (vSphere.port): error: vSphere.port: expected a whole number"), "\(render.stderr)")
        let github = try CommandLineTool.run(runs[4], in: directory.url)
        #expect(github.stdout.contains("title=type-mismatch --set #2 (vSphere.port)") || github.stdout.contains("title=type-mismatch --set #1 (vSphere.port)"), "\(github.stdout)")
        #expect(!github.stdout.contains("file=--set"))
        let diff = try CommandLineTool.run(runs[5], in: directory.url)
        #expect(diff.stderr.contains("--new-set #1 (vSphere.port)"), "\(diff.stderr)")
    }

    @Test("diff masks Secrets unless --show-secrets")
    func diff() throws {
        let directory = try Self.directory()
        try directory.write("rotated.yaml", "vSphere: {password: \"\(Self.filePassword)-rotated\"}\n")
        let arguments = ["diff", "--name", "prod", "--old-values", "values.yaml", "--new-values", "values.yaml",
                         "--new-values", "rotated.yaml"] + Self.passwordFlags
        let masked = try CommandLineTool.run(arguments, in: directory.url, environment: Self.environment)
        #expect(masked.status == 1, "\(masked.stderr)")
        #expect(masked.stdout.contains("Secret default/prod-vsphere-secret"))
        #expect(Self.leaks(masked.stdout + masked.stderr).isEmpty, "\(masked.stdout)")
        let shown = try CommandLineTool.run(arguments + ["--show-secrets"], in: directory.url, environment: Self.environment)
        #expect(shown.stdout.contains("\(Self.filePassword)-rotated"))
    }
}

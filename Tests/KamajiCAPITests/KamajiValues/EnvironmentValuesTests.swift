import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Passwords from the environment (`--set-env`) and from files (`--set-file`) instead of a values file.
@Suite struct EnvironmentValuesTests {
    static let createSecret = "vSphere: {secret: {create: true}, username: capi-user, password: from-file}"

    static func identityPassword(_ files: [ValuesFile]) throws -> YAMLValue? {
        let request = RenderRequest(releaseName: "test", valueFiles: files)
        let objects = try RenderPipeline.render(request).objects
        return Rendering.object("Secret", in: objects, named: "test-vsphere-secret")?["stringData", "password"]
    }

    @Test(arguments: ["0123", "yes", "a,b=c\\d[0]", "p\"ss: #w'rd", "日本-pässwörd", "1e3"])
    func environmentTextIsThePasswordAsItIs(password: String) throws {
        let file = try #require(
            try EnvironmentValues.valuesFile(["vSphere.password=VSPHERE_PASSWORD"], environment: ["VSPHERE_PASSWORD": password]))
        #expect(file.name == "--set-env")
        let values = ValuesFile(name: "values.yaml", text: Self.createSecret)
        #expect(try Self.identityPassword([values, file]) == .string(password))
    }

    @Test func severalAssignmentsBuildOneTree() throws {
        let file = try #require(
            try EnvironmentValues.valuesFile(
                ["vSphere.password=A", "vSphereStorageControllerManager.password=B", "vSphere.username=C"],
                environment: ["A": "pa", "B": "pb", "C": "user"]))
        let tree = try YAMLReader.document(file.text, file: file.name).value
        #expect(tree == [
            "vSphere": ["password": "pa", "username": "user"],
            "vSphereStorageControllerManager": ["password": "pb"],
        ])
    }

    @Test func noAssignmentsNoSource() throws {
        #expect(try EnvironmentValues.valuesFile([], environment: [:]) == nil)
    }

    @Test func mistakesNameTheFlagAndTheVariableNeverAValue() {
        let environment = ["SET": "s3cr3t-value", "EMPTY": ""]
        let assignments = ["vSphere.password", "vSphere..password=SET", "nodePools[0].x=SET", "a=1BAD", "a=UNSET", "a=EMPTY"]
        var diagnostics: [Diagnostic] = []
        do {
            _ = try EnvironmentValues.valuesFile(assignments, environment: environment)
        } catch {
            diagnostics = error.diagnostics
        }
        #expect(diagnostics.count == assignments.count)
        #expect(diagnostics.prefix(4).allSatisfy { $0.code == .setSyntax })
        #expect(diagnostics[4].message == "environment variable UNSET is not set")
        #expect(diagnostics[5].message == "environment variable EMPTY is empty")
        #expect(!DiagnosticError(diagnostics).description.contains("s3cr3t-value"))
    }

    /// `--set-file vSphere.password=PATH` is Helm's flag; the values loader applies it (the file's
    /// bytes, final newline included, which the validator then refuses). Runs once the loader
    /// applies `--set` flags.
    @Test
    func passwordFromSetFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kamaji-capi-password-\(UUID())")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("from-set-file".utf8).write(to: url)
        let objects = try Rendering.objects(Self.createSecret, sets: [SetFlag(.file, "vSphere.password=\(url.path)")])
        #expect(Rendering.object("Secret", in: objects, named: "test-vsphere-secret")?["stringData", "password"]
            == "from-set-file")

        try Data("from-set-file\n".utf8).write(to: url)
        let errors = Rendering.errors(Self.createSecret, sets: [SetFlag(.file, "vSphere.password=\(url.path)")])
        #expect(errors.contains { $0.path == "vSphere.password" && $0.message == "contains a line break" })
    }
}

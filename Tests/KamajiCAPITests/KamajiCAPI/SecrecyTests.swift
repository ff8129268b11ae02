import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Nothing secret is printed anywhere but inside the Secret objects: not in other objects, not in
/// errors or warnings, not in a printed model.
@Suite struct SecrecyTests {
    static let passwords = ["Sup3r-S3cret!", "cpi-Secr3t-pw", "csi-Secr3t-pw"]

    static let values = """
        vSphere:
          secret: {create: true}
          username: capi-user
          password: "Sup3r-S3cret!"
        vSphereCloudControllerManager:
          secret: {create: true}
          username: cpi-user
          password: cpi-Secr3t-pw
        vSphereStorageControllerManager:
          enabled: true
          secret: {create: true}
          username: csi-user
          password: 'csi-Secr3t-pw'
          storageClass: {enabled: true}
        """

    static func leaks(_ text: String) -> [String] {
        passwords.filter { text.contains($0) }
    }

    @Test func passwordsAppearOnlyInsideSecrets() throws {
        let result = try RenderPipeline.render(Rendering.request([Self.values]))
        let secrets = result.objects.filter { $0.kind == "Secret" }
        let others = result.objects.filter { $0.kind != "Secret" }
        #expect(Set(Self.passwords.filter { password in
            secrets.contains { ManifestStream.yaml([$0]).contains(password) }
        }) == Set(Self.passwords))
        #expect(Self.leaks(ManifestStream.yaml(others)).isEmpty)
        #expect(Self.leaks(ManifestStream.json(others)).isEmpty)
        #expect(Self.leaks(result.warnings.map(\.description).joined()).isEmpty)
    }

    @Test func aPrintedModelShowsNoPassword() throws {
        let model = try RenderPipeline.render(Rendering.request([Self.values])).model
        var dumped = ""
        dump(model, to: &dumped)
        for text in [String(describing: model), String(reflecting: model), dumped] {
            #expect(Self.leaks(text).isEmpty)
            #expect(text.contains(SecretString.redacted))
        }
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        var testDescription: String
        var files: [String]
        var sets: [SetFlag] = []
    }

    static let failures: [Failure] = [
        Failure(
            testDescription: "unknown key next to a password",
            files: [values, "vSphere: {pasword: Sup3r-S3cret!}\nvSphereStorageControllerManager: {usrname: x}"]),
        Failure(testDescription: "a password given as a number", files: [values, "vSphere: {password: 12345678}"]),
        Failure(
            testDescription: "a password given as a map",
            files: [values, "vSphereCloudControllerManager: {password: {text: cpi-Secr3t-pw}}"]),
        Failure(
            testDescription: "a password given as a list",
            files: [values, "vSphereStorageControllerManager: {password: [csi-Secr3t-pw]}"]),
        Failure(
            testDescription: "a --set error next to a password",
            files: [values, "cluster: {nmae: x}"],
            sets: [
                SetFlag(.typed, "vSphere.password=Sup3r-S3cret!,nodePools[x]"),
                SetFlag(.string, "vSphereCloudControllerManager.password"),
                SetFlag(.typed, "vSphereStorageControllerManager.password=csi-Secr3t-pw,=,"),
            ]),
        Failure(
            testDescription: "a YAML syntax error on the password's line",
            files: [values, "vSphere:\n  password: \"Sup3r-S3cret!\n  username: [x\n"]),
        Failure(
            testDescription: "a YAML syntax error after an unquoted password",
            files: ["vSphereCloudControllerManager:\n  password: cpi-Secr3t-pw: {\n"]),
        Failure(
            testDescription: "a password with a line break, as --set-file reads a file",
            files: [values, "vSphere: {password: \"Sup3r-S3cret!\\n\"}"]),
        Failure(
            testDescription: "a password with a control character",
            files: [values, "vSphereStorageControllerManager: {password: \"csi-Secr3t-pw\\t\"}"]),
    ]

    @Test(arguments: failures)
    func failuresNeverPrintAPassword(_ failure: Failure) throws {
        let request = Rendering.request(failure.files, sets: failure.sets)
        var diagnostics: [Diagnostic] = []
        do {
            let result = try RenderPipeline.render(request)
            diagnostics = result.warnings
            Issue.record("the render should fail")
        } catch {
            diagnostics = error.diagnostics
        }
        #expect(!diagnostics.isEmpty)
        let text = diagnostics.map(\.description).joined(separator: "\n") + DiagnosticError(diagnostics).description
        #expect(Self.leaks(text).isEmpty, "\(text)")
        #expect(!text.contains("12345678"))
    }

    @Test func wrongTypeOfAPasswordIsDescribedNotQuoted() {
        let errors = Rendering.errors("vSphere: {password: 12345678}")
        let error = errors.first { $0.path == "vSphere.password" }
        #expect(error?.code == .typeMismatch)
        #expect(error?.message == "expected a string, found a number")
        #expect(error?.hint?.contains("quote it") == true)
    }

    @Test func aFlagIsNamedByItsPositionAndKeyNeverByItsText() throws {
        let request = Rendering.request(
            ["nodePools: []"],
            sets: [SetFlag(.typed, "cluster.name=x", position: 1), SetFlag(.typed, "vSphere.password=S3cret,vSphere.port=abc", position: 2)])
        let error = try #require(throws: DiagnosticError.self) { try RenderPipeline.render(request) }
        let port = try #require(error.diagnostics.first { $0.path == "vSphere.port" })
        #expect(port.location == SourceLocation(flag: "--set", position: 2, key: "vSphere.port"))
        #expect(port.description.hasPrefix("--set #2 (vSphere.port): error: vSphere.port: expected a whole number"))
        #expect(!error.description.contains("S3cret"))
    }

    @Test func aSyntaxErrorInAFlagHoldingAPasswordQuotesNoValue() throws {
        for flag in ["vSphere.password=S3cret,nodePools[x]=1", "vSphere.password=S3cret,a.=b", "vSphere.password=S3cret,{", "vSphere.password={S3cret"] {
            let request = Rendering.request(["nodePools: []"], sets: [SetFlag(.string, flag, position: 3)])
            let error = try #require(throws: DiagnosticError.self) { try RenderPipeline.render(request) }
            #expect(error.description.hasPrefix("--set-string #3"), "\(error)")
            #expect(!error.description.contains("S3cret"), "\(error)")
        }
    }

    /// Redaction is decided on values, so a short password garbles no key and reveals nothing by
    /// where `<redacted>` would have appeared.
    @Test func aShortPasswordLeavesKeysAndWordsAlone() throws {
        let errors = Rendering.errors("vSphere: {password: x}\nx: {y: 1}\nnodePools: [{name: x, template: t, network: x, numCPUs: four}]")
        let text = errors.map(\.description).joined(separator: "\n")
        #expect(!text.contains(SecretString.redacted), "\(text)")
        #expect(errors.contains { $0.path == "x" && $0.code == .unknownKey })
        #expect(text.contains("found the string \"four\""))
    }

    @Test func aPasswordPastedIntoAnotherFieldIsNotShownThere() {
        let errors = Rendering.errors("vSphere: {password: Pa55-word-1, port: Pa55-word-1}")
        let port = errors.first { $0.path == "vSphere.port" }
        #expect(port?.message == "expected a whole number, found a string (a password's value, not shown)")
    }

    @Test func aRuleQuotingAPasswordShowsItRedacted() throws {
        let result = try RenderPipeline.check(
            Rendering.request(["vSphere: {password: Not_A_Name}\nnodePools: [{name: Not_A_Name, template: t, network: vm-net}]"]))
        let text = result.diagnostics.map(\.description).joined(separator: "\n")
        #expect(result.diagnostics.contains { $0.path == "nodePools[0].name" && $0.rule != nil })
        #expect(!text.contains("Not_A_Name"), "\(text)")
    }
}

@Suite struct PasswordKeyTests {
    @Test func onlyPasswordKeysAreSecret() {
        #expect(SecretTexts.isPasswordKey("password"))
        #expect(SecretTexts.isPasswordKey("Password"))
        #expect(!SecretTexts.isPasswordKey("lockPassword"))
        #expect(!SecretTexts.isPasswordKey("passwords"))
    }
}

import Foundation
import Testing
@testable import KamajiCAPI

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

    /// The guard behind every stage: a stage that repeats its input (a YAML reader quoting the line
    /// it stopped at, a `--set` parser repeating the flag) still prints no password.
    @Test func redactionCoversStagesThatQuoteTheirInput() {
        let request = Rendering.request(
            ["vSphere:\n  password: \"file-pass\"\nvSphereStorageControllerManager:\n  password: 'single-pass' # note\n"],
            sets: [
                SetFlag(.typed, "a=b,vSphereCloudControllerManager.password=set-pass,c=d"),
                SetFlag(.string, "vSphere.password=string,pass"),
            ])
        let values: YAMLValue = ["nodePools": [["users": [["password": 4711]]]]]
        let redaction = SecretRedaction(request: request, values: values)
        let diagnostics = [
            Diagnostic(code: .yamlSyntax, message: "line 2: password: \"file-pass\n  ^", hint: "single-pass"),
            Diagnostic(code: .setSyntax, message: "--set a=b,vSphereCloudControllerManager.password=set-pass,c=d"),
            Diagnostic(code: .setSyntax, message: "cannot parse string,pass"),
            Diagnostic(code: .typeMismatch, path: "x", message: "found 4711"),
        ]
        let redacted = redaction.redact(diagnostics).map(\.description).joined(separator: "\n")
        for secret in ["file-pass", "single-pass", "set-pass", "string,pass", "4711"] {
            #expect(!redacted.contains(secret), "\(redacted)")
        }
        #expect(redacted.contains("--set a=b,vSphereCloudControllerManager.password=<redacted>"))
    }

    @Test func unrelatedTextIsLeftAlone() {
        let redaction = SecretRedaction(request: Rendering.request(["nodePools: []"]), values: nil)
        let diagnostic = Diagnostic(code: .invalidValue, path: "a.b", message: "is wrong", hint: "fix it")
        #expect(redaction.redact([diagnostic]) == [diagnostic])
    }
}

@Suite struct PasswordKeyTests {
    @Test func onlyPasswordKeysAreSecret() {
        #expect(SecretRedaction.isPasswordKey("password"))
        #expect(!SecretRedaction.isPasswordKey("lockPassword"))
    }
}

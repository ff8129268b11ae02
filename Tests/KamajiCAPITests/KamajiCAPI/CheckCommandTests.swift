import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

@Suite struct CheckCommandTests {
    static let duplicate = "check/KC104-duplicate-pool/fail.yaml"
    static let warningOnly = "check/KC409-cert-sans/fail.yaml"

    @Test func exitCodesSayWhatWasFound() throws {
        #expect(try CommandLineTool.run(["check", "t", "-f", "check/KC104-duplicate-pool/pass.yaml"]).status == 0)
        let failing = try CommandLineTool.run(["check", "t", "-f", Self.duplicate])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("error[KC104]: nodePools[1].name:"))
        #expect(try CommandLineTool.run(["check", "t", "-f", Self.warningOnly]).status == 0)
        #expect(try CommandLineTool.run(["check", "t", "--strict", "-f", Self.warningOnly]).status == 1)
        #expect(try CommandLineTool.run(["check", "t", "-f", "no-such-file.yaml"]).status == 2)
        #expect(try CommandLineTool.run(["check", "t", "--format", "xml"]).status == 2)
    }

    @Test func undecodableValuesAreFindings() throws {
        let directory = try TemporaryDirectory()
        try "nodePools:\n- {name: a, template: t, network: vm-net, numCPU: 4}\n"
            .write(to: directory.url.appendingPathComponent("typo.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLineTool.run(["check", "t", "-f", "typo.yaml"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("nodePools[0].numCPU"), "\(result.stdout)")
    }

    @Test func jsonIsOneObjectWithEveryFinding() throws {
        let result = try CommandLineTool.run(["check", "t", "-f", Self.duplicate, "--output", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["errors"] as? Int == 1)
        let findings = object?["findings"] as? [[String: Any]]
        #expect(findings?.first?["rule"] as? String == "KC104")
        #expect(findings?.first?["path"] as? String == "nodePools[1].name")
        #expect((findings?.first?["fix"] as? String)?.isEmpty == false)
    }

    @Test func aPasswordNothingUsesIsAWarningThatNeverShowsIt() throws {
        let directory = try TemporaryDirectory()
        try "hunter2-from-file".write(to: directory.url.appendingPathComponent("password"), atomically: true, encoding: .utf8)
        for flags in [["--set-env", "vSphere.password=KC_UNUSED_PASSWORD"], ["--set-file", "vSphere.password=password"]] {
            let result = try CommandLineTool.run(
                ["check", "t", "--format", "json"] + flags, in: directory.url,
                environment: ["KC_UNUSED_PASSWORD": "hunter2-from-env"])
            #expect(result.status == 0, "a warning")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let finding = (object?["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "KC606" }
            #expect(finding?["path"] as? String == "vSphere.password", "\(flags): \(result.stdout)")
            #expect(!result.stdout.contains("hunter2"))
        }
        // Used by the Secret it creates, it is no finding.
        let used = try CommandLineTool.run(
            ["check", "t", "--set", "vSphere.secret.create=true,vSphere.username=admin", "--set-env", "vSphere.password=KC_UNUSED_PASSWORD"],
            in: directory.url, environment: ["KC_UNUSED_PASSWORD": "hunter2-from-env"])
        #expect(!used.stdout.contains("KC606"), "\(used.stdout)")
    }

    @Test func githubFormatIsWorkflowCommands() {
        let diagnostic = Diagnostic(
            code: .invalidValue, path: "nodePools[1].name", location: SourceLocation(file: "a,b.yaml", line: 3, column: 5),
            message: "50% wrong\nreally", hint: "fix", rule: "KC104")
        #expect(
            CheckReport.render([diagnostic], format: .github)
                == "::error file=a%2Cb.yaml,line=3,col=5,title=KC104 nodePools[1].name::50%25 wrong%0Areally. Fix: fix\n")
    }

    @Test func textEndsWithACount() {
        #expect(CheckReport.render([], format: .text) == "no problems found\n")
        let warning = Diagnostic(.warning, code: .invalidValue, path: "p", message: "m", rule: "KC409")
        #expect(CheckReport.render([warning], format: .text) == "warning[KC409]: p: m\n0 errors, 1 warning\n")
    }
}

import Foundation
import Testing
@testable import KamajiCAPI

/// Subcommands that print generated text, and the parts ArgumentParser provides.
@Suite struct CommandLineTests {
    @Test func schemaPrintsTheGeneratedDocuments() throws {
        let schema = try CommandLineTool.run(["schema"])
        #expect(schema.status == 0)
        #expect(schema.stdout == ValuesReference.jsonSchema())
        #expect(try CommandLineTool.run(["schema", "--markdown"]).stdout == ValuesReference.markdown())
        #expect(try CommandLineTool.run(["check", "--list-rules"]).stdout == CheckReport.rulesMarkdown())
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsKnowEverySubcommand(shell: String) throws {
        let result = try CommandLineTool.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for word in ["render", "check", "diff", "schema", "old-values", "output-dir"] {
            #expect(result.stdout.contains(word), "\(shell) completion lacks \(word)")
        }
    }

    @Test func missingOutputDirectoryIsNamedAsSuch() throws {
        let directory = try TemporaryDirectory()
        let result = try CommandLineTool.run(["render", "prod", "--output-dir", "out", "--check"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr == "out does not exist; run without --check to write it\n")
    }
}

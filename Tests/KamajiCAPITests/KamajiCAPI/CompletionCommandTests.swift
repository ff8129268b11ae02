import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `completion SHELL` is listed in `--help`, prints ArgumentParser's script, and the script
/// completes the values of `-o` and `--format`.
@Suite struct CompletionCommandTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionPrintsTheGeneratedScript(shell: String) throws {
        let result = try CommandLineTool.run(["completion", shell])
        #expect(result.status == 0)
        #expect(result.stdout == (try CommandLineTool.run(["--generate-completion-script", shell])).stdout)
        #expect(result.stdout.contains("completion"), "the script completes the subcommand itself")
    }

    @Test func helpListsCompletionAndVersion() throws {
        let help = try CommandLineTool.run(["--help"]).stdout
        #expect(help.contains("  completion "))
        #expect(help.contains("  version "))
    }

    /// fish's script is one `complete` line per option, ending in the words it offers; bash and zsh
    /// are generated from the same completion kinds.
    @Test(arguments: [
        ("kamaji-capi render", "-l 'output'", "-rfka 'yaml json'"),
        ("kamaji-capi check", "-l 'format'", "-rfka 'text json github'"),
        ("kamaji-capi diff", "-l 'color'", "-rfka 'auto always never'"),
        ("kamaji-capi completion", "positional", "-fka 'bash zsh fish'"),
    ])
    func optionsCompleteTheirValues(command: String, option: String, words: String) throws {
        let script = try CommandLineTool.run(["completion", "fish"]).stdout
        let line = script.split(separator: "\n").first { $0.contains("\"\(command)\"") && $0.contains(option) }
        #expect(line?.hasSuffix(words) == true, "\(command) \(option): \(line ?? "no line")")
    }

    @Test func outputDirectoriesCompleteDirectories() throws {
        let script = try CommandLineTool.run(["completion", "bash"]).stdout
        #expect(script.components(separatedBy: "__kamaji-capi_add_completions -d").count - 1 >= 3, "render and render-fleet --output-dir, render-fleet DIR")
    }

    @Test func anUnknownShellIsAUsageError() throws {
        let result = try CommandLineTool.run(["completion", "tcsh"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
    }
}

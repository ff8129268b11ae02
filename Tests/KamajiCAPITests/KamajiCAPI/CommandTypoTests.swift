import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `render` is the default subcommand, so a mistyped subcommand must not render a cluster named
/// after the typo: it is a usage error (2) with a did-you-mean and nothing on stdout.
@Suite struct CommandTypoTests {
    /// Every subcommand `--help` lists, so a new one is covered without a change here.
    static func subcommands() throws -> [String] {
        let help = try CommandLineTool.run(["--help"]).stdout
        let section = try #require(help.components(separatedBy: "SUBCOMMANDS:\n").last)
        // Names start in column 3; a wrapped abstract continues further in.
        return section.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// Typos of each kind: a letter dropped, two swapped, one doubled, one wrong.
    static func typos(of word: String) -> [String] {
        let letters = Array(word)
        let last = letters.count - 1
        var swapped = letters
        swapped.swapAt(last - 1, last)
        var wrong = letters
        wrong[1] = wrong[1] == "x" ? "y" : "x"
        return [String(letters.dropLast()), String(swapped), String(letters + [letters[last]]), String(wrong)]
    }

    @Test func helpListsTheSubcommands() throws {
        #expect(try Self.subcommands() == [
            "render", "render-fleet", "check", "diff", "validate", "schema", "values", "completion", "version",
        ])
    }

    @Test func aTypoOfEverySubcommandIsAUsageError() throws {
        for command in try Self.subcommands() + ["help"] {
            for typo in Self.typos(of: command) where typo != command {
                let result = try CommandLineTool.run([typo, "-f", "conformance/chart-0.2.9/default/values.yaml"])
                #expect(result.status == 2, "\(typo)")
                #expect(result.stdout == "", "\(typo) printed on stdout")
                #expect(result.stderr.contains("did you mean \"\(command)\"?"), "\(typo): \(result.stderr)")
                #expect(result.stderr.contains("kamaji-capi render \(typo)"), "the way to render a cluster named \(typo)")
            }
        }
    }

    @Test(arguments: ["template", "Template", "templte"])
    func helmsTemplateMeansRender(word: String) throws {
        let result = try CommandLineTool.run([word, "c", "-f", "conformance/chart-0.2.9/default/values.yaml"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("error: \"\(word)\" is not a command; did you mean \"render\"?"))
    }

    /// Names a few edits away from a command word, or words of short commands two edits away, still
    /// render: only near misses are refused.
    @Test(arguments: ["prod", "hello", "checkout", "differ", "edge", "rendering-farm", "my-cluster"])
    func clusterNamesStillRender(name: String) throws {
        let result = try CommandLineTool.run([name, "-f", "conformance/chart-0.2.9/default/values.yaml"])
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stdout.contains("kind: Cluster\n"))
    }

    @Test func explicitRenderTakesANearMissAsTheName() throws {
        let result = try CommandLineTool.run(["render", "chek", "-f", "conformance/chart-0.2.9/default/values.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("name: chek\n"))
    }

    @Test func helpAndOptionsAreNoTypos() throws {
        #expect(try CommandLineTool.run(["help", "render"]).status == 0)
        #expect(CommandWordTypo.suggestion(for: "-f", subcommands: ["render"]) == nil)
        #expect(CommandWordTypo.suggestion(for: "render", subcommands: ["render"]) == nil)
    }

    @Test func distanceCountsASwapAsOneEdit() {
        #expect(CommandWordTypo.distance("hlep", "help") == 1)
        #expect(CommandWordTypo.distance("chekc", "check") == 1)
        #expect(CommandWordTypo.distance("hello", "help") == 2)
        #expect(CommandWordTypo.distance("", "diff") == 4)
    }
}

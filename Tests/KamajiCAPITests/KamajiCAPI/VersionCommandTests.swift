import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `--version` and `version` print `ToolVersion`, the one place the version is written, and the
/// README's pre-commit recipe pins the tag of that version with hook ids the repository has.
@Suite struct VersionCommandTests {
    @Test func versionFlagAndSubcommandPrintTheVersionAndToolchain() throws {
        let flag = try CommandLineTool.run(["--version"])
        let subcommand = try CommandLineTool.run(["version"])
        #expect(flag.status == 0 && subcommand.status == 0)
        #expect(flag.stdout == ToolVersion.description + "\n")
        #expect(subcommand.stdout == flag.stdout)
        #expect(flag.stdout.hasPrefix("kamaji-capi \(ToolVersion.number) (Swift 6."))
    }

    /// The recipe block of README.md's "pre-commit" section.
    static func preCommitRecipe() throws -> String {
        let readme = try #require(GeneratedDocsTests.committed("README.md"))
        let start = try #require(readme.range(of: "# .pre-commit-config.yaml"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        return String(readme[start.lowerBound..<end.lowerBound])
    }

    @Test func readmePreCommitRevIsThisVersionsTag() throws {
        let revs = try Self.preCommitRecipe().split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            return words.first == "rev:" ? words.dropFirst().first.map(String.init) : nil
        }
        #expect(revs == [ToolVersion.tag], "README.md's pre-commit rev: must be \(ToolVersion.tag), the tag of ToolVersion.number")
    }

    @Test func readmePreCommitHooksExist() throws {
        func ids(_ text: String) -> [String] {
            text.split(separator: "\n").compactMap { line in
                let words = line.split(separator: " ")
                return words.count >= 3 && words[0] == "-" && words[1] == "id:" ? String(words[2]) : nil
            }
        }
        let declared = Set(ids(try #require(GeneratedDocsTests.committed(".pre-commit-hooks.yaml"))))
        let used = ids(try Self.preCommitRecipe())
        #expect(!used.isEmpty)
        #expect(used.filter { !declared.contains($0) } == [], "README.md's recipe uses hook ids .pre-commit-hooks.yaml lacks")
    }
}

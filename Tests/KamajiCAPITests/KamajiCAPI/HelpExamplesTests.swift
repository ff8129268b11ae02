import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `render`, `check`, `diff` and `render-fleet` end their `--help` with examples, each a comment line
/// and a command line that fits 80 columns, using only flags the command has.
@Suite struct HelpExamplesTests {
    @Test(arguments: ["render", "check", "diff", "render-fleet", "completion"])
    func helpEndsWithExamplesOfTheCommand(command: String) throws {
        let help = try CommandLineTool.run([command, "--help"], environment: ["COLUMNS": "80"]).stdout
        let section = try #require(help.components(separatedBy: "Examples:\n").dropFirst().first, "\(command) --help has no examples")
        let lines = section.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
        #expect(lines.count >= 2 && lines.count % 2 == 0, "a comment line, then a command line")
        for (index, line) in lines.enumerated() {
            if index % 2 == 0 {
                #expect(line.hasPrefix("  # "), "\(line)")
            } else {
                // A line ArgumentParser had to wrap would not start with the command.
                #expect(line.hasPrefix("  kamaji-capi \(command) "), "\(line)")
                let ownPart = line.components(separatedBy: " | ")[0]  // not kubectl's flags after a pipe
                for word in ownPart.split(separator: " ") where word.hasPrefix("-") {
                    let flag = word.split(separator: "=").first.map(String.init) ?? String(word)
                    #expect(help.contains(flag + " ") || help.contains(flag + ","), "\(command) has no \(flag)")
                }
            }
        }
    }
}

import Foundation
import Testing

/// Every subcommand ends the same way, through `KamajiCAPICommand.main`: 0 when all is well, 1 when
/// problems were found, 2 for a usage error, with the problems on stderr and nothing on stdout
/// (`render-fleet`'s codes: FleetTests; `check`'s: CheckCommandTests).
@Suite struct ExitCodeTests {
    static let broken = "nodePools:\n- name: p\n  numCPUs: many\n"

    @Test func renderSaysWhatItFound() throws {
        let directory = try TemporaryDirectory()
        try directory.write("good.yaml", "{}\n")
        try directory.write("broken.yaml", Self.broken)
        let good = try CommandLineTool.run(["render", "c", "-f", "good.yaml"], in: directory.url)
        #expect(good.status == 0 && good.stdout.hasPrefix("---\n") && good.stderr == "")
        let problems = try CommandLineTool.run(["render", "c", "-f", "broken.yaml"], in: directory.url)
        #expect(problems.status == 1 && problems.stdout == "")
        #expect(problems.stderr.contains("nodePools[0].numCPUs"))
        let usage = try CommandLineTool.run(["render", "c", "-f", "good.yaml", "--check"], in: directory.url)
        #expect(usage.status == 2 && usage.stdout == "")
        #expect(usage.stderr.contains("--check needs --output-dir"))
    }
}

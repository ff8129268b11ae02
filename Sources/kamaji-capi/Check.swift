import ArgumentParser
import Foundation
import KamajiCAPI

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find values that would fail on apply or give a cluster that never comes up.",
        discussion: HelpExamples.discussion(
            """
            Every finding has a rule id (docs/checks.md), a severity, the value path and a fix. Exits 0 \
            when no error is found (with --strict: nor a warning), 1 when one is, 2 when the values \
            cannot be read or the arguments are wrong.
            """,
            examples: [
                ("problems apply would hit, with fixes", "kamaji-capi check prod -f values.yaml"),
                ("fail on warnings too", "kamaji-capi check prod -f values.yaml --strict"),
                ("annotations on a GitHub pull request", "kamaji-capi check prod -f values.yaml --format github"),
            ]))

    @Argument(help: "Helm's release name: the cluster name unless cluster.name is set.")
    var name: String?

    @OptionGroup var values: ValuesOptions

    @Option(
        name: [.customShort("o"), .customLong("output"), .customLong("format")],
        help: ArgumentHelp("text, json (for programs) or github (annotations in GitHub Actions).", valueName: "format"))
    var format: CheckReport.Format = .text

    @Flag(help: "Exit 1 on warnings too.")
    var strict = false

    @Flag(help: "Print the rules (docs/checks.md) and exit.")
    var listRules = false

    func run() throws {
        if listRules {
            print(CheckReport.rulesMarkdown(), terminator: "")
            return
        }
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try RenderPipeline.check(try values.request(releaseName: name)).diagnostics
        } catch let error as DiagnosticError {
            // Values that cannot be decoded are findings too; a file that cannot be read is not.
            if error.diagnostics.contains(where: { $0.code == .io || $0.code == .usage }) {
                Diagnostics.fail(error, exitCode: 2)
            }
            diagnostics = error.diagnostics
        }
        FileHandle.standardOutput.write(Data(CheckReport.render(diagnostics, format: format).utf8))
        if diagnostics.contains(where: { $0.severity == .error || strict }) {
            throw ExitCode(1)
        }
    }
}

extension CheckReport.Format: ExpressibleByArgument {}

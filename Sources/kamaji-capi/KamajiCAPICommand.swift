import ArgumentParser
import Foundation
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

@main
struct KamajiCAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kamaji-capi",
        abstract: "Render the Cluster API manifests of a Kamaji-hosted cluster on vSphere or Proxmox VE from Helm-style values.",
        version: ToolVersion.description,
        subcommands: [
            Render.self, RenderFleet.self, Check.self, Diff.self, Validate.self, Schema.self, Values.self,
            Completion.self, Version.self,
        ],
        defaultSubcommand: Render.self)

    /// As ArgumentParser's, but a usage error exits 2, as `diff` and most Unix tools do, so scripts
    /// can tell it from "found something" (1). The one place the process ends: a subcommand returns
    /// (0) or throws (`ExitCode`, `CommandFailure`, or a usage error).
    static func main() {
        do {
            try refuseMistypedCommand(CommandLine.arguments.dropFirst().first)
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            exit(withError: ExitCode(failure.exitCode))
        } catch let error where exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            exit(withError: ExitCode(2))
        } catch {
            exit(withError: error)
        }
    }

    /// The words a first argument is compared with: every subcommand and `help`.
    static var commandWords: [String] {
        configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
    }

    /// `render` being the default, a near miss of a command word would render a cluster of that
    /// name; it is a usage error instead.
    static func refuseMistypedCommand(_ argument: String?) throws {
        guard let argument, let problem = CommandWordTypo.diagnostic(for: argument, subcommands: commandWords) else { return }
        throw CommandFailure(message: problem.description, exitCode: 2)
    }
}

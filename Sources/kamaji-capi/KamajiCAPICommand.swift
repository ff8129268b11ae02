import ArgumentParser
import CProcessHeap
import Foundation
import KamajiCAPI

@main
struct KamajiCAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kamaji-capi",
        abstract: "Render the Cluster API manifests of a Kamaji-hosted cluster on vSphere from Helm-style values.",
        subcommands: [Render.self, RenderFleet.self, Check.self, Diff.self, Validate.self, Schema.self, Values.self],
        defaultSubcommand: Render.self)

    /// As ArgumentParser's, but a usage error exits 2, as `diff` and most Unix tools do, so scripts
    /// can tell it from "found something" (1).
    static func main() {
        kamaji_prepare_heap()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

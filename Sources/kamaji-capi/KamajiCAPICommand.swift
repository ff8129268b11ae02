import ArgumentParser
import Foundation
import KamajiCAPI

@main
struct KamajiCAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kamaji-capi",
        abstract: "Render the Cluster API manifests of a Kamaji-hosted cluster on vSphere from Helm-style values.",
        subcommands: [Render.self, RenderFleet.self, Values.self],
        defaultSubcommand: Render.self)
}

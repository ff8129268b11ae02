import ArgumentParser
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version of kamaji-capi and the Swift toolchain that built it (as --version does).")

    func run() {
        print(ToolVersion.description)
    }
}

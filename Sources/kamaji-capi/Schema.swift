import ArgumentParser
import Foundation
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the values, for editors that complete and check values files.",
        discussion: """
            Save it (`kamaji-capi schema > values.schema.json`) and put this first line in a values file \
            for the YAML language server (VS Code, Neovim, IntelliJ):
              # yaml-language-server: $schema=./values.schema.json
            """)

    @Flag(help: "Print the values reference (docs/values.md) instead.")
    var markdown = false

    @OptionGroup var chartOption: ChartOption

    func run() {
        let chart = chartOption.chart ?? .vsphere
        print(markdown ? ValuesReference.markdown(chart: chart) : ValuesReference.jsonSchema(chart: chart), terminator: "")
    }
}

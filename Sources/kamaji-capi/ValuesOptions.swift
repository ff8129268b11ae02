import ArgumentParser
import Foundation
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// The values flags shared by every command that renders: Helm's own spelling.
struct ValuesOptions: ParsableArguments {
    @Option(
        name: [.customShort("f"), .customLong("values")], help: "A values file (repeatable or comma-separated; later files win; - reads stdin).",
        completion: .file(extensions: ["yaml", "yml"]))
    var valueFiles: [String] = []

    @Option(name: .customLong("set"), help: "Set a value: a.b=c, list[0].x=y, several separated by commas.")
    var setValues: [String] = []

    @Option(name: .customLong("set-string"), help: "Like --set, but the value is always a string.")
    var setString: [String] = []

    @Option(name: .customLong("set-file"), help: "Set a value to the content of a file: key=path.", completion: .file())
    var setFile: [String] = []

    @Option(
        name: .customLong("set-env"),
        help: "Set a value to the text of an environment variable: key=VARIABLE (for passwords; applied after the -f files).")
    var setEnv: [String] = []

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "Namespace of the rendered objects (default: default).")
    var namespace: String?

    @OptionGroup var chartOption: ChartOption

    @Option(
        name: .customLong("api-versions"),
        help: "API versions the cluster serves, as helm template's (repeatable or comma-separated; kubectl api-versions).")
    var apiVersions: [String] = []

    /// Helm applies all --set, then all --set-string, then all --set-file.
    var setFlags: [SetFlag] {
        SetFlag.numbered(.typed, setValues) + SetFlag.numbered(.string, setString) + SetFlag.numbered(.file, setFile)
    }

    /// Whether any values were given, so `diff` can take them as one side.
    var isEmpty: Bool { valueFiles.isEmpty && setFlags.isEmpty && setEnv.isEmpty }

    /// The request these flags make; `diff` adds a side's own files and flags after them.
    func request(
        releaseName: String?, extraFiles: [String] = [], extraSets: [SetFlag] = [], defaultNamespace: String = "default"
    ) throws -> RenderRequest {
        var request = RenderRequest(
            releaseName: releaseName, namespace: HelmCommandLine.namespace(namespace, default: defaultNamespace),
            valueFiles: try HelmCommandLine.valuesFilePaths(valueFiles + extraFiles).map { path in
                ValuesFile(name: path, text: try InputFiles.read(path))
            } + [try EnvironmentValues.valuesFile(setEnv, environment: ProcessInfo.processInfo.environment)]
                .compactMap { $0 },
            setFlags: setFlags + extraSets, readFile: { path in try InputFiles.read(path) }, chart: chartOption.chart)
        request.servedAPIVersions = apiVersions.isEmpty ? nil : ServedAPIVersions.parse(apiVersions)
        return request
    }
}

/// `--chart`: which chart's defaults, values and objects (`values`, `schema` and every command that renders).
struct ChartOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The chart: capi-kamaji-vsphere or capi-kamaji-proxmox (default: the values files' `chart` key, else capi-kamaji-vsphere).",
            valueName: "chart"))
    var chart: ChartName?
}

extension ChartName: ExpressibleByArgument {}

enum InputFiles {
    /// A file's text, read with `InputFile`'s bounds (size, directories, FIFOs nothing writes to).
    static func read(_ path: String) throws -> String {
        try InputFile.text(path)
    }
}

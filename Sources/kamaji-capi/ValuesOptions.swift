import ArgumentParser
import Foundation
import KamajiCAPI

/// The values flags shared by every command that renders: Helm's own spelling.
struct ValuesOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("values")], help: "A values file (repeatable; later files win; - reads stdin).")
    var valueFiles: [String] = []

    @Option(name: .customLong("set"), help: "Set a value: a.b=c, list[0].x=y, several separated by commas.")
    var setValues: [String] = []

    @Option(name: .customLong("set-string"), help: "Like --set, but the value is always a string.")
    var setString: [String] = []

    @Option(name: .customLong("set-file"), help: "Set a value to the content of a file: key=path.")
    var setFile: [String] = []

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "Namespace of the rendered objects.")
    var namespace: String = "default"

    /// Helm applies all --set, then all --set-string, then all --set-file.
    var setFlags: [SetFlag] {
        setValues.map { SetFlag(.typed, $0) } + setString.map { SetFlag(.string, $0) } + setFile.map { SetFlag(.file, $0) }
    }

    func request(releaseName: String?) throws -> RenderRequest {
        RenderRequest(
            releaseName: releaseName, namespace: namespace, valueFiles: try valueFiles.map(InputFiles.read),
            setFlags: setFlags)
    }
}

enum InputFiles {
    /// A values file, or stdin for `-`.
    static func read(_ path: String) throws -> ValuesFile {
        guard path == "-" else { return try ValuesFile(path: path) }
        return try ValuesFile(name: path, data: FileHandle.standardInput.readDataToEndOfFile())
    }
}

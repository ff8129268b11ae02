import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// The values files of a fleet directory: one cluster per `*.yaml` or `*.yml` file directly in it,
/// in byte order of their names, and the optional shared base file merged before each of them.
public struct FleetInputs: Equatable, Sendable {
    /// Paths of the cluster values files, as `directory/name`.
    public var clusterFiles: [String]
    /// The base values file: `--base FILE`, else the directory's `_base.yaml` (or `_base.yml`).
    public var baseFile: String?

    /// The automatic base file names. Files whose name starts with `_` or `.` are never clusters, so
    /// more shared files can sit beside the tenants (and be given with `-f`).
    public static let baseFileNames = ["_base.yaml", "_base.yml"]

    public init(clusterFiles: [String], baseFile: String?) {
        self.clusterFiles = clusterFiles
        self.baseFile = baseFile
    }

    public static func discover(directory: String, baseFile explicitBase: String? = nil) throws(DiagnosticError)
        -> FleetInputs
    {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            let names = try? fileManager.contentsOfDirectory(atPath: directory)
        else {
            throw DiagnosticError(
                Diagnostic(
                    code: .io, location: SourceLocation(file: directory), message: "cannot read the directory",
                    hint: "give the folder that holds one values file per cluster"))
        }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let valuesNames = names.filter { name in
            (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !isDirectoryEntry(path(name))
        }
        let clusterFiles = valuesNames.filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map(path)
        if clusterFiles.isEmpty {
            throw DiagnosticError(
                Diagnostic(
                    code: .io, location: SourceLocation(file: directory), message: "holds no values file",
                    hint: "put one NAME.yaml per cluster in it"))
        }
        if let explicitBase { return FleetInputs(clusterFiles: clusterFiles, baseFile: explicitBase) }
        let bases = baseFileNames.filter(valuesNames.contains)
        if bases.count > 1 {
            throw DiagnosticError(
                Diagnostic(
                    code: .usage, location: SourceLocation(file: directory),
                    message: "holds both \(bases.joined(separator: " and ")): which one is the base is unclear",
                    hint: "keep one of them"))
        }
        return FleetInputs(clusterFiles: clusterFiles, baseFile: bases.first.map(path))
    }

    static func isDirectoryEntry(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Helm's release name for a cluster file: its name without the extension.
    public static func releaseName(ofFile path: String) -> String {
        let name = (path as NSString).lastPathComponent
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }
}

import ArgumentParser
import Foundation
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a change does to a cluster: objects changed and which pools' machines roll.",
        discussion: HelpExamples.discussion(
            """
            Each side is a rendered manifest file, an --output-dir directory, or values: a values file \
            given as OLD or NEW, or --old-values/--old-set and --new-values/--new-set. -f and --set \
            apply to every values side, before the side's own. With one path and -f, the path is OLD \
            and the values are NEW: `kamaji-capi diff clusters/prod -f prod.yaml` shows what a render \
            would change in clusters/prod.

            Exits 0 when the sides are equal, 1 when they differ, 2 on an error, like diff(1). Removed \
            objects would be left behind by `kubectl apply` (docs/pruning.md). A changed object that \
            breaks a transition rule (oldSelf) of its CRD is a warning: the API server would refuse \
            that update (docs/validate.md).
            """,
            examples: [
                ("what rendering prod.yaml would change in a --output-dir folder", "kamaji-capi diff clusters/prod -f prod.yaml"),
                ("what a values change does, and which pools roll", "kamaji-capi diff --name prod --old-values a.yaml --new-values b.yaml"),
                ("two rendered manifests, e.g. helm template's output and render's", "kamaji-capi diff helm.yaml rendered.yaml"),
            ]))

    @Argument(help: "OLD and NEW: a manifest file, an --output-dir directory or a values file.", completion: .file())
    var paths: [String] = []

    @Option(help: "Helm's release name for values sides (default: the Cluster's name on a manifest side).")
    var name: String?

    @OptionGroup(title: "Values of both sides") var values: ValuesOptions

    @Option(name: .customLong("old-values"), help: "A values file of the old side (repeatable).", completion: .file(extensions: ["yaml", "yml"]))
    var oldValues: [String] = []
    @Option(name: .customLong("old-set"), help: "A --set of the old side (repeatable).")
    var oldSet: [String] = []
    @Option(name: .customLong("new-values"), help: "A values file of the new side (repeatable).", completion: .file(extensions: ["yaml", "yml"]))
    var newValues: [String] = []
    @Option(name: .customLong("new-set"), help: "A --set of the new side (repeatable).")
    var newSet: [String] = []

    @Flag(help: "Show the values of Secrets instead of masking them.")
    var showSecrets = false

    enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }
    @Option(help: "Color the diff: auto (when stdout is a terminal and NO_COLOR is unset), always or never.")
    var color: Color = .auto

    @Flag(help: "Print the summary only, not the diff of each object.")
    var summary = false

    enum Side {
        case values(files: [String], sets: [SetFlag])
        case manifest(String)
        case directory(String)
    }

    /// The two sides, in order, or why they cannot be told.
    func sides() throws -> (old: Side, new: Side) {
        var slots: [Side?] = [
            oldValues.isEmpty && oldSet.isEmpty ? nil : .values(files: oldValues, sets: SetFlag.numbered(.typed, oldSet, flagName: "--old-set")),
            newValues.isEmpty && newSet.isEmpty ? nil : .values(files: newValues, sets: SetFlag.numbered(.typed, newSet, flagName: "--new-set")),
        ]
        var paths = self.paths[...]
        for index in slots.indices where slots[index] == nil {
            if let path = paths.popFirst() {
                slots[index] = try side(path)
            } else if !values.isEmpty {
                slots[index] = .values(files: [], sets: [])
                break
            }
        }
        guard paths.isEmpty else { throw ValidationError("too many paths: \(paths.joined(separator: " "))") }
        guard let old = slots[0], let new = slots[1] else {
            throw ValidationError("diff needs two sides: OLD and NEW paths, --old-values/--new-values, or one path and -f")
        }
        return (old, new)
    }

    func side(_ path: String) throws -> Side {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(path): no such file or directory")
        }
        if isDirectory.boolValue { return .directory(path) }
        return ManifestFiles.isManifest(try InputFiles.read(path), file: path) ? .manifest(path) : .values(files: [path], sets: [])
    }

    func validate() throws {
        do {
            _ = try sides()
        } catch let error as DiagnosticError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        do {
            let (oldSide, newSide) = try sides()
            // Values sides render under the name and namespace of a manifest side unless told otherwise.
            var manifests: [[ManifestObject]?] = try [oldSide, newSide].map(objects)
            let cluster = manifests.compactMap { $0?.first { $0.kind == "Cluster" } }.first
            for (index, side) in [oldSide, newSide].enumerated() {
                if case .values(let files, let sets) = side {
                    let request = try values.request(
                        releaseName: name ?? cluster?.name, extraFiles: files, extraSets: sets,
                        defaultNamespace: cluster?.namespace ?? "default")
                    manifests[index] = try RenderPipeline.render(request).objects
                }
            }
            let diff = ManifestDiff(old: manifests[0]!, new: manifests[1]!)
            var text = diff.summary
            if !summary && !diff.isEmpty {
                text += "\n" + diff.unified(showSecrets: showSecrets, style: useColor ? .ansi : .plain)
            }
            FileHandle.standardOutput.write(Data(text.utf8))
            if !diff.isEmpty { throw ExitCode(1) }
        } catch let error as DiagnosticError {
            throw CommandFailure(error, exitCode: 2)
        }
    }

    /// The objects of a manifest or directory side; `nil` for a values side, rendered later.
    func objects(_ side: Side) throws -> [ManifestObject]? {
        switch side {
        case .values: return nil
        case .manifest(let path): return try ManifestFiles.objects(stream: try InputFiles.read(path), file: path)
        case .directory(let path): return try ManifestFiles.objects(directory: URL(fileURLWithPath: path))
        }
    }

    var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }
}

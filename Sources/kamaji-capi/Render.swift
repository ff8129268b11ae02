import ArgumentParser
import Foundation
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the manifests of one cluster.",
        discussion: HelpExamples.discussion(
            """
            Prints nothing on stdout when there is any error, so `| kubectl apply -f -` applies nothing. \
            Objects a render no longer produces (a removed pool, replaced templates) are not deleted by \
            `kubectl apply`; docs/pruning.md shows how to prune them.
            """,
            examples: [
                ("create or update a cluster", "kamaji-capi render prod -f values.yaml | kubectl apply -f -"),
                ("values merge as in Helm: later files and --set win", "kamaji-capi render prod -f prod.yaml --set nodePools[0].replicas=5"),
                ("one object, as helm template --show-only shows one file", "kamaji-capi render prod -f values.yaml --show-only KamajiControlPlane"),
                ("one file per object and a kustomization.yaml, for GitOps", "kamaji-capi render prod -f values.yaml --output-dir clusters/prod"),
                ("exit 1 when that folder is stale (CI, pre-commit)", "kamaji-capi render prod -f values.yaml --output-dir clusters/prod --check"),
                ("the Proxmox chart (or `chart: capi-kamaji-proxmox` in the file)", "kamaji-capi render prod --chart capi-kamaji-proxmox -f values.yaml"),
            ]))

    @Argument(help: "Helm's release name: the cluster name unless cluster.name is set.")
    var name: String?

    @OptionGroup var values: ValuesOptions

    enum Format: String, CaseIterable, ExpressibleByArgument { case yaml, json }
    @Option(name: [.customShort("o"), .customLong("output")], help: "yaml or json (a v1 List).")
    var output: Format = .yaml

    @Option(
        name: .customLong("show-only"),
        help: ArgumentHelp(
            "Print only the objects of this kind, or this one object (repeatable; the kind in any case).",
            valueName: "kind[/name]"))
    var showOnly: [String] = []

    @Option(
        help: "Write one file per object and a kustomization.yaml into this directory instead of stdout.",
        completion: .directory)
    var outputDir: String?

    @Flag(help: "With --output-dir: write nothing; exit 1 and name the files that differ from a fresh render.")
    var check = false

    @Flag(
        name: .customLong("validate"),
        help: "Check the rendered objects as `kamaji-capi validate` does; on any error print the problems, write nothing, exit 1.")
    var validateOutput = false

    func validate() throws {
        if check && outputDir == nil { throw ValidationError("--check needs --output-dir") }
        if outputDir != nil && output == .json { throw ValidationError("--output-dir writes YAML; drop -o json") }
        if outputDir != nil && !showOnly.isEmpty { throw ValidationError("--output-dir writes every object; drop --show-only") }
        _ = try selectors()
    }

    func selectors() throws -> [ObjectSelector] {
        try showOnly.map { text in
            guard let selector = ObjectSelector(text) else {
                throw ValidationError("--show-only \(text): write KIND or KIND/NAME, such as MachineDeployment/prod-workers-md")
            }
            return selector
        }
    }

    func run() throws {
        ProcessTuning.prepareHeap()
        do {
            let request = try values.request(releaseName: name)
            ProcessTuning.prefaultHeap(for: request)
            let result = try RenderPipeline.render(request)
            Diagnostics.printWarnings(result.warnings)
            if validateOutput {
                let report = ManifestValidator.validate(stream: ManifestStream.yaml(result.objects), source: "<rendered>")
                if !report.isValid {
                    throw CommandFailure(message: String(report.text().dropLast()))
                }
            }
            if let outputDir {
                if let refusal = OutputTarget.refusal(outputDir, inputs: HelmCommandLine.valuesFilePaths(values.valueFiles)) {
                    throw CommandFailure(DiagnosticError(refusal), exitCode: 2)
                }
                let layout = OutputDirectory(objects: result.objects)
                let url = URL(fileURLWithPath: outputDir)
                if check {
                    let plan = try layout.plan(for: url)
                    if !plan.foreign.isEmpty { throw CommandFailure(DiagnosticError(plan.foreignError(shownAs: outputDir))) }
                    if !plan.exists {
                        throw CommandFailure(message: "\(outputDir) does not exist; run without --check to write it")
                    }
                    if !plan.isUpToDate {
                        throw CommandFailure(message: "\(outputDir) is stale; run without --check to update:\n"
                            + plan.changeLines.map { "  \($0)" }.joined(separator: "\n"))
                    }
                    return
                }
                let plan = try layout.write(to: url)
                if let leftBehind = plan.leftBehind {
                    Diagnostics.printWarnings([Diagnostic(
                        .warning, code: .io, location: SourceLocation(file: leftBehind),
                        message: "the previous tree is kept here: a file kamaji-capi did not write appeared in \(outputDir) while it was written",
                        hint: "move your file out of it, then delete the folder")])
                }
                print(plan.summary(shownAs: outputDir))
                return
            }
            let objects = try showOnly.isEmpty ? result.objects : shownObjects(result.objects)
            let text = output == .yaml ? ManifestStream.yaml(objects) : ManifestStream.json(objects)
            FileHandle.standardOutput.write(Data(text.utf8))
            ProcessTuning.leaveAllocated(result)
        } catch let error as DiagnosticError {
            throw CommandFailure(error)
        }
    }

    /// The objects `--show-only` names; one that names nothing is a usage error (2).
    func shownObjects(_ objects: [ManifestObject]) throws -> [ManifestObject] {
        let selectors = try selectors()
        do {
            return try ObjectSelector.select(objects, by: selectors)
        } catch {
            throw CommandFailure(error, exitCode: 2)
        }
    }
}

struct Values: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values", abstract: "Print the default values, with their comments.")

    @OptionGroup var chartOption: ChartOption

    func run() {
        print((chartOption.chart ?? .vsphere).defaultValuesYAML)
    }
}

enum Diagnostics {
    static func printWarnings(_ warnings: [Diagnostic]) {
        for warning in warnings where warning.severity == .warning {
            FileHandle.standardError.write(Data((warning.description + "\n").utf8))
        }
    }
}

import ArgumentParser
import Foundation
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

struct RenderFleet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-fleet",
        abstract: "Render every cluster of a folder of values files into OUT/<cluster>/, on all cores.",
        discussion: HelpExamples.discussion(
            """
            Each NAME.yaml (or NAME.yml) directly in DIR is one cluster, named NAME unless it sets \
            cluster.name. Values merge as for `render`: the defaults, the base file (DIR/_base.yaml, or \
            --base), the -f files, the cluster's file, then --set-env and --set flags. Files whose name starts with \
            '_' or '.' are not clusters. A file with errors is reported and its folder left as it was; \
            the others are still rendered. Exit code 1 when any file failed, or with --check when any \
            folder is stale. Folders of OUT that no values file renders are reported, never deleted.
            """,
            examples: [
                ("every tenants/NAME.yaml into clusters/NAME/", "kamaji-capi render-fleet tenants/ --output-dir clusters/"),
                ("exit 1 and name the stale clusters (CI, pre-commit)", "kamaji-capi render-fleet tenants/ --output-dir clusters/ --check"),
                ("a shared base file, two clusters at a time", "kamaji-capi render-fleet tenants/ --output-dir out/ --base common.yaml -j 2"),
            ]))

    @Argument(help: "The folder with one values file per cluster.", completion: .directory)
    var directory: String

    @Option(help: "Where each cluster's folder (one file per object and a kustomization.yaml) goes.", completion: .directory)
    var outputDir: String

    @Option(
        help: "Values merged before every cluster's file (default: DIR/_base.yaml when there is one).",
        completion: .file(extensions: ["yaml", "yml"]))
    var base: String?

    @OptionGroup var values: ValuesOptions

    @Flag(help: "Write nothing; exit 1 and name the clusters whose folder differs from a fresh render.")
    var check = false

    @Option(name: [.customShort("j"), .long], help: "Clusters rendered at once (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        ProcessTuning.prepareHeap()
        let start = ContinuousClock.now
        let report: FleetReport
        do {
            let fleet = FleetRequest(
                inputs: try FleetInputs.discover(directory: directory, baseFile: base),
                shared: try values.request(releaseName: nil), outputDirectory: outputDir, check: check,
                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            let bar = ProgressBar.onTerminal()
            var show: (@Sendable (FleetProgress) -> Void)?
            if let bar { show = { bar.show($0) } }
            report = try FleetRenderer.render(fleet, progress: show)
            bar?.clear()
        } catch let error as DiagnosticError {
            throw CommandFailure(error)
        }
        for line in report.messages { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        print(report.summary + " (\(String(format: "%.2f", seconds)) s)")
        if !report.succeeded { throw ExitCode.failure }
    }
}

/// `[########------------]  42%  840/1000 clusters loaded` on stderr (then `... clusters done`),
/// redrawn in place, only on a terminal.
final class ProgressBar: @unchecked Sendable {
    private var shown = ""

    static func onTerminal() -> ProgressBar? {
        isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb" ? ProgressBar() : nil
    }

    /// Called by one worker at a time; writes only when the text changes.
    func show(_ progress: FleetProgress) {
        let width = 30
        let filled = Int(progress.fraction * Double(width))
        let text = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + String(format: "%3d%%", Int(progress.fraction * 100))
            + (progress.prepared < progress.total
                ? "  \(progress.prepared)/\(progress.total) clusters loaded" : "  \(progress.finished)/\(progress.total) clusters done")
        guard text != shown else { return }
        shown = text
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))  // and clear what a longer text left
    }

    func clear() {
        if !shown.isEmpty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

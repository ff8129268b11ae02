import Dispatch
import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// What `render-fleet` is asked to do: every cluster file of a directory into `OUT/<cluster>/`.
public struct FleetRequest: Sendable {
    public var inputs: FleetInputs
    /// What every cluster shares, as the command line gives it to `render`: the namespace, the `-f`
    /// files, `--set-env`, the `--set` flags and how `--set-file` reads. Each cluster renders it with
    /// its own release name, the base file first and its own file after the `-f` files.
    public var shared: RenderRequest
    public var outputDirectory: String
    /// Write nothing; report the clusters whose directory differs from a fresh render.
    public var check: Bool
    /// How many clusters render at once; the number of cores by default.
    public var jobs: Int

    public init(
        inputs: FleetInputs, shared: RenderRequest = RenderRequest(), outputDirectory: String, check: Bool = false,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.inputs = inputs
        self.shared = shared
        self.outputDirectory = outputDirectory
        self.check = check
        self.jobs = jobs
    }

    /// The request of one cluster: defaults, base file, `-f` files, the cluster's file, then what is
    /// applied after every file in `render` (`--set-env`, `--set`).
    func request(for file: ValuesFile, base: ValuesFile?) -> RenderRequest {
        var request = shared
        request.releaseName = FleetInputs.releaseName(ofFile: file.name)
        let environment = request.valueFiles.firstIndex { $0.name == EnvironmentValues.sourceName }
        request.valueFiles.insert(file, at: environment ?? request.valueFiles.endIndex)
        if let base { request.valueFiles.insert(base, at: 0) }
        return request
    }
}

/// What happened to one values file.
public struct FleetOutcome: Equatable, Sendable {
    public enum Status: Equatable, Sendable {
        /// The cluster's directory was written (swapped in whole).
        case written
        /// The directory already held exactly a fresh render; it was left untouched.
        case unchanged
        /// `--check`: what a render would do to the directory's files, one marked path each
        /// (`added    name`, `changed  name`, `removed  name`).
        case stale([String])
        /// `--check`: the cluster has no directory yet.
        case missing
        /// The diagnostics say why; the cluster's directory was not touched.
        case failed
    }

    /// The values file, as `directory/name`.
    public var file: String
    /// The cluster name, once the values resolved it.
    public var cluster: String?
    public var status: Status
    /// The errors when it failed, else its warnings.
    public var diagnostics: [Diagnostic]
}

public struct FleetProgress: Equatable, Sendable {
    /// Clusters whose values were loaded and checked, of `total`.
    public var prepared: Int
    /// Clusters written, checked or failed, of `total`.
    public var finished: Int
    public var total: Int

    /// From 0 to 1: loading the values counts for half of a cluster, building and writing for the other half.
    public var fraction: Double { total == 0 ? 1 : Double(prepared + finished) / Double(2 * total) }
}

/// The result of a fleet run, in the order of the values files whatever order the workers finished in.
public struct FleetReport: Equatable, Sendable {
    public var outcomes: [FleetOutcome]
    /// Directories in the output directory that no values file renders (a tenant whose values file
    /// was removed). They are never deleted: that would delete a cluster on the next GitOps sync.
    /// Only looked for when every file rendered, as a failed file's cluster name is unknown.
    public var orphans: [String]
    public var outputDirectory: String
    public var check: Bool

    /// Every file rendered, and with `--check` every directory was up to date.
    public var succeeded: Bool {
        outcomes.allSatisfy { $0.status == .written || $0.status == .unchanged } && (!check || orphans.isEmpty)
    }

    public func count(where predicate: (FleetOutcome.Status) -> Bool) -> Int {
        outcomes.count { predicate($0.status) }
    }

    /// `1000 clusters: 998 written, 1 unchanged, 1 failed`, or with `--check`
    /// `1000 clusters: 997 up to date, 2 stale, 1 failed`.
    public var summary: String {
        let failed = count { $0 == .failed }
        let unchanged = count { $0 == .unchanged }
        let changed = outcomes.count - failed - unchanged
        var parts = check ? ["\(unchanged) up to date", "\(changed) stale"] : ["\(changed) written", "\(unchanged) unchanged"]
        parts.append("\(failed) failed")
        if !orphans.isEmpty { parts.append("\(orphans.count) rendered from no values file") }
        let noun = outcomes.count == 1 ? "cluster" : "clusters"
        return "\(outcomes.count) \(noun): " + parts.joined(separator: ", ")
    }

    /// The problems and warnings to print, one or more lines each, in values file order; every
    /// line names the values file it is about.
    public var messages: [String] {
        var lines: [String] = []
        for outcome in outcomes {
            for diagnostic in outcome.diagnostics {
                lines.append(
                    diagnostic.location?.file == outcome.file ? diagnostic.description : "\(outcome.file): \(diagnostic)")
            }
            let folder = directory(of: outcome.cluster ?? "")
            switch outcome.status {
            case .stale(let changes):
                lines.append("\(outcome.file): error: \(folder) is stale (run without --check to update):")
                lines += changes.map { "  \($0)" }
            case .missing:
                lines.append("\(outcome.file): error: \(folder) does not exist (run without --check to write it)")
            default:
                break
            }
        }
        for orphan in orphans {
            lines.append(
                "\(directory(of: orphan)): \(check ? "error" : "warning"): no values file renders this cluster "
                    + "(delete the folder if the cluster is gone, or restore its values file)")
        }
        return lines
    }

    func directory(of cluster: String) -> String { (outputDirectory as NSString).appendingPathComponent(cluster) }
}

extension FleetRequest {
    func directory(of cluster: String) -> String { (outputDirectory as NSString).appendingPathComponent(cluster) }
}

/// Renders a whole fleet on all cores. Each cluster is independent: one file's error is recorded
/// against that file and the others go on; each cluster's directory is swapped in whole by
/// `OutputDirectory`, so a failure or an interruption never leaves a half-written cluster.
public enum FleetRenderer {
    /// Throws only for problems that concern every cluster: an unreadable or invalid base file,
    /// shared `-f` file or `--set` flag. Everything about one cluster file is in its outcome.
    public static func render(
        _ request: FleetRequest, progress: (@Sendable (FleetProgress) -> Void)? = nil
    ) throws(DiagnosticError) -> FleetReport {
        let files = request.inputs.clusterFiles
        let tracker = ProgressTracker(total: files.count, report: progress)
        let checkedResults = try prepare(request, rules: RenderPipeline.renderRules) { tracker.advance(prepared: 1) }
        let prepared = checkedResults.map { result in
            result.flatMap { checked in checked.errors.isEmpty ? .success(checked) : .failure(DiagnosticError(checked.errors)) }
        }

        var outcomes = zip(files, prepared).map { file, result in
            switch result {
            case .success(let cluster):
                FleetOutcome(
                    file: file, cluster: cluster.model.clusterName, status: .unchanged, diagnostics: cluster.diagnostics)
            case .failure(let error):
                FleetOutcome(file: file, cluster: nil, status: .failed, diagnostics: error.diagnostics)
            }
        }
        rejectSharedNames(&outcomes)
        addFleetFindings(&outcomes, checkedResults, failOnError: true)
        let checked = outcomes

        let output = URL(fileURLWithPath: request.outputDirectory)
        if !request.check { try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true) }
        let inputs = OutputTarget.ResolvedInputs(
            request.inputs.clusterFiles + [request.inputs.baseFile].compactMap { $0 } + request.shared.valueFiles.map(\.name))
        let finished: [FleetOutcome] = Parallel.map(checked.count, jobs: request.jobs) { index in
            defer { tracker.advance(finished: 1) }
            var outcome = checked[index]
            guard outcome.status != .failed, let cluster = outcome.cluster, case .success(let prepared) = prepared[index]
            else { return outcome }
            let layout = OutputDirectory(objects: ClusterManifest.build(prepared.model))
            let directory = output.appendingPathComponent(cluster)
            do throws(DiagnosticError) {
                if let refusal = OutputTarget.refusal(request.directory(of: cluster), inputs: inputs) { throw DiagnosticError(refusal) }
                let plan = try layout.plan(for: directory)
                if !plan.foreign.isEmpty { throw DiagnosticError(plan.foreignError(shownAs: request.directory(of: cluster))) }
                if plan.isUpToDate { return outcome }
                if request.check {
                    outcome.status = plan.exists ? .stale(plan.changeLines) : .missing
                    return outcome
                }
                try layout.write(to: directory)
                outcome.status = .written
            } catch {
                outcome.status = .failed
                outcome.diagnostics = error.diagnostics
            }
            return outcome
        }

        let allRendered = !finished.contains { $0.status == .failed }
        return FleetReport(
            outcomes: finished,
            orphans: allRendered ? orphans(in: request.outputDirectory, rendered: Set(finished.compactMap(\.cluster))) : [],
            outputDirectory: request.outputDirectory, check: request.check)
    }

    /// Two files that render the same cluster would write the same directory: both are errors and
    /// neither is written, whichever came first.
    static func rejectSharedNames(_ outcomes: inout [FleetOutcome]) {
        var filesByCluster: [String: [Int]] = [:]
        for (index, outcome) in outcomes.enumerated() {
            if let cluster = outcome.cluster { filesByCluster[cluster, default: []].append(index) }
        }
        for (cluster, indices) in filesByCluster where indices.count > 1 {
            for index in indices {
                let others = indices.filter { $0 != index }.map { outcomes[$0].file }
                outcomes[index].status = .failed
                outcomes[index].diagnostics.append(
                    Diagnostic(
                        code: .invalidValue, path: "cluster.name", location: SourceLocation(file: outcomes[index].file),
                        message: "renders cluster \"\(cluster)\", as \(others.joined(separator: " and ")) does",
                        hint: "each cluster needs its own name: rename the file or set cluster.name"))
            }
        }
    }

    /// Visible folders of the output directory that are not a rendered cluster.
    static func orphans(in outputDirectory: String, rendered: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && !rendered.contains(name)
                && FleetInputs.isDirectoryEntry((outputDirectory as NSString).appendingPathComponent(name))
        }.sorted()
    }
}

/// Counts finished work across the worker threads and hands each new count to the caller's callback.
final class ProgressTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: FleetProgress
    private let report: (@Sendable (FleetProgress) -> Void)?

    init(total: Int, report: (@Sendable (FleetProgress) -> Void)?) {
        progress = FleetProgress(prepared: 0, finished: 0, total: total)
        self.report = report
    }

    func advance(prepared: Int = 0, finished: Int = 0) {
        guard let report else { return }
        lock.lock()
        defer { lock.unlock() }
        progress.prepared += prepared
        progress.finished += finished
        report(progress)
    }
}

import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// `check DIR`: every cluster of a fleet folder, found and merged as `render-fleet` does, checked by
/// every rule, then by the fleet rules across them.
public enum FleetCheck {
    /// Every finding, cluster by cluster in values file order. A finding located outside its
    /// cluster's own file (in the base file, a shared `-f` file, the defaults) names the cluster.
    /// Throws only for problems of every cluster: the base file, a shared `-f` file, a flag.
    public static func check(
        _ inputs: FleetInputs, shared: RenderRequest = RenderRequest(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(DiagnosticError) -> [Diagnostic] {
        let request = FleetRequest(inputs: inputs, shared: shared, outputDirectory: "", jobs: jobs)
        let files = inputs.clusterFiles
        let results = try FleetRenderer.prepare(request, rules: CheckRules.all)
        var outcomes = zip(files, results).map { file, result in
            switch result {
            case .success(let checked):
                FleetOutcome(file: file, cluster: checked.model.clusterName, status: .unchanged, diagnostics: checked.diagnostics)
            case .failure(let error):
                FleetOutcome(file: file, cluster: nil, status: .failed, diagnostics: error.diagnostics)
            }
        }
        FleetRenderer.rejectSharedNames(&outcomes)
        FleetRenderer.addFleetFindings(&outcomes, results, failOnError: false)
        return outcomes.flatMap { outcome in
            outcome.diagnostics.map { diagnostic in
                guard diagnostic.location?.file != outcome.file else { return diagnostic }
                var named = diagnostic
                named.message = "cluster \"\(outcome.cluster ?? FleetInputs.releaseName(ofFile: outcome.file))\" "
                    + "(\(outcome.file)): " + diagnostic.message
                return named
            }
        }
    }
}

extension FleetRenderer {
    /// Loads every cluster of the fleet and runs `rules` on it, on `request.jobs` cores: a failure
    /// is values that could not be read or decoded; rule findings, errors included, are in the result.
    /// Throws only for what every cluster shares: the base file, a shared `-f` file, a flag.
    static func prepare(
        _ request: FleetRequest, rules: [CheckRule], advance: @escaping @Sendable () -> Void = {}
    ) throws(DiagnosticError) -> [Result<CheckResult, DiagnosticError>] {
        let base = try request.inputs.baseFile.map { path throws(DiagnosticError) in try ValuesFile(path: path) }
        // Once, so that a broken base or -f file, or --set flag, is one error instead of one per cluster.
        var sharedOnly = request.shared
        if let base { sharedOnly.valueFiles.insert(base, at: 0) }
        _ = try ValuesLoader.load(sharedOnly)

        let files = request.inputs.clusterFiles
        return Parallel.map(files.count, jobs: request.jobs) { index in
            defer { advance() }
            do throws(DiagnosticError) {
                let cluster = request.request(for: try ValuesFile(path: files[index]), base: base)
                return .success(try RenderPipeline.check(cluster, rules: rules))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Runs the fleet rules over the clusters that loaded and whose name is their own, and adds each
    /// cluster's findings to its outcome; with `failOnError` a cluster with an error-level finding
    /// fails, so `render-fleet` writes none of the clusters a conflict involves.
    static func addFleetFindings(
        _ outcomes: inout [FleetOutcome], _ results: [Result<CheckResult, DiagnosticError>], failOnError: Bool
    ) {
        let checked = results.map { try? $0.get() }
        var files: [String: Int] = [:]
        for result in checked { if let name = result?.model.clusterName { files[name, default: 0] += 1 } }
        // Two files of one cluster name are rejected for that (`rejectSharedNames`).
        let indices = checked.indices.filter { checked[$0].map { files[$0.model.clusterName] == 1 } ?? false }
        let members = indices.map { FleetMember(file: outcomes[$0].file, checked: checked[$0]!) }
        for (position, findings) in FleetRules.check(members).enumerated() where !findings.isEmpty {
            let index = indices[position]
            outcomes[index].diagnostics += findings
            if failOnError && findings.contains(where: { $0.severity == .error }) { outcomes[index].status = .failed }
        }
    }
}

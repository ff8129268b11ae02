import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// What `render` is asked to do, independent of how the arguments were spelled.
public struct RenderRequest: Sendable {
    public var releaseName: String?
    public var namespace: String
    public var valueFiles: [ValuesFile]
    public var setFlags: [SetFlag]
    /// Reads `--set-file` paths; the command line passes the file system, tests a dictionary.
    public var readFile: @Sendable (String) throws -> String
    /// `--chart`: nil lets the values files name it (`chart:`), else the vSphere chart.
    public var chart: ChartName?
    /// `--api-versions`: what the management cluster serves; nil when not given (`ServedAPIVersions`).
    public var servedAPIVersions: Set<String>?

    public init(releaseName: String? = nil, namespace: String = "default", valueFiles: [ValuesFile] = [],
        setFlags: [SetFlag] = [], readFile: @escaping @Sendable (String) throws -> String = { path in throw HelmSetParser.NoFileReader(path: path) },
        chart: ChartName? = nil)
    {
        self.chart = chart
        self.readFile = readFile
        self.releaseName = releaseName
        self.namespace = HelmCommandLine.namespace(namespace)
        self.valueFiles = valueFiles
        self.setFlags = setFlags
    }
}

/// A `--set`, `--set-string` or `--set-file` flag, in the order given on the command line.
public typealias SetFlag = HelmSetFlag

public struct RenderResult: Sendable {
    public var model: ClusterModel
    public var objects: [ManifestObject]
    public var warnings: [Diagnostic]
}

/// What `check` finds: the model and every diagnostic, warnings included, in rule order.
public struct CheckResult: Sendable {
    public var model: ClusterModel
    public var diagnostics: [Diagnostic]
    /// Where each value came from, for rules that name values of several clusters (`FleetRules`).
    public var locations: LocationMap = [:]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// The stages of `render`, each a named step with its own errors:
/// load (parse and merge values as Helm does) -> decode (typed values) -> check -> build -> emit.
/// No stage prints a password: flags are named by position and key, values at password keys (or
/// equal to a password) are described by their kind, and a rule's quoted values are checked too.
public enum RenderPipeline {
    public static func render(_ request: RenderRequest) throws(DiagnosticError) -> RenderResult {
        let checked = try check(request, rules: renderRules)
        if !checked.errors.isEmpty { throw DiagnosticError(checked.errors) }
        return RenderResult(
            model: checked.model, objects: ClusterManifest.build(checked.model), warnings: checked.diagnostics)
    }

    /// The rules a render enforces: the error-level ones (`render-fleet` checks with them too).
    public static let renderRules = CheckRules.all.filter { $0.severity == .error }

    /// Loads and decodes the values (throwing what stops that) and runs the check rules, returning
    /// their findings rather than throwing them. `render` runs only the error-level rules: warnings
    /// are for `kamaji-capi check`, so a render that succeeds prints only what loading and decoding
    /// warned about.
    public static func check(_ request: RenderRequest, rules: [CheckRule] = CheckRules.all) throws(DiagnosticError)
        -> CheckResult
    {
        let merged = try ValuesLoader.load(request)
        var result = try check(request, merged: merged, rules: rules)
        // Warnings are `check`'s (render runs the error-level rules only): so is this one.
        if let served = request.servedAPIVersions, rules.contains(where: { $0.severity == .warning }) {
            result.diagnostics += ServedAPIVersions.unservedGroups(ClusterManifest.build(result.model), served: served)
        }
        // A rule may quote a value the user pasted a password into: collected only when a rule
        // found something (walking every value of a large file cost a millisecond of a clean render).
        if result.diagnostics.contains(where: { $0.rule != nil }) {
            let secrets = SecretTexts(merged.values)
            result.diagnostics = result.diagnostics.map { $0.rule == nil ? $0 : secrets.redactQuotedValues($0) }
        }
        return result
    }

    static func check(_ request: RenderRequest, merged: MergedValues, rules: [CheckRule]) throws(DiagnosticError)
        -> CheckResult
    {
        if let problem = HelmCommandLine.namespaceProblem(request.namespace) { throw DiagnosticError(problem) }
        if merged.chart == .proxmox { return try checkProxmox(request, merged: merged, rules: rules) }
        var (values, decodeWarnings) = try ValuesDecoder(locations: merged.locations)
            .decode(ChartValues.self, from: merged.values)
        if let served = request.servedAPIVersions {
            values.apiVersions = ServedAPIVersions.choose(values.apiVersions, served: served, userSet: merged.userSetPaths)
        }
        let mergeWarnings = merged.warnings
        try ChartSelection.requireSame(values.chart, as: merged.chart)
        let clusterName = try resolveClusterName(values: values, releaseName: request.releaseName)
        var model = ClusterModel(
            values: values, clusterName: clusterName, namespace: request.namespace,
            userSetPaths: merged.userSetPaths)
        model.unprintableCharacters = UnprintableCharacter.find(in: merged.values)
        let locations = HelmCommandLine.locatingClusterName(merged.locations, values: values)
        let findings = ValuesValidator.validate(model, locations: locations, rules: rules)
        return CheckResult(
            model: model, diagnostics: mergeWarnings + decodeWarnings + findings, locations: locations)
    }

    /// `cluster.name` when set, else Helm's release name, as the chart's `cluster-name` helper does.
    static func resolveClusterName(values: ChartValues, releaseName: String?) throws(DiagnosticError) -> String {
        if let name = values.cluster.name, !name.isEmpty { return name }
        if let releaseName, !releaseName.isEmpty { return releaseName }
        throw DiagnosticError(
            Diagnostic(
                code: .missingValue, path: "cluster.name", message: "no cluster name",
                hint: "pass a NAME argument (`kamaji-capi render my-cluster ...`) or set cluster.name"))
    }
}

extension ValuesLoader {
    /// The values a request renders: its files, chart and flags.
    static func load(_ request: RenderRequest) throws(DiagnosticError) -> MergedValues {
        try load(files: request.valueFiles, chart: request.chart, setFlags: request.setFlags, readFile: request.readFile)
    }
}

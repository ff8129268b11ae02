import Foundation

/// One values source given on the command line, already read: a `-f` file's text, or `-` for stdin.
public struct ValuesFile: Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// What `render` is asked to do, independent of how the arguments were spelled.
public struct RenderRequest: Sendable {
    public var releaseName: String?
    public var namespace: String
    public var valueFiles: [ValuesFile]
    public var setFlags: [SetFlag]

    public init(releaseName: String? = nil, namespace: String = "default", valueFiles: [ValuesFile] = [],
        setFlags: [SetFlag] = [])
    {
        self.releaseName = releaseName
        self.namespace = namespace
        self.valueFiles = valueFiles
        self.setFlags = setFlags
    }
}

/// A `--set`, `--set-string` or `--set-file` flag, in the order given.
public struct SetFlag: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case typed, string, file }
    public var kind: Kind
    public var expression: String

    public init(_ kind: Kind, _ expression: String) {
        self.kind = kind
        self.expression = expression
    }
}

public struct RenderResult: Sendable {
    public var model: ClusterModel
    public var objects: [ManifestObject]
    public var warnings: [Diagnostic]
}

/// What `check` finds: the model and every diagnostic, warnings included, in rule order.
public struct CheckResult: Sendable {
    public var model: ClusterModel
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// The stages of `render`, each a named step with its own errors:
/// load (parse and merge values as Helm does) -> decode (typed values) -> check -> build -> emit.
public enum RenderPipeline {
    public static func render(_ request: RenderRequest) throws(DiagnosticError) -> RenderResult {
        let checked = try check(request, rules: CheckRules.all.filter { $0.severity == .error })
        if !checked.errors.isEmpty { throw DiagnosticError(checked.errors) }
        return RenderResult(
            model: checked.model, objects: ClusterManifest.build(checked.model), warnings: checked.diagnostics)
    }

    /// Loads and decodes the values (throwing what stops that) and runs the check rules, returning
    /// their findings rather than throwing them. `render` runs only the error-level rules: warnings
    /// are for `kamaji-capi check`, so a render that succeeds prints only what decoding warned about.
    public static func check(_ request: RenderRequest, rules: [CheckRule] = CheckRules.all) throws(DiagnosticError)
        -> CheckResult
    {
        let merged = try ValuesLoader.load(request)
        let (values, decodeWarnings) = try ValuesDecoder(locations: merged.locations)
            .decode(ChartValues.self, from: merged.values)
        let clusterName = try resolveClusterName(values: values, releaseName: request.releaseName)
        let model = ClusterModel(
            values: values, clusterName: clusterName, namespace: request.namespace,
            userSetPaths: merged.userSetPaths)
        return CheckResult(
            model: model, diagnostics: decodeWarnings + ValuesValidator.validate(model, locations: merged.locations, rules: rules))
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

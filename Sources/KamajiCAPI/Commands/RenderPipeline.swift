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

/// A cluster whose values passed every check, before its objects are built.
public struct PreparedCluster: Sendable {
    public var model: ClusterModel
    public var warnings: [Diagnostic]
}

public struct RenderResult: Sendable {
    public var model: ClusterModel
    public var objects: [ManifestObject]
    public var warnings: [Diagnostic]
}

/// The stages of `render`, each a named step with its own errors:
/// load (parse and merge values as Helm does) -> decode (typed values) -> validate -> build -> emit.
public enum RenderPipeline {
    public static func render(_ request: RenderRequest) throws(DiagnosticError) -> RenderResult {
        let prepared = try prepare(request)
        return RenderResult(
            model: prepared.model, objects: ClusterManifest.build(prepared.model), warnings: prepared.warnings)
    }

    /// Every stage but the build: the validated model and its warnings. `render-fleet` prepares all
    /// clusters first, so that two values files naming the same cluster are caught before anything
    /// is written, and keeps only the small models until it builds each cluster's objects.
    public static func prepare(_ request: RenderRequest) throws(DiagnosticError) -> PreparedCluster {
        let merged = try ValuesLoader.load(request)
        let (values, decodeWarnings) = try ValuesDecoder(locations: merged.locations)
            .decode(ChartValues.self, from: merged.values)
        let clusterName = try resolveClusterName(values: values, releaseName: request.releaseName)
        let model = ClusterModel(
            values: values, clusterName: clusterName, namespace: request.namespace,
            userSetPaths: merged.userSetPaths)
        let findings = ValuesValidator.validate(model, locations: merged.locations)
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticError(findings) }
        return PreparedCluster(model: model, warnings: decodeWarnings + findings)
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

import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// One Kubernetes object as the builders produce it: its identity and its whole body as an ordered
/// tree (`apiVersion`, `kind`, `metadata`, then the rest).
public struct ManifestObject: Equatable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String?
    public var body: YAMLValue

    /// Builds the body in the usual Kubernetes key order.
    public init(
        apiVersion: String, kind: String, name: String, namespace: String?, labels: YAMLMapping = [:],
        annotations: YAMLMapping = [:], fields: YAMLMapping
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        var metadata: YAMLMapping = ["name": .string(name)]
        if let namespace { metadata["namespace"] = .string(namespace) }
        if !labels.isEmpty { metadata["labels"] = .mapping(labels) }
        if !annotations.isEmpty { metadata["annotations"] = .mapping(annotations) }
        var body: YAMLMapping = ["apiVersion": .string(apiVersion), "kind": .string(kind)]
        body["metadata"] = .mapping(metadata)
        for entry in fields.entries { body[entry.key] = entry.value }
        self.body = .mapping(body)
    }

    /// A ServiceAccount in the cluster's namespace; the controllers the chart runs on the management
    /// cluster each have one.
    package static func serviceAccount(_ model: ClusterModel, name: String, component: String) -> ManifestObject {
        ManifestObject(
            apiVersion: "v1", kind: "ServiceAccount", name: name, namespace: model.namespace,
            labels: model.componentLabels(component), fields: [:])
    }

    /// The `{apiVersion, kind, name}` reference to this object, as Cluster API v1beta1 writes references.
    public var reference: YAMLValue {
        ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name)]
    }

    /// `Kind/namespace/name`, how users and `kubectl` name an object.
    public var identity: String { "\(kind)/\(namespace.map { "\($0)/" } ?? "")\(name)" }
}

extension YAMLMapping {
    /// A label, annotation or selector map from values, keys sorted as the chart's `toYaml` prints them.
    package init(stringMap: [String: ScalarString]?) {
        self.init()
        for key in (stringMap ?? [:]).keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            self[key] = .string(stringMap![key]!.text)
        }
    }

    /// Adds the entries of `other` that this mapping does not have yet: the chart's fixed labels win
    /// over user labels of the same key instead of producing a duplicate key.
    package func adding(_ other: YAMLMapping) -> YAMLMapping {
        var result = self
        for entry in other.entries where result[entry.key] == nil { result[entry.key] = entry.value }
        return result
    }
}

extension YAMLValue {
    /// `nil` for values the chart renders only when set (`with` in its templates): null and empty ones.
    package init?(ifNotEmpty raw: RawYAML?) {
        guard let raw, !raw.isEmpty else { return nil }
        self = raw.value
    }

    /// A list of strings, or `nil` when the chart's `range` would print nothing.
    package init?(nonEmptyStrings list: [String]?) {
        guard let list, !list.isEmpty else { return nil }
        self = .sequence(list.map(YAMLValue.string))
    }
}

extension ManifestObject {
    /// An object read back from YAML; `nil` when it lacks apiVersion, kind or metadata.name.
    public init?(parsing body: YAMLValue) {
        guard let apiVersion = body["apiVersion"]?.string, let kind = body["kind"]?.string,
            let name = body["metadata", "name"]?.string
        else { return nil }
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        namespace = body["metadata", "namespace"]?.string
        self.body = body
    }
}

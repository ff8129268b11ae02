import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues

/// The built-in kinds of one Kubernetes version as `scripts/embed-schemas.py` compiles them in.
struct EmbeddedKubernetes: Sendable {
    let version: String
    /// Where the definitions come from.
    let source: String
    /// The definition every object's `metadata` is checked against.
    let objectMeta: String
    /// `apiVersion Kind` -> its definition.
    let kinds: [String: String]
    /// Definition name -> its text's position in `EmbeddedSchemas.kubernetesDefinitionTexts`.
    let definitions: [String: Int]
}

/// The schemas compiled into the binary (`EmbeddedSchemas`) for one Kubernetes version, by
/// `apiVersion Kind`: the custom resources (the same for every version) and that version's
/// built-in kinds. Each custom resource schema is parsed the first time an object of its kind is
/// checked, each built-in definition the first time a kind reaches it.
final class SchemaCatalog: @unchecked Sendable {
    /// The catalogue of `EmbeddedSchemas.kubernetesVersion`.
    static let shared = SchemaCatalog(EmbeddedSchemas.kubernetes[EmbeddedSchemas.kubernetesVersion]!)

    private static let others: [String: SchemaCatalog] = EmbeddedSchemas.kubernetes
        .filter { $0.key != EmbeddedSchemas.kubernetesVersion }.mapValues(SchemaCatalog.init)

    /// The Kubernetes versions compiled in, oldest first.
    static var versions: [String] {
        EmbeddedSchemas.kubernetes.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
    }

    /// The catalogue of a Kubernetes version written `1.37`, `1.37.0` or `v1.37.0`; nil when it is
    /// not compiled in.
    static func forKubernetes(_ version: String) -> SchemaCatalog? {
        var version = version.hasPrefix("v") ? String(version.dropFirst()) : version
        if version.split(separator: ".").count == 2 { version += ".0" }
        return version == EmbeddedSchemas.kubernetesVersion ? shared : others[version]
    }

    let kubernetes: EmbeddedKubernetes
    /// The OpenAPI definitions of the built-in kinds, by name.
    let definitions: SchemaDefinitions
    private let lock = NSLock()
    private var customResources: [String: Schema] = [:]

    private init(_ kubernetes: EmbeddedKubernetes) {
        self.kubernetes = kubernetes
        definitions = SchemaDefinitions(embedded: kubernetes.definitions, texts: EmbeddedSchemas.kubernetesDefinitionTexts)
    }

    /// What every object's `metadata` is checked against; a CRD's own schema only says `type: object`.
    var objectMeta: Schema { definitions[kubernetes.objectMeta]! }

    /// Every `apiVersion Kind` with a schema, sorted.
    var kinds: [String] {
        (Array(EmbeddedSchemas.customResources.keys) + Array(kubernetes.kinds.keys)).sorted()
    }

    /// The OpenAPI definition of a built-in kind; nil for a custom resource or an unknown kind.
    func builtinDefinition(apiVersion: String, kind: String) -> String? {
        kubernetes.kinds["\(apiVersion) \(kind)"]
    }

    func schema(apiVersion: String, kind: String) -> Schema? {
        if let definition = builtinDefinition(apiVersion: apiVersion, kind: kind) { return definitions[definition] }
        let key = "\(apiVersion) \(kind)"
        guard let text = EmbeddedSchemas.customResources[key] else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let schema = customResources[key] { return schema }
        let schema = Schema(Self.embeddedJSON(text, name: key))
        customResources[key] = schema
        return schema
    }

    /// The embedded text is generated and tested (EmbeddedSchemasTests), so a parse failure is a
    /// build defect, not an input error.
    static func embeddedJSON(_ text: String, name: String) -> YAMLValue {
        do {
            return try JSONReader.parse(text)
        } catch {
            preconditionFailure("embedded schema \(name): \(error)")
        }
    }
}

/// The schemas a `$ref` can name. The embedded ones are parsed on first use, under a lock, since
/// validations run on several threads (render-fleet); a literal (for tests) holds parsed schemas.
final class SchemaDefinitions: @unchecked Sendable, ExpressibleByDictionaryLiteral {
    private let embedded: [String: Int]
    private let texts: [String]
    private var parsed: [String: Schema]
    private let lock = NSLock()

    init(embedded: [String: Int], texts: [String]) {
        self.embedded = embedded
        self.texts = texts
        parsed = [:]
    }

    init(dictionaryLiteral elements: (String, Schema)...) {
        embedded = [:]
        texts = []
        parsed = Dictionary(elements, uniquingKeysWith: { first, _ in first })
    }

    subscript(name: String) -> Schema? {
        lock.lock()
        defer { lock.unlock() }
        if let schema = parsed[name] { return schema }
        guard let position = embedded[name] else { return nil }
        let schema = Schema(SchemaCatalog.embeddedJSON(texts[position], name: name))
        parsed[name] = schema
        return schema
    }
}

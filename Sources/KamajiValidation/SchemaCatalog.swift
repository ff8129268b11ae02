import Foundation
import KamajiDiagnostics
import KamajiYAML

/// The built-in kinds of one Kubernetes version as `scripts/embed-schemas.py` compiles them in.
package struct EmbeddedKubernetes: Sendable {
    package let version: String
    /// Where the definitions come from.
    package let source: String
    /// The definition every object's `metadata` is checked against.
    package let objectMeta: String
    /// `apiVersion Kind` -> its definition.
    package let kinds: [String: String]
    /// Definition name -> its text's position in `EmbeddedSchemas.kubernetesDefinitionTexts`.
    package let definitions: [String: Int]
}

/// The schemas compiled into the binary (`EmbeddedSchemas`) for one Kubernetes version, by
/// `apiVersion Kind`: the custom resources (the same for every version) and that version's
/// built-in kinds. Each custom resource schema is parsed the first time an object of its kind is
/// checked, each built-in definition the first time a kind reaches it.
package final class SchemaCatalog: @unchecked Sendable {
    /// The catalogue of `EmbeddedSchemas.kubernetesVersion`.
    package static let shared = SchemaCatalog(EmbeddedSchemas.kubernetes[EmbeddedSchemas.kubernetesVersion]!)

    private static let others: [String: SchemaCatalog] = EmbeddedSchemas.kubernetes
        .filter { $0.key != EmbeddedSchemas.kubernetesVersion }.mapValues(SchemaCatalog.init)

    /// The Kubernetes versions compiled in, oldest first.
    package static var versions: [String] {
        EmbeddedSchemas.kubernetes.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
    }

    /// The catalogue of a Kubernetes version written `1.37`, `1.37.0` or `v1.37.0`; nil when it is
    /// not compiled in.
    package static func forKubernetes(_ version: String) -> SchemaCatalog? {
        var version = version.hasPrefix("v") ? String(version.dropFirst()) : version
        if version.split(separator: ".").count == 2 { version += ".0" }
        return version == EmbeddedSchemas.kubernetesVersion ? shared : others[version]
    }

    package let kubernetes: EmbeddedKubernetes
    /// The OpenAPI definitions of the built-in kinds, by name.
    package let definitions: SchemaDefinitions
    private let lock = NSLock()
    private var customResources: [String: Schema] = [:]

    private init(_ kubernetes: EmbeddedKubernetes) {
        self.kubernetes = kubernetes
        definitions = SchemaDefinitions(embedded: kubernetes.definitions, texts: EmbeddedSchemas.kubernetesDefinitionTexts)
    }

    /// What every object's `metadata` is checked against; a CRD's own schema only says `type: object`.
    package var objectMeta: Schema { definitions[kubernetes.objectMeta]! }

    /// Every `apiVersion Kind` with a schema, sorted.
    package var kinds: [String] {
        (Array(EmbeddedSchemas.customResources.keys) + Array(kubernetes.kinds.keys)).sorted()
    }

    /// The OpenAPI definition of a built-in kind; nil for a custom resource or an unknown kind.
    package func builtinDefinition(apiVersion: String, kind: String) -> String? {
        kubernetes.kinds["\(apiVersion) \(kind)"]
    }

    package func schema(apiVersion: String, kind: String) -> Schema? {
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
    package static func embeddedJSON(_ text: String, name: String) -> YAMLValue {
        do {
            return try JSONReader.parse(text)
        } catch {
            preconditionFailure("embedded schema \(name): \(error)")
        }
    }
}

/// The schemas a `$ref` can name. The embedded ones are parsed on first use, under a lock, since
/// validations run on several threads (render-fleet); a literal (for tests) holds parsed schemas.
package final class SchemaDefinitions: @unchecked Sendable, ExpressibleByDictionaryLiteral {
    private let embedded: [String: Int]
    private let texts: [String]
    private var parsed: [String: Schema]
    private let lock = NSLock()

    package init(embedded: [String: Int], texts: [String]) {
        self.embedded = embedded
        self.texts = texts
        parsed = [:]
    }

    package init(dictionaryLiteral elements: (String, Schema)...) {
        embedded = [:]
        texts = []
        parsed = Dictionary(elements, uniquingKeysWith: { first, _ in first })
    }

    package subscript(name: String) -> Schema? {
        lock.lock()
        defer { lock.unlock() }
        if let schema = parsed[name] { return schema }
        guard let position = embedded[name] else { return nil }
        let schema = Schema(SchemaCatalog.embeddedJSON(texts[position], name: name))
        parsed[name] = schema
        return schema
    }
}

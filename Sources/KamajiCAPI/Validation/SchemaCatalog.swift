import Foundation

/// The schemas compiled into the binary (`EmbeddedSchemas`), by `apiVersion Kind`. Each custom
/// resource schema is parsed the first time an object of its kind is checked, each built-in
/// definition the first time a kind reaches it.
final class SchemaCatalog: @unchecked Sendable {
    static let shared = SchemaCatalog()

    private let lock = NSLock()
    private var customResources: [String: Schema] = [:]

    /// The OpenAPI definitions of the built-in kinds, by name.
    static let definitions = SchemaDefinitions(embedded: EmbeddedSchemas.kubernetesDefinitions)

    /// What every object's `metadata` is checked against; a CRD's own schema only says `type: object`.
    static var objectMeta: Schema { definitions[EmbeddedSchemas.objectMetaDefinition]! }

    /// Every `apiVersion Kind` with a schema, sorted.
    static var kinds: [String] {
        (Array(EmbeddedSchemas.customResources.keys) + Array(EmbeddedSchemas.builtinKinds.keys)).sorted()
    }

    func schema(apiVersion: String, kind: String) -> Schema? {
        let key = "\(apiVersion) \(kind)"
        if let definition = EmbeddedSchemas.builtinKinds[key] { return Self.definitions[definition] }
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
    private let texts: [String: String]
    private var parsed: [String: Schema]
    private let lock = NSLock()

    init(embedded texts: [String: String]) {
        self.texts = texts
        parsed = [:]
    }

    init(dictionaryLiteral elements: (String, Schema)...) {
        texts = [:]
        parsed = Dictionary(elements, uniquingKeysWith: { first, _ in first })
    }

    subscript(name: String) -> Schema? {
        lock.lock()
        defer { lock.unlock() }
        if let schema = parsed[name] { return schema }
        guard let text = texts[name] else { return nil }
        let schema = Schema(SchemaCatalog.embeddedJSON(text, name: name))
        parsed[name] = schema
        return schema
    }
}

import Foundation

/// The schemas compiled into the binary (`EmbeddedSchemas`), by `apiVersion Kind`. Each custom
/// resource schema is parsed the first time an object of its kind is checked; the built-in
/// definitions are parsed together the first time any of them is needed.
final class SchemaCatalog: @unchecked Sendable {
    static let shared = SchemaCatalog()

    private let lock = NSLock()
    private var customResources: [String: Schema] = [:]

    /// The OpenAPI definitions of the built-in kinds, by name.
    static let definitions: [String: Schema] = {
        let tree = embeddedJSON(EmbeddedSchemas.kubernetesDefinitions, name: "kubernetes definitions")
        var result: [String: Schema] = [:]
        for entry in tree.mapping?.entries ?? [] { result[entry.key] = Schema(entry.value) }
        return result
    }()

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
    private static func embeddedJSON(_ text: String, name: String) -> YAMLValue {
        do {
            return try JSONReader.parse(text)
        } catch {
            preconditionFailure("embedded schema \(name): \(error)")
        }
    }
}

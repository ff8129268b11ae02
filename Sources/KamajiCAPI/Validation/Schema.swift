import KamajiDiagnostics
import KamajiYAML
import KamajiValues

/// One node of an OpenAPI v3 schema: the subset CustomResourceDefinitions use (structural schemas
/// with Kubernetes' `x-kubernetes-*` extensions), plus `$ref` into the built-in kinds' definitions.
/// Built once from the embedded JSON and shared; every keyword it does not model carries no rule the
/// API server checks without CEL.
final class Schema: Sendable {
    enum JSONType: String, Sendable {
        case object, array, string, integer, number, boolean
    }

    /// `additionalProperties`: a schema for every other key, or whether other keys are allowed.
    enum Additional: Sendable {
        case unspecified
        case allowed(Bool)
        case schema(Schema)
    }

    let type: JSONType?
    let nullable: Bool
    let properties: [String: Schema]
    /// Property names in schema order, so defaults are filled in a stable order.
    let propertyNames: [String]
    let additionalProperties: Additional
    let required: [String]
    let enumValues: [YAMLValue]?
    let pattern: String?
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Bool
    let exclusiveMaximum: Bool
    let minLength: Int?
    let maxLength: Int?
    let minItems: Int?
    let maxItems: Int?
    let minProperties: Int?
    let maxProperties: Int?
    let items: Schema?
    let format: String?
    let defaultValue: YAMLValue?
    let anyOf: [Schema]
    let allOf: [Schema]
    let oneOf: [Schema]
    let not: Schema?
    /// A definition name (`#/definitions/NAME`), resolved through the catalogue.
    let reference: String?
    let intOrString: Bool
    let preservesUnknownFields: Bool
    let embeddedResource: Bool
    /// `x-kubernetes-list-type`: `atomic`, `set` (unique items) or `map` (unique `listMapKeys`).
    let listType: String?
    let listMapKeys: [String]
    /// `x-kubernetes-validations`: CEL rules, compiled with the schema (`CELRuleChecker` runs them).
    let celRules: [CELRule]

    init(_ node: YAMLValue) {
        let map = node.mapping ?? [:]
        func schemas(_ key: String) -> [Schema] { (map[key]?.sequence ?? []).map(Schema.init) }
        func int(_ key: String) -> Int? {
            switch map[key] {
            case .int(let value)?: return value
            case .float(let value)?: return Int(exactly: value)
            default: return nil
            }
        }
        func number(_ key: String) -> Double? {
            switch map[key] {
            case .int(let value)?: return Double(value)
            case .float(let value)?: return value
            default: return nil
            }
        }
        type = map["type"]?.string.flatMap(JSONType.init(rawValue:))
        nullable = map["nullable"] == .bool(true)
        let properties = map["properties"]?.mapping ?? [:]
        propertyNames = properties.keys
        self.properties = Dictionary(
            properties.entries.map { ($0.key, Schema($0.value)) }, uniquingKeysWith: { first, _ in first })
        switch map["additionalProperties"] {
        case .bool(let allowed)?: additionalProperties = .allowed(allowed)
        case .mapping(let schema)?: additionalProperties = .schema(Schema(.mapping(schema)))
        default: additionalProperties = .unspecified
        }
        required = (map["required"]?.sequence ?? []).compactMap(\.string)
        enumValues = map["enum"]?.sequence
        pattern = map["pattern"]?.string
        minimum = number("minimum")
        maximum = number("maximum")
        // OpenAPI v3.0 writes exclusive bounds as booleans beside minimum and maximum.
        exclusiveMinimum = map["exclusiveMinimum"] == .bool(true)
        exclusiveMaximum = map["exclusiveMaximum"] == .bool(true)
        minLength = int("minLength")
        maxLength = int("maxLength")
        minItems = int("minItems")
        maxItems = int("maxItems")
        minProperties = int("minProperties")
        maxProperties = int("maxProperties")
        items = map["items"].flatMap { $0.mapping != nil ? Schema($0) : nil }
        format = map["format"]?.string
        defaultValue = map["default"]
        anyOf = schemas("anyOf")
        allOf = schemas("allOf")
        oneOf = schemas("oneOf")
        not = map["not"].map(Schema.init)
        reference = map["$ref"]?.string.map { String($0.split(separator: "/").last ?? "") }
        intOrString = map["x-kubernetes-int-or-string"] == .bool(true)
        preservesUnknownFields = map["x-kubernetes-preserve-unknown-fields"] == .bool(true)
        embeddedResource = map["x-kubernetes-embedded-resource"] == .bool(true)
        listType = map["x-kubernetes-list-type"]?.string
        listMapKeys = (map["x-kubernetes-list-map-keys"]?.sequence ?? []).compactMap(\.string)
        celRules = (map["x-kubernetes-validations"]?.sequence ?? []).compactMap { entry in
            entry["rule"]?.string.map { CELRule(rule: $0, message: entry["message"]?.string) }
        }
    }
}

import KamajiDiagnostics
import KamajiYAML

/// One node of an OpenAPI v3 schema: the subset CustomResourceDefinitions use (structural schemas
/// with Kubernetes' `x-kubernetes-*` extensions), plus `$ref` into the built-in kinds' definitions.
/// Built once from the embedded JSON and shared; every keyword it does not model carries no rule the
/// API server checks without CEL.
package final class Schema: Sendable {
    package enum JSONType: String, Sendable {
        case object, array, string, integer, number, boolean
    }

    /// `additionalProperties`: a schema for every other key, or whether other keys are allowed.
    package enum Additional: Sendable {
        case unspecified
        case allowed(Bool)
        case schema(Schema)
    }

    package let type: JSONType?
    package let nullable: Bool
    package let properties: [String: Schema]
    /// Property names in schema order, so defaults are filled in a stable order.
    package let propertyNames: [String]
    package let additionalProperties: Additional
    package let required: [String]
    package let enumValues: [YAMLValue]?
    package let pattern: String?
    package let minimum: Double?
    package let maximum: Double?
    package let exclusiveMinimum: Bool
    package let exclusiveMaximum: Bool
    package let multipleOf: Double?
    package let minLength: Int?
    package let maxLength: Int?
    package let minItems: Int?
    package let maxItems: Int?
    package let minProperties: Int?
    package let maxProperties: Int?
    package let items: Schema?
    package let format: String?
    package let defaultValue: YAMLValue?
    package let anyOf: [Schema]
    package let allOf: [Schema]
    package let oneOf: [Schema]
    package let not: Schema?
    /// A definition name (`#/definitions/NAME`), resolved through the catalogue.
    package let reference: String?
    package let intOrString: Bool
    package let preservesUnknownFields: Bool
    package let embeddedResource: Bool
    /// `x-kubernetes-list-type`: `atomic`, `set` (unique items) or `map` (unique `listMapKeys`).
    package let listType: String?
    package let listMapKeys: [String]
    /// `x-kubernetes-validations`: CEL rules, compiled with the schema (`CELRuleChecker` runs them).
    package let celRules: [CELRule]

    package init(_ node: YAMLValue) {
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
        multipleOf = number("multipleOf")
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

import Foundation
import KamajiDiagnostics
import KamajiYAML

/// Checks one value against a schema the way the API server does with strict field validation
/// (`kubectl apply --validate=strict`): first `normalised` (null fields dropped unless nullable,
/// defaults filled in), then every rule the schema carries except CEL (`CELRuleChecker`).
package struct SchemaValidator {
    package struct Finding: Equatable, Sendable {
        package var path: String
        package var rule: String
        package var message: String
        /// The path as the reader records it, to find the line of the value.
        package var lookup: ValuePath

        package init(path: FieldPath, rule: String, message: String) {
            self.path = path.description
            self.rule = rule
            self.message = message
            lookup = path.lookup
        }
    }

    package let definitions: SchemaDefinitions
    /// Top-level fields whose values no message shows (a Secret's `data` and `stringData`): a
    /// value there is written `<redacted>`, so a wrong password is never printed.
    package var redactedFields: Set<String> = []
    package private(set) var findings: [Finding] = []

    package init(definitions: SchemaDefinitions) {
        self.definitions = definitions
    }

    /// Follows `$ref` to the definition it names; an unknown name leaves the node as it is.
    package func resolve(_ schema: Schema) -> Schema {
        var current = schema
        var hops = 0
        while let name = current.reference, let target = definitions[name], hops < 64 {
            current = target
            hops += 1
        }
        return current
    }

    // MARK: Normalisation

    /// What the API server stores before it validates: null fields dropped unless the schema makes
    /// them nullable, and schema defaults filled into absent fields, recursively.
    package func normalised(_ value: YAMLValue, _ schema: Schema) -> YAMLValue {
        let schema = resolve(schema)
        switch value {
        case .mapping(let mapping):
            var result = YAMLMapping()
            for entry in mapping.entries {
                let field = fieldSchema(entry.key, in: schema).map(resolve)
                if entry.value.isNull && field?.nullable != true { continue }
                result[entry.key] = field.map { normalised(entry.value, $0) } ?? entry.value
            }
            for name in schema.propertyNames where result[name] == nil {
                guard let field = schema.properties[name], let value = resolve(field).defaultValue else { continue }
                result[name] = normalised(value, field)
            }
            return .mapping(result)
        case .sequence(let items):
            guard let itemSchema = schema.items else { return value }
            return .sequence(items.map { normalised($0, itemSchema) })
        default:
            return value
        }
    }

    private func fieldSchema(_ key: String, in schema: Schema) -> Schema? {
        if let property = schema.properties[key] { return property }
        if case .schema(let additional) = schema.additionalProperties { return additional }
        return nil
    }

    // MARK: Validation

    package mutating func validate(_ value: YAMLValue, _ schema: Schema, path: FieldPath) {
        let definition = schema.reference
        let schema = resolve(schema)
        if value.isNull {
            if !schema.nullable && (schema.type != nil || schema.intOrString) {
                report(path, "type", "expected \(Self.expected(schema)), found null")
            }
            return
        }
        if schema.intOrString {
            guard Self.isInteger(value) || value.string != nil else {
                report(path, "int-or-string", "expected an integer or a string, found \(described(value, path))")
                return
            }
        } else if let type = schema.type, !Self.matches(value, type) {
            report(path, "type", "expected \(Self.expected(schema)), found \(described(value, path))")
            return
        }
        if let allowed = schema.enumValues, !allowed.contains(where: { Self.sameJSON($0, value) }) {
            let list = allowed.map(Self.literal).joined(separator: ", ")
            report(path, "enum", "unsupported value \(shown(value, path)); supported values: \(list)")
        }
        switch value {
        case .string(let string): checkString(string, schema, path)
        case .int, .float: checkNumber(value, schema, path)
        case .sequence(let items): checkArray(items, schema, path)
        case .mapping(let mapping): checkObject(mapping, schema, path)
        case .bool, .null: break
        }
        checkCombinators(value, schema, path)
        if let definition { findings += BuiltinFieldRules.check(definition: definition, value, path: path) }
    }

    private mutating func report(_ path: FieldPath, _ rule: String, _ message: String) {
        findings.append(Finding(path: path, rule: rule, message: message))
    }

    /// A value as a message shows it: its literal, or `<redacted>` under a redacted field.
    private func shown(_ value: YAMLValue, _ path: FieldPath) -> String {
        isRedacted(path) ? Self.redacted : Self.literal(value)
    }

    /// A value's kind and literal (`the integer 3`), or `the integer <redacted>` under a redacted field.
    private func described(_ value: YAMLValue, _ path: FieldPath) -> String {
        Self.describe(value, showing: shown(value, path))
    }

    private func isRedacted(_ path: FieldPath) -> Bool {
        path.topLevelKey.map(redactedFields.contains) ?? false
    }

    package static let redacted = "<redacted>"

    private mutating func checkString(_ string: String, _ schema: Schema, _ path: FieldPath) {
        let length = string.unicodeScalars.count
        if let minLength = schema.minLength, length < minLength {
            report(path, "minLength", "\(shown(.string(string), path)) is shorter than \(minLength) characters")
        }
        if let maxLength = schema.maxLength, length > maxLength {
            report(path, "maxLength", "has \(length) characters, more than \(maxLength)")
        }
        if let pattern = schema.pattern, let regex = RegexCache.shared.regex(pattern),
            regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) == nil
        {
            report(path, "pattern", "\(shown(.string(string), path)) does not match \(pattern)")
        }
        if schema.format == "byte", Data(base64Encoded: string) == nil {
            report(path, "format", "is not base64 (format byte)")
        }
    }

    private mutating func checkNumber(_ value: YAMLValue, _ schema: Schema, _ path: FieldPath) {
        let number: Double
        switch value {
        case .int(let int): number = Double(int)
        case .float(let float): number = float
        default: return
        }
        if let minimum = schema.minimum, schema.exclusiveMinimum ? number <= minimum : number < minimum {
            report(path, "minimum", "\(shown(value, path)) is less than \(schema.exclusiveMinimum ? "or equal to " : "")\(Self.literal(Self.number(minimum)))")
        }
        if let maximum = schema.maximum, schema.exclusiveMaximum ? number >= maximum : number > maximum {
            report(path, "maximum", "\(shown(value, path)) is greater than \(schema.exclusiveMaximum ? "or equal to " : "")\(Self.literal(Self.number(maximum)))")
        }
        // The API server enforces it: CAPMOX's memoryMiB is `multipleOf: 8`.
        if let multipleOf = schema.multipleOf, multipleOf > 0, number.truncatingRemainder(dividingBy: multipleOf) != 0 {
            report(path, "multipleOf", "\(shown(value, path)) is not a multiple of \(Self.literal(Self.number(multipleOf)))")
        }
        if schema.format == "int32", !(Double(Int32.min)...Double(Int32.max)).contains(number) {
            report(path, "format", "\(shown(value, path)) does not fit in 32 bits (format int32)")
        }
    }

    private mutating func checkArray(_ items: [YAMLValue], _ schema: Schema, _ path: FieldPath) {
        if let minItems = schema.minItems, items.count < minItems {
            report(path, "minItems", "has \(items.count) items, fewer than \(minItems)")
        }
        if let maxItems = schema.maxItems, items.count > maxItems {
            report(path, "maxItems", "has \(items.count) items, more than \(maxItems)")
        }
        if let itemSchema = schema.items {
            for (index, item) in items.enumerated() { validate(item, itemSchema, path: path.index(index)) }
        }
        switch schema.listType {
        case "set":
            for (index, item) in items.enumerated()
            where items[..<index].contains(where: { $0.isEquivalent(to: item) }) {
                report(path.index(index), "list-type", "duplicate value \(shown(item, path)) in a set")
            }
        case "map" where !schema.listMapKeys.isEmpty:
            var seen: [[YAMLValue?]] = []
            for (index, item) in items.enumerated() {
                let key = schema.listMapKeys.map { item.mapping?[$0] }
                if seen.contains(key) {
                    let text = zip(schema.listMapKeys, key).map { "\($0)=\($1.map { shown($0, path) } ?? "null")" }
                    report(path.index(index), "list-type", "duplicate entry with \(text.joined(separator: ", "))")
                }
                seen.append(key)
            }
        default: break
        }
    }

    private mutating func checkObject(_ mapping: YAMLMapping, _ schema: Schema, _ path: FieldPath) {
        for name in schema.required where mapping[name] == nil {
            report(path.key(name), "required", "missing required field")
        }
        if let minProperties = schema.minProperties, mapping.count < minProperties {
            report(path, "minProperties", "has \(mapping.count) fields, fewer than \(minProperties)")
        }
        if let maxProperties = schema.maxProperties, mapping.count > maxProperties {
            report(path, "maxProperties", "has \(mapping.count) fields, more than \(maxProperties)")
        }
        // A node that declares an object keeps only the fields it names, as pruning and strict field
        // validation do; value-only nodes (inside anyOf, ...) leave fields to their parent.
        let closed = !schema.preservesUnknownFields && (schema.type == .object || !schema.properties.isEmpty)
        for entry in mapping.entries {
            if let property = schema.properties[entry.key] {
                validate(entry.value, property, path: path.key(entry.key))
                continue
            }
            switch schema.additionalProperties {
            case .schema(let additional):
                validate(entry.value, additional, path: path.key(entry.key))
            case .allowed(true):
                break
            case .allowed(false), .unspecified:
                if schema.embeddedResource && ["apiVersion", "kind", "metadata"].contains(entry.key) { continue }
                if closed || schema.additionalProperties.forbids {
                    report(path.key(entry.key), "unknown-field", "unknown field \"\(entry.key)\"")
                }
            }
        }
    }

    private mutating func checkCombinators(_ value: YAMLValue, _ schema: Schema, _ path: FieldPath) {
        for branch in schema.allOf { validate(value, branch, path: path) }
        if !schema.anyOf.isEmpty, !schema.anyOf.contains(where: { passes(value, $0, path) }) {
            report(path, "anyOf", "matches none of the \(schema.anyOf.count) allowed schemas")
        }
        if !schema.oneOf.isEmpty {
            let matching = schema.oneOf.filter { passes(value, $0, path) }.count
            if matching != 1 {
                report(path, "oneOf", "matches \(matching) of the \(schema.oneOf.count) schemas, not exactly one")
            }
        }
        if let not = schema.not, passes(value, not, path) {
            report(path, "not", "matches a schema it must not match")
        }
    }

    private func passes(_ value: YAMLValue, _ schema: Schema, _ path: FieldPath) -> Bool {
        var branch = SchemaValidator(definitions: definitions)
        branch.validate(value, schema, path: path)
        return branch.findings.isEmpty
    }

    // MARK: Types and literals

    package static func matches(_ value: YAMLValue, _ type: Schema.JSONType) -> Bool {
        switch (type, value) {
        case (.object, .mapping), (.array, .sequence), (.string, .string), (.boolean, .bool): return true
        case (.number, .int), (.number, .float): return true
        case (.integer, _): return isInteger(value)
        default: return false
        }
    }

    package static func isInteger(_ value: YAMLValue) -> Bool {
        switch value {
        case .int: return true
        case .float(let float): return float.isFinite && float.rounded() == float
        default: return false
        }
    }

    package static func expected(_ schema: Schema) -> String {
        if schema.intOrString { return "an integer or a string" }
        switch schema.type {
        case .object?: return "an object"
        case .array?: return "a list"
        case .string?: return "a string"
        case .integer?: return "an integer"
        case .number?: return "a number"
        case .boolean?: return "a boolean"
        case nil: return "a value"
        }
    }

    /// `the integer 3`; `text` replaces the literal (`<redacted>`).
    package static func describe(_ value: YAMLValue, showing text: String? = nil) -> String {
        let text = text ?? literal(value)
        switch value {
        case .null: return "null"
        case .bool: return "the boolean \(text)"
        case .int: return "the integer \(text)"
        case .float: return "the number \(text)"
        case .string: return "the string \(text)"
        case .sequence: return "a list"
        case .mapping: return "an object"
        }
    }

    /// A scalar as JSON writes it; lists and objects abbreviated.
    package static func literal(_ value: YAMLValue) -> String {
        switch value {
        case .sequence: return "[...]"
        case .mapping: return "{...}"
        default: return JSONWriter.write(value)
        }
    }

    package static func number(_ double: Double) -> YAMLValue {
        double.rounded() == double && abs(double) < 1e18 ? .int(Int(double)) : .float(double)
    }

    /// JSON equality: `1` and `1.0` are the same number.
    package static func sameJSON(_ a: YAMLValue, _ b: YAMLValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .float(let y)), (.float(let y), .int(let x)): return Double(x) == y
        default: return a.isEquivalent(to: b)
        }
    }
}

extension Schema.Additional {
    package var forbids: Bool {
        if case .allowed(false) = self { return true }
        return false
    }
}

/// A field path as `kubectl` prints one: `spec.template.spec.users[0].name`; a key that is not a
/// plain word is bracketed: `metadata.labels[cluster.x-k8s.io/cluster-name]`. It also keeps the path
/// in `YAMLReader`'s notation, under which the reader recorded each value's line.
package struct FieldPath: CustomStringConvertible, Sendable {
    package private(set) var description = ""
    package private(set) var lookup = ValuePath.root
    /// The object's field this path is in (`data` for `data.password`); nil for the object itself.
    package private(set) var topLevelKey: String?

    /// A top-level path of plain words (`metadata`), or the object itself.
    package init(_ description: String = "") {
        self.description = description
        lookup = description.isEmpty ? .root : .root / description
        topLevelKey = description.isEmpty ? nil : description
    }

    private init(description: String, lookup: ValuePath, topLevelKey: String?) {
        self.description = description
        self.lookup = lookup
        self.topLevelKey = topLevelKey
    }

    package func key(_ key: String) -> FieldPath {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-"
        }
        let text = plain ? (description.isEmpty ? key : description + "." + key) : description + "[\(key)]"
        return FieldPath(description: text, lookup: lookup / key, topLevelKey: topLevelKey ?? key)
    }

    package func index(_ index: Int) -> FieldPath {
        FieldPath(description: description + "[\(index)]", lookup: lookup / index, topLevelKey: topLevelKey)
    }
}

/// Compiled `pattern`s, shared: each is compiled once however many values are checked against it.
/// Schema patterns are Go (RE2) syntax; those NSRegularExpression cannot compile are skipped.
package final class RegexCache: @unchecked Sendable {
    package static let shared = RegexCache()
    private let lock = NSLock()
    private var cache: [String: NSRegularExpression?] = [:]

    package func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[pattern] { return cached }
        let regex = try? NSRegularExpression(pattern: pattern)
        cache[pattern] = regex
        return regex
    }
}

import KamajiDiagnostics
import KamajiYAML

/// One `x-kubernetes-validations` entry of a schema node, compiled once when its schema is built.
package struct CELRule: Sendable {
    package let rule: String
    package let message: String?
    /// The compiled rule, or why this evaluator cannot run it.
    package let program: Result<CELProgram, CELSyntaxError>
    /// A rule that compares with the stored object (`oldSelf`): only an update can evaluate it.
    package let isTransitionRule: Bool

    package init(rule: String, message: String?) {
        self.rule = rule
        self.message = message
        do {
            let program = try CELProgram(rule, variables: ["self", "oldSelf"])
            self.program = .success(program)
            isTransitionRule = program.expression.references("oldSelf")
        } catch {
            program = .failure(error)
            isTransitionRule = false
        }
    }

    /// What the API server says when the rule does not hold.
    package var failureMessage: String { message ?? "failed rule: \(rule)" }

    /// Why the rule refuses a value: its message when it gives false, what went wrong when it gives
    /// no bool or cannot be evaluated (an absent field it reads); nil when it holds.
    package func failure(of program: CELProgram, _ variables: [String: CELValue]) -> String? {
        do {
            switch try program.evaluate(variables) {
            case .bool(true): return nil
            case .bool(false): return failureMessage
            case let result: return "the rule gives a \(result.typeName), not a bool (rule: \(rule))"
            }
        } catch {
            return "\(error) evaluating rule: \(rule)"
        }
    }
}

/// How the CEL rules on an object's values fared.
public struct CELRuleCounts: Equatable, Sendable {
    /// Rules evaluated (each node a rule applies to counts once).
    public var checked = 0
    /// Rules on objects the schema already rejects: the API server does not evaluate them either.
    public var skipped = 0
    /// Transition rules (`oldSelf`): they need the stored object, which `validate` does not have.
    public var notApplicable = 0
    /// Rules this evaluator cannot run; each is also a warning that names it.
    public var notChecked = 0

    public var total: Int { checked + skipped + notApplicable + notChecked }

    package mutating func add(_ other: CELRuleCounts) {
        checked += other.checked
        skipped += other.skipped
        notApplicable += other.notApplicable
        notChecked += other.notChecked
    }
}

/// Evaluates the CEL rules of a schema over a (normalised) value as the API server does: each rule
/// with `self` bound to the value at its node, for every node the value has (absent and null
/// fields have none). Unknown fields are not visited: the API server prunes them.
package struct CELRuleChecker {
    package let definitions: SchemaDefinitions
    /// False when the object has schema errors the API server treats as blocking: then it
    /// evaluates no rule, and the rules are counted as skipped.
    package let evaluates: Bool
    package private(set) var findings: [SchemaValidator.Finding] = []
    package private(set) var warnings: [SchemaValidator.Finding] = []
    package private(set) var counts = CELRuleCounts()

    /// Schema errors after which the API server evaluates no CEL rule on the object
    /// (`hasBlockingErr` in apiextensions-apiserver): wrong types, missing required fields, values
    /// outside an enum, and sizes over a maximum, which would make evaluation costs unbounded.
    package static let blockingRules: Set<String> = ["type", "int-or-string", "required", "enum", "maxLength", "maxItems", "maxProperties"]

    package init(definitions: SchemaDefinitions, evaluates: Bool) {
        self.definitions = definitions
        self.evaluates = evaluates
    }

    private func resolve(_ schema: Schema) -> Schema {
        SchemaValidator(definitions: definitions).resolve(schema)
    }

    package mutating func check(_ value: YAMLValue, _ schema: Schema, path: FieldPath) {
        if value.isNull { return }
        let schema = resolve(schema)
        if !schema.celRules.isEmpty { evaluate(schema.celRules, on: value, schema, path) }
        switch value {
        case .mapping(let mapping):
            for entry in mapping.entries {
                if let property = schema.properties[entry.key] {
                    check(entry.value, property, path: path.key(entry.key))
                } else if case .schema(let additional) = schema.additionalProperties {
                    check(entry.value, additional, path: path.key(entry.key))
                }
            }
        case .sequence(let items):
            guard let itemSchema = schema.items else { return }
            for (index, item) in items.enumerated() { check(item, itemSchema, path: path.index(index)) }
        default:
            break
        }
    }

    private mutating func evaluate(_ rules: [CELRule], on value: YAMLValue, _ schema: Schema, _ path: FieldPath) {
        let converted = evaluates ? CELValue(value, schema: schema, resolve: resolve) : .null
        for rule in rules {
            if rule.isTransitionRule {
                counts.notApplicable += 1
                continue
            }
            let program: CELProgram
            switch rule.program {
            case .failure(let error):
                counts.notChecked += 1
                warnings.append(.init(path: path, rule: "cel", message: "CEL rule not checked (\(error)): \(rule.rule)"))
                continue
            case .success(let compiled):
                program = compiled
            }
            guard evaluates else {
                counts.skipped += 1
                continue
            }
            counts.checked += 1
            if let failure = rule.failure(of: program, ["self": converted]) {
                findings.append(.init(path: path, rule: "cel", message: failure))
            }
        }
    }
}

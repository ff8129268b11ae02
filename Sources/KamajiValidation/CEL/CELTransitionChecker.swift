import KamajiDiagnostics
import KamajiYAML

/// Evaluates the transition rules (`oldSelf`) of a schema on an update, as the API server does
/// (apiextensions-apiserver's CEL validator): each rule with `self` bound to the new value and
/// `oldSelf` to the old value at its node, and only at nodes where both exist. Old and new are
/// paired field by field (properties and `additionalProperties` maps by key) and, in lists of
/// `x-kubernetes-list-type: map`, item by item through the list's keys; the items of other lists
/// have no old value, so no transition rule under them is evaluated. Both values are expected
/// normalised (`SchemaValidator.normalised`), as the API server holds them.
package struct CELTransitionChecker {
    /// A transition rule that does not hold (or cannot be evaluated) at a node.
    package struct Finding: Equatable, Sendable {
        /// As `kubectl` prints paths (`spec.network.loadBalancerConfig`); empty for the object.
        package let path: String
        /// The rule's text.
        package let rule: String
        /// The rule's message when it gives false, or what went wrong evaluating it.
        package let message: String
    }

    package let definitions: SchemaDefinitions
    package private(set) var findings: [Finding] = []
    /// Transition rules evaluated (each node a rule applies to counts once).
    package private(set) var checked = 0

    package init(definitions: SchemaDefinitions) {
        self.definitions = definitions
    }

    private func resolve(_ schema: Schema) -> Schema {
        SchemaValidator(definitions: definitions).resolve(schema)
    }

    package mutating func check(old: YAMLValue, new: YAMLValue, _ schema: Schema, path: FieldPath) {
        if old.isNull || new.isNull { return }
        let schema = resolve(schema)
        evaluate(schema.celRules.filter(\.isTransitionRule), old: old, new: new, schema, path)
        switch (old, new) {
        case (.mapping(let before), .mapping(let after)):
            for entry in after.entries {
                guard let previous = before[entry.key] else { continue }
                if let property = schema.properties[entry.key] {
                    check(old: previous, new: entry.value, property, path: path.key(entry.key))
                } else if case .schema(let additional) = schema.additionalProperties {
                    check(old: previous, new: entry.value, additional, path: path.key(entry.key))
                }
            }
        case (.sequence(let before), .sequence(let after)):
            guard let itemSchema = schema.items, schema.listType == "map", !schema.listMapKeys.isEmpty else { return }
            func key(_ item: YAMLValue) -> [YAMLValue?] { schema.listMapKeys.map { item.mapping?[$0] } }
            for (index, item) in after.enumerated() {
                let itemKey = key(item)
                guard let previous = before.first(where: { key($0) == itemKey }) else { continue }
                check(old: previous, new: item, itemSchema, path: path.index(index))
            }
        default:
            break
        }
    }

    private mutating func evaluate(_ rules: [CELRule], old: YAMLValue, new: YAMLValue, _ schema: Schema, _ path: FieldPath) {
        guard !rules.isEmpty else { return }
        let variables = [
            "self": CELValue(new, schema: schema, resolve: resolve),
            "oldSelf": CELValue(old, schema: schema, resolve: resolve),
        ]
        for rule in rules {
            // A rule that does not compile is never a transition rule: `validate` warns about it.
            guard case .success(let program) = rule.program else { continue }
            checked += 1
            if let failure = rule.failure(of: program, variables) {
                findings.append(Finding(path: path.description, rule: rule.rule, message: failure))
            }
        }
    }
}

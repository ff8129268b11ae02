import KamajiDiagnostics
import KamajiYAML

/// A parsed CEL expression: the syntax of the CEL language definition
/// (github.com/google/cel-spec, doc/langdef.md) without message construction, with the macros
/// `has`, `all`, `exists`, `exists_one`, `filter` and `map` expanded at parse time.
package indirect enum CELExpression: Sendable {
    case literal(CELValue)
    case identifier(String)
    /// `operand.field`
    case select(CELExpression, field: String)
    /// `has(operand.field)`: whether the field is present.
    case presence(CELExpression, field: String)
    /// `operand[index]`
    case index(CELExpression, CELExpression)
    /// `function(arguments)` or `target.function(arguments)`.
    case call(String, target: CELExpression?, arguments: [CELExpression])
    case list([CELExpression])
    case map([CELMapEntry])
    case not(CELExpression)
    case negate(CELExpression)
    case binary(CELBinaryOperator, CELExpression, CELExpression)
    case and(CELExpression, CELExpression)
    case or(CELExpression, CELExpression)
    case conditional(CELExpression, then: CELExpression, else: CELExpression)
    /// `range.macro(variable, body)`; `range.map(variable, filter, body)` has a filter.
    case comprehension(CELMacro, range: CELExpression, variable: String, body: CELExpression, filter: CELExpression?)

    /// Whether the expression reads `name` as a variable (not as a macro's own variable).
    package func references(_ name: String) -> Bool {
        switch self {
        case .literal: return false
        case .identifier(let identifier): return identifier == name
        case .select(let operand, _), .presence(let operand, _), .not(let operand), .negate(let operand):
            return operand.references(name)
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.references(name) || b.references(name)
        case .call(_, let target, let arguments):
            return target?.references(name) == true || arguments.contains { $0.references(name) }
        case .list(let items): return items.contains { $0.references(name) }
        case .map(let entries): return entries.contains { $0.key.references(name) || $0.value.references(name) }
        case .conditional(let condition, let then, let otherwise):
            return condition.references(name) || then.references(name) || otherwise.references(name)
        case .comprehension(_, let range, let variable, let body, let filter):
            return range.references(name)
                || (variable != name && (body.references(name) || filter?.references(name) == true))
        }
    }
}

package struct CELMapEntry: Sendable {
    package let key: CELExpression
    package let value: CELExpression
}

package enum CELBinaryOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in` = "in"
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

package enum CELMacro: String, Sendable, CaseIterable {
    case all, exists, existsOne = "exists_one", filter, map
}

/// Why a rule's text is not an expression this evaluator can run: a syntax error, or a variable or
/// function it does not know. Such a rule is reported as not checked, never as passed.
package struct CELSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    package let description: String
}

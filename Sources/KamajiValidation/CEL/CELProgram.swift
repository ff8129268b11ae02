import Foundation
import KamajiDiagnostics
import KamajiYAML

/// A CEL expression checked for what this evaluator can run, and its evaluation with the semantics
/// of the CEL language definition: errors are values that `&&`, `||`, `all` and `exists` absorb when
/// the other side decides the result; equality is heterogeneous across numbers; int and uint
/// arithmetic fails on overflow instead of wrapping.
///
/// Functions: `size`, `matches` (RE2 syntax, run as an NSRegularExpression: the common subset
/// behaves the same), `contains`, `startsWith`, `endsWith`, `dyn`; the macros `has`, `all`, `exists`,
/// `exists_one`, `filter`, `map`. Anything else is refused when the program is built, so a rule
/// that uses it is reported as not checked rather than failing on every object.
package struct CELProgram: Sendable {
    package let expression: CELExpression

    /// Functions by name: the argument counts accepted as a global call and as a method.
    package static let functions: [String: (global: Int?, method: Int?)] = [
        "size": (1, 0),
        "matches": (2, 1),
        "contains": (nil, 1),
        "startsWith": (nil, 1),
        "endsWith": (nil, 1),
        "dyn": (1, nil),
    ]

    /// Parses `text` and checks that every variable is one of `variables` (or a macro's own) and
    /// every function is one it supports, and that literal regular expressions compile.
    package init(_ text: String, variables: Set<String>) throws(CELSyntaxError) {
        expression = try CELParser.parse(text)
        try Self.check(expression, variables)
    }

    private static func check(_ expression: CELExpression, _ scope: Set<String>) throws(CELSyntaxError) {
        switch expression {
        case .literal: break
        case .identifier(let name):
            guard scope.contains(name) else { throw CELSyntaxError(description: "undeclared reference to '\(name)'") }
        case .select(let operand, _), .presence(let operand, _), .not(let operand), .negate(let operand):
            try check(operand, scope)
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            try check(a, scope)
            try check(b, scope)
        case .call(let name, let target, let arguments):
            let arity = functions[name].flatMap { target == nil ? $0.global : $0.method }
            guard arity == arguments.count else {
                let count = "\(arguments.count) argument\(arguments.count == 1 ? "" : "s")"
                throw CELSyntaxError(
                    description: target == nil ? "unsupported function '\(name)' with \(count)" : "unsupported method '.\(name)' with \(count)")
            }
            if let target { try check(target, scope) }
            for argument in arguments { try check(argument, scope) }
            if name == "matches", case .literal(.string(let pattern))? = arguments.last, CELRegex.compile(pattern) == nil {
                throw CELSyntaxError(description: "invalid regular expression '\(pattern)'")
            }
        case .list(let items):
            for item in items { try check(item, scope) }
        case .map(let entries):
            for entry in entries {
                try check(entry.key, scope)
                try check(entry.value, scope)
            }
        case .conditional(let condition, let then, let otherwise):
            try check(condition, scope)
            try check(then, scope)
            try check(otherwise, scope)
        case .comprehension(_, let range, let variable, let body, let filter):
            try check(range, scope)
            let inner = scope.union([variable])
            try check(body, inner)
            if let filter { try check(filter, inner) }
        }
    }

    /// The value of the expression with `variables` bound.
    package func evaluate(_ variables: [String: CELValue]) throws(CELError) -> CELValue {
        try CELEvaluation(variables: variables).evaluate(expression)
    }
}

/// One evaluation: the variables in scope (a macro binds its variable over the outer ones).
private struct CELEvaluation {
    package var variables: [String: CELValue]

    package func evaluate(_ expression: CELExpression) throws(CELError) -> CELValue {
        switch expression {
        case .literal(let value):
            return value
        case .identifier(let name):
            guard let value = variables[name] else { throw CELError("undeclared reference to '\(name)'") }
            return value
        case .select(let operand, let field):
            let value = try evaluate(operand)
            guard case .map(let map) = value else {
                throw CELError("type '\(value.typeName)' does not support field selection")
            }
            guard let field = map[.string(field)] else { throw CELError("no such key: \(field)") }
            return field
        case .presence(let operand, let field):
            let value = try evaluate(operand)
            guard case .map(let map) = value else {
                throw CELError("type '\(value.typeName)' does not support field selection")
            }
            return .bool(map[.string(field)] != nil)
        case .index(let operand, let index):
            return try Self.index(try evaluate(operand), try evaluate(index))
        case .call(let name, let target, let arguments):
            var values: [CELValue] = []
            if let target { values.append(try evaluate(target)) }
            for argument in arguments { values.append(try evaluate(argument)) }
            return try Self.call(name, values)
        case .list(let items):
            var values: [CELValue] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .map(let entries):
            var map = CELMap()
            for entry in entries { try map.insert(try evaluate(entry.key), try evaluate(entry.value)) }
            return .map(map)
        case .not(let operand):
            let value = try evaluate(operand)
            guard case .bool(let bool) = value else { throw Self.noOverload("!_", [value]) }
            return .bool(!bool)
        case .negate(let operand):
            switch try evaluate(operand) {
            case .int(let value):
                guard value != .min else { throw CELError("integer overflow") }
                return .int(-value)
            case .double(let value): return .double(-value)
            case let value: throw Self.noOverload("-_", [value])
            }
        case .binary(let op, let lhs, let rhs):
            return try Self.binary(op, try evaluate(lhs), try evaluate(rhs))
        case .and(let lhs, let rhs):
            return try logical(lhs, rhs, absorbing: false, name: "_&&_")
        case .or(let lhs, let rhs):
            return try logical(lhs, rhs, absorbing: true, name: "_||_")
        case .conditional(let condition, let then, let otherwise):
            switch try evaluate(condition) {
            case .bool(true): return try evaluate(then)
            case .bool(false): return try evaluate(otherwise)
            case let value: throw Self.noOverload("_?_:_", [value])
            }
        case .comprehension(let macro, let range, let variable, let body, let filter):
            return try comprehension(macro, try evaluate(range), variable, body, filter)
        }
    }

    private func attempt(_ expression: CELExpression) -> Result<CELValue, CELError> {
        do {
            return .success(try evaluate(expression))
        } catch {
            return .failure(error)
        }
    }

    /// `&&` (absorbing false) and `||` (absorbing true), commutative over errors as the definition
    /// says: `error || true` is true, `error && false` is false.
    private func logical(_ lhs: CELExpression, _ rhs: CELExpression, absorbing: Bool, name: String) throws(CELError) -> CELValue {
        let left = attempt(lhs)
        if case .success(.bool(absorbing)) = left { return .bool(absorbing) }
        let right = attempt(rhs)
        if case .success(.bool(absorbing)) = right { return .bool(absorbing) }
        switch (left, right) {
        case (.failure(let error), _), (_, .failure(let error)): throw error
        case (.success(.bool), .success(.bool)): return .bool(!absorbing)
        case (.success(let a), .success(let b)): throw Self.noOverload(name, [a, b])
        }
    }

    private func comprehension(
        _ macro: CELMacro, _ range: CELValue, _ variable: String, _ body: CELExpression, _ filter: CELExpression?
    ) throws(CELError) -> CELValue {
        let elements: [CELValue]
        switch range {
        case .list(let items): elements = items
        case .map(let map): elements = map.keys
        default: throw CELError("\(macro.rawValue)() needs a list or a map, found \(range.typeName)")
        }
        var scope = self
        func predicate(_ element: CELValue, _ expression: CELExpression) -> Result<CELValue, CELError> {
            scope.variables[variable] = element
            return scope.attempt(expression)
        }
        func condition(_ element: CELValue, _ expression: CELExpression) throws(CELError) -> Bool {
            switch predicate(element, expression) {
            case .success(.bool(let value)): return value
            case .success(let value): throw Self.noOverload(macro.rawValue, [value])
            case .failure(let error): throw error
            }
        }
        switch macro {
        case .all, .exists:
            // An element that decides the result wins over errors from the others.
            let decisive = macro == .exists
            var firstError: CELError?
            for element in elements {
                switch predicate(element, body) {
                case .success(.bool(decisive)): return .bool(decisive)
                case .success(.bool): continue
                case .success(let value): firstError = firstError ?? Self.noOverload(macro.rawValue, [value])
                case .failure(let error): firstError = firstError ?? error
                }
            }
            if let firstError { throw firstError }
            return .bool(!decisive)
        case .existsOne:
            var count = 0
            for element in elements {
                if try condition(element, body) { count += 1 }
            }
            return .bool(count == 1)
        case .filter:
            var kept: [CELValue] = []
            for element in elements {
                if try condition(element, body) { kept.append(element) }
            }
            return .list(kept)
        case .map:
            var mapped: [CELValue] = []
            for element in elements {
                if let filter, !(try condition(element, filter)) { continue }
                switch predicate(element, body) {
                case .success(let value): mapped.append(value)
                case .failure(let error): throw error
                }
            }
            return .list(mapped)
        }
    }

    package static func noOverload(_ function: String, _ arguments: [CELValue]) -> CELError {
        CELError("no matching overload for '\(function)' applied to (\(arguments.map(\.typeName).joined(separator: ", ")))")
    }

    package static func index(_ operand: CELValue, _ index: CELValue) throws(CELError) -> CELValue {
        switch operand {
        case .list(let items):
            let position: Int64
            switch index {
            case .int(let value): position = value
            case .uint(let value) where value <= UInt64(Int64.max): position = Int64(value)
            case .double(let value) where Int64(exactly: value) != nil: position = Int64(exactly: value)!
            default: throw noOverload("_[_]", [operand, index])
            }
            guard position >= 0, position < items.count else {
                throw CELError("index out of range: \(position)")
            }
            return items[Int(position)]
        case .map(let map):
            switch index {
            case .bool, .int, .uint, .double, .string: break
            default: throw noOverload("_[_]", [operand, index])
            }
            guard let value = map[index] else { throw CELError("no such key: \(describeKey(index))") }
            return value
        default:
            throw noOverload("_[_]", [operand, index])
        }
    }

    private static func describeKey(_ key: CELValue) -> String {
        if case .string(let string) = key { return string }
        if case .int(let int) = key { return "\(int)" }
        if case .uint(let uint) = key { return "\(uint)u" }
        return key.typeName
    }

    package static func call(_ name: String, _ arguments: [CELValue]) throws(CELError) -> CELValue {
        switch (name, arguments.first, arguments.count > 1 ? arguments[1] : nil) {
        case ("dyn", let value?, nil): return value
        case ("size", .string(let string)?, nil): return .int(Int64(string.unicodeScalars.count))
        case ("size", .bytes(let bytes)?, nil): return .int(Int64(bytes.count))
        case ("size", .list(let items)?, nil): return .int(Int64(items.count))
        case ("size", .map(let map)?, nil): return .int(Int64(map.count))
        case ("contains", .string(let string)?, .string(let part)?):
            return .bool(part.isEmpty || string.unicodeScalars.firstRange(of: part.unicodeScalars) != nil)
        case ("startsWith", .string(let string)?, .string(let prefix)?):
            return .bool(string.unicodeScalars.starts(with: prefix.unicodeScalars))
        case ("endsWith", .string(let string)?, .string(let suffix)?):
            return .bool(string.unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed()))
        case ("matches", .string(let string)?, .string(let pattern)?):
            guard let regex = CELRegex.compile(pattern) else {
                throw CELError("invalid regular expression '\(pattern)'")
            }
            return .bool(regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil)
        default:
            throw noOverload(name, arguments)
        }
    }

    package static func binary(_ op: CELBinaryOperator, _ lhs: CELValue, _ rhs: CELValue) throws(CELError) -> CELValue {
        func overflow() -> CELError { CELError("integer overflow") }
        switch op {
        case .equal: return .bool(lhs == rhs)
        case .notEqual: return .bool(!(lhs == rhs))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = compare(lhs, rhs) else {
                // NaN compares false with everything, as IEEE says.
                if case .double(let a) = lhs, a.isNaN, numeric(rhs) { return .bool(false) }
                if case .double(let b) = rhs, b.isNaN, numeric(lhs) { return .bool(false) }
                throw noOverload("_\(op.rawValue)_", [lhs, rhs])
            }
            switch op {
            case .less: return .bool(order == .orderedAscending)
            case .lessOrEqual: return .bool(order != .orderedDescending)
            case .greater: return .bool(order == .orderedDescending)
            default: return .bool(order != .orderedAscending)
            }
        case .in:
            switch rhs {
            case .list(let items): return .bool(items.contains { $0 == lhs })
            case .map(let map): return .bool(map[lhs] != nil)
            default: throw noOverload("@in", [lhs, rhs])
            }
        case .add, .subtract, .multiply, .divide, .remainder:
            switch (lhs, rhs) {
            case (.int(let a), .int(let b)): return .int(try integerArithmetic(op, a, b))
            case (.uint(let a), .uint(let b)): return .uint(try integerArithmetic(op, a, b))
            case (.double(let a), .double(let b)):
                switch op {
                case .add: return .double(a + b)
                case .subtract: return .double(a - b)
                case .multiply: return .double(a * b)
                case .divide: return .double(a / b)
                default: throw noOverload("_%_", [lhs, rhs])
                }
            case (.string(let a), .string(let b)) where op == .add: return .string(a + b)
            case (.bytes(let a), .bytes(let b)) where op == .add: return .bytes(a + b)
            case (.list(let a), .list(let b)) where op == .add: return .list(a + b)
            default: throw noOverload("_\(op.rawValue)_", [lhs, rhs])
            }
        }
    }

    private static func numeric(_ value: CELValue) -> Bool {
        switch value {
        case .int, .uint, .double: return true
        default: return false
        }
    }

    /// The order of two values of an ordered type: numbers by value, strings by code point, bytes
    /// byte by byte, false before true.
    package static func compare(_ lhs: CELValue, _ rhs: CELValue) -> ComparisonResult? {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)):
            return lexicographic(Array(a.unicodeScalars.map(\.value)), Array(b.unicodeScalars.map(\.value)))
        case (.bytes(let a), .bytes(let b)): return lexicographic(a, b)
        case (.bool(let a), .bool(let b)): return a == b ? .orderedSame : a ? .orderedDescending : .orderedAscending
        default: return CELValue.numericOrder(lhs, rhs)
        }
    }

    private static func lexicographic<T: Comparable>(_ a: [T], _ b: [T]) -> ComparisonResult {
        for (x, y) in zip(a, b) where x != y { return x < y ? .orderedAscending : .orderedDescending }
        return a.count == b.count ? .orderedSame : a.count < b.count ? .orderedAscending : .orderedDescending
    }
}

/// Regular expressions for `matches()`, compiled once each. CEL specifies RE2 syntax; RE2's named
/// groups `(?P<name>...)` are rewritten to the `(?<name>...)` NSRegularExpression reads. The other
/// constructs RE2 accepts read the same in both.
package enum CELRegex {
    package static func compile(_ pattern: String) -> NSRegularExpression? {
        RegexCache.shared.regex(pattern.replacingOccurrences(of: "(?P<", with: "(?<"))
    }
}

/// `+ - * / %` of two CEL integers of one kind: overflow and division by zero are errors, as the
/// CEL definition says, for `int` and `uint` alike.
private func integerArithmetic<T: FixedWidthInteger>(_ op: CELBinaryOperator, _ a: T, _ b: T) throws(CELError) -> T {
    let (value, overflowed): (T, Bool)
    switch op {
    case .add: (value, overflowed) = a.addingReportingOverflow(b)
    case .subtract: (value, overflowed) = a.subtractingReportingOverflow(b)
    case .multiply: (value, overflowed) = a.multipliedReportingOverflow(by: b)
    case .divide:
        guard b != 0 else { throw CELError("division by zero") }
        (value, overflowed) = a.dividedReportingOverflow(by: b)
    default:
        guard b != 0 else { throw CELError("modulus by zero") }
        (value, overflowed) = a.remainderReportingOverflow(dividingBy: b)
    }
    guard !overflowed else { throw CELError("integer overflow") }
    return value
}

import Foundation
import KamajiDiagnostics
import KamajiYAML

/// A value as the Common Expression Language sees it: the types of CEL's standard definitions that
/// values of a Kubernetes schema take (no timestamps, durations or protocol buffer messages; an
/// object is a map from field names).
package enum CELValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([CELValue])
    case map(CELMap)

    /// The type's name as CEL writes it, for error messages.
    package var typeName: String {
        switch self {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .list: return "list"
        case .map: return "map"
        }
    }

    /// A value of a Kubernetes object as the API server hands it to CEL: `integer` fields are ints,
    /// `number` fields doubles (even when written `2`), objects and maps are maps.
    package init(_ value: YAMLValue, schema: Schema?, resolve: (Schema) -> Schema) {
        let schema = schema.map(resolve)
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .int(let int):
            self = schema?.type == .number ? .double(Double(int)) : .int(Int64(int))
        case .float(let double):
            if schema?.type == .integer, let int = Int64(exactly: double) {
                self = .int(int)
            } else {
                self = .double(double)
            }
        case .string(let string): self = .string(string)
        case .sequence(let items):
            self = .list(items.map { CELValue($0, schema: schema?.items, resolve: resolve) })
        case .mapping(let mapping):
            var map = CELMap()
            for entry in mapping.entries {
                var field: Schema?
                if let property = schema?.properties[entry.key] {
                    field = property
                } else if case .schema(let additional)? = schema?.additionalProperties {
                    field = additional
                }
                // Keys of a parsed object are unique, so inserting cannot fail.
                try? map.insert(.string(entry.key), CELValue(entry.value, schema: field, resolve: resolve))
            }
            self = .map(map)
        }
    }

    /// CEL's heterogeneous equality: numbers compare by value across int, uint and double; values of
    /// different types are unequal (not an error); lists and maps compare element by element.
    package static func == (lhs: CELValue, rhs: CELValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
        case (.map(let a), .map(let b)):
            return a.count == b.count && a.keys.allSatisfy { key in b[key].map { $0 == a[key]! } ?? false }
        default:
            if let order = CELValue.numericOrder(lhs, rhs) { return order == .orderedSame }
            return false
        }
    }

    /// The order of two numbers of any numeric types, compared by value; nil when either is not a
    /// number or either is NaN.
    package static func numericOrder(_ lhs: CELValue, _ rhs: CELValue) -> ComparisonResult? {
        func order<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult {
            a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
        }
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return order(a, b)
        case (.uint(let a), .uint(let b)): return order(a, b)
        case (.int(let a), .uint(let b)): return a < 0 ? .orderedAscending : order(UInt64(a), b)
        case (.uint(let a), .int(let b)): return b < 0 ? .orderedDescending : order(a, UInt64(b))
        case (.double(let a), .double(let b)):
            return a.isNaN || b.isNaN ? nil : order(a, b)
        case (.double(let a), .int), (.double(let a), .uint):
            return a.isNaN ? nil : doubleOrder(a, rhs)
        case (.int, .double(let b)), (.uint, .double(let b)):
            return b.isNaN ? nil : doubleOrder(b, lhs).map(reversed)
        default: return nil
        }
    }

    /// A double against an integer, exactly: comparing through Double would round large integers.
    private static func doubleOrder(_ double: Double, _ integer: CELValue) -> ComparisonResult? {
        let floor = double.rounded(.down)
        let whole: CELValue
        if floor < -0x1p63 {
            return .orderedAscending
        } else if floor >= 0x1p64 {
            return .orderedDescending
        } else if floor < 0x1p63 {
            whole = .int(Int64(floor))
        } else {
            whole = .uint(UInt64(floor))
        }
        guard let order = numericOrder(whole, integer) else { return nil }
        // The whole part decides unless it is equal; then a fraction makes the double larger.
        if order == .orderedSame && double != floor { return .orderedDescending }
        return order
    }

    private static func reversed(_ order: ComparisonResult) -> ComparisonResult {
        switch order {
        case .orderedAscending: return .orderedDescending
        case .orderedDescending: return .orderedAscending
        case .orderedSame: return .orderedSame
        }
    }
}

/// A CEL map: keys of type bool, int, uint or string, kept in insertion order so that iterating a
/// map (`all`, `exists`, ...) is deterministic. Numeric keys are found by value across int and uint.
package struct CELMap: Sendable {
    package private(set) var keys: [CELValue] = []
    private var values: [Key: CELValue] = [:]

    private enum Key: Hashable {
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case string(String)

        package init?(_ value: CELValue) {
            switch value {
            case .bool(let bool): self = .bool(bool)
            case .int(let int): self = .int(int)
            case .uint(let uint): self = Int64(exactly: uint).map(Key.int) ?? .uint(uint)
            case .double(let double):
                if let int = Int64(exactly: double) {
                    self = .int(int)
                } else if let uint = UInt64(exactly: double) {
                    self = .uint(uint)
                } else {
                    return nil
                }
            case .string(let string): self = .string(string)
            default: return nil
            }
        }
    }

    package var count: Int { keys.count }

    package subscript(key: CELValue) -> CELValue? {
        Key(key).flatMap { values[$0] }
    }

    package static func isValidKey(_ value: CELValue) -> Bool {
        switch value {
        case .bool, .int, .uint, .string: return true
        default: return false
        }
    }

    package mutating func insert(_ key: CELValue, _ value: CELValue) throws(CELError) {
        guard Self.isValidKey(key), let hashed = Key(key) else {
            throw CELError("unsupported key type \(key.typeName) in a map")
        }
        guard values[hashed] == nil else { throw CELError("repeated key in a map literal") }
        keys.append(key)
        values[hashed] = value
    }
}

/// Why an expression could not be evaluated: an absent field, an operator applied to values it has
/// no overload for, an integer overflow, an invalid regular expression. The API server reports such
/// a rule as failed.
package struct CELError: Error, Equatable, Sendable, CustomStringConvertible {
    package let description: String

    package init(_ description: String) {
        self.description = description
    }
}

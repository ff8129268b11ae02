import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// The shape of the values, read from the same `Decodable` types `render` decodes them into, so the
/// JSON Schema (`kamaji-capi schema`) and docs/values.md cannot drift from what the tool accepts.
///
/// `SchemaRecorder` walks `ChartValues.init(from:)` with a decoder that answers every request with a
/// placeholder and notes what was asked: each key, its Swift type and whether it was optional
/// (`decodeIfPresent`) or not (`decode`).
public indirect enum SchemaType: Equatable, Sendable {
    case string
    case integer
    case number
    case boolean
    /// A string that also takes a number or boolean and prints it as text (`ScalarString`).
    case scalarString
    /// A number or a numeric string (`IntOrString`).
    case integerOrString
    /// Anything: passed to the manifest as written (`RawYAML`).
    case any
    case enumeration([String])
    case list(SchemaType)
    case map(SchemaType)
    case object([SchemaProperty])
}

public struct SchemaProperty: Equatable, Sendable {
    public var key: String
    public var type: SchemaType
    /// Declared optional in Swift: may be absent (or null) in the values.
    public var isOptional: Bool
}

/// Implemented by the collections the values use, so the recorder learns their element type.
package protocol SchemaCollection {
    static var elementType: any Decodable.Type { get }
    static var isMap: Bool { get }
    static var empty: Self { get }
}

extension Array: SchemaCollection where Element: Decodable {
    package static var elementType: any Decodable.Type { Element.self }
    package static var isMap: Bool { false }
    package static var empty: [Element] { [] }
}

extension Dictionary: SchemaCollection where Key == String, Value: Decodable {
    package static var elementType: any Decodable.Type { Value.self }
    package static var isMap: Bool { true }
    package static var empty: [String: Value] { [:] }
}

package enum SchemaRecorder {
    /// The schema of `type` and a placeholder value of it.
    package static func describe<T: Decodable>(_ type: T.Type) -> (SchemaType, T) {
        switch type {
        case is String.Type: return (.string, "" as! T)
        case is SecretString.Type: return (.string, SecretString("") as! T)
        case is Int.Type: return (.integer, 0 as! T)
        case is Double.Type: return (.number, 0.0 as! T)
        case is Bool.Type: return (.boolean, false as! T)
        case is ScalarString.Type: return (.scalarString, ScalarString("") as! T)
        case is IntOrString.Type: return (.integerOrString, IntOrString(0) as! T)
        case is TemplateText.Type: return (.scalarString, TemplateText("") as! T)
        case is TemplateNumber.Type: return (.integerOrString, TemplateNumber(0) as! T)
        case is RawYAML.Type: return (.any, RawYAML(.null) as! T)
        case is RawYAMLMap.Type: return (.map(.any), RawYAMLMap(.null) as! T)
        default: break
        }
        if let collection = type as? any SchemaCollection.Type {
            let element = describe(collection.elementType).0
            return (collection.isMap ? .map(element) : .list(element), collection.empty as! T)
        }
        if let enumeration = type as? any (CaseIterable & RawRepresentable).Type,
            let (cases, first) = enumCases(enumeration)
        {
            return (.enumeration(cases), first as! T)
        }
        let properties = PropertyList()
        // Only this file's decoder reaches the initializer, and it never throws.
        let value = try! T(from: SchemaDecoder(properties: properties))
        return (.object(properties.items), value)
    }

    package static func enumCases<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> ([String], E)? {
        let cases = Array(E.allCases)
        guard let first = cases.first else { return nil }
        return (cases.map { "\($0.rawValue)" }, first)
    }

    package final class PropertyList {
        package var items: [SchemaProperty] = []
    }

    package struct SchemaDecoder: Decoder {
        package let properties: PropertyList
        package var codingPath: [CodingKey] { [] }
        package var userInfo: [CodingUserInfoKey: Any] { [:] }

        package func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Keyed<Key>(properties: properties))
        }

        package func unkeyedContainer() throws -> UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "lists are described by their type"))
        }

        package func singleValueContainer() throws -> SingleValueDecodingContainer {
            throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "values are described by their type"))
        }
    }

    package struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        package let properties: PropertyList
        package var codingPath: [CodingKey] { [] }
        package var allKeys: [Key] { [] }

        package func contains(_ key: Key) -> Bool { false }
        package func decodeNil(forKey key: Key) throws -> Bool { true }

        package func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let (schema, value) = describe(type)
            properties.items.append(SchemaProperty(key: key.stringValue, type: schema, isOptional: false))
            return value
        }

        package func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            properties.items.append(SchemaProperty(key: key.stringValue, type: describe(type).0, isOptional: true))
            return nil
        }

        // The standard library's own versions of these would ask `contains` and never reach the one above.
        package func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(Optional<String>.self, key) }
        package func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(Optional<Int>.self, key) }
        package func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(Optional<Bool>.self, key) }
        package func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(Optional<Double>.self, key) }

        private func decodeIfPresent<T: Decodable>(_ type: Optional<T>.Type, _ key: Key) throws -> T? {
            try decodeIfPresent(T.self, forKey: key)
        }

        package func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "not used by the values types"))
        }

        package func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "not used by the values types"))
        }

        package func superDecoder() throws -> Decoder { SchemaDecoder(properties: properties) }
        package func superDecoder(forKey key: Key) throws -> Decoder { SchemaDecoder(properties: properties) }
    }
}

/// One documented key: its path (`nodePools[].template`), type, default and description.
public struct ValuesKey: Equatable, Sendable {
    public var path: String
    public var type: SchemaType
    public var isOptional: Bool
    /// Required in the values: not optional, and no default provides it (list items get none).
    public var isRequired: Bool
    public var defaultValue: YAMLValue?
    /// Inside a list item, where the default shown is the default pool's.
    public var isListItem: Bool
    public var description: String?
}

/// The values reference: the schema recorded from `ChartValues`, with descriptions (`# --` comments)
/// and defaults from values/values.yaml.
public enum ValuesReference {
    public static let root: SchemaType = SchemaRecorder.describe(ChartValues.self).0
    /// Chart capi-kamaji-proxmox's, from `ProxmoxChartValues` and values/proxmox-values.yaml.
    public static let proxmoxRoot: SchemaType = SchemaRecorder.describe(ProxmoxChartValues.self).0

    /// Every key, depth first, in declaration order.
    public static let keys: [ValuesKey] = keys(root: root, defaultsYAML: DefaultValues.yaml)
    public static let proxmoxKeys: [ValuesKey] = keys(root: proxmoxRoot, defaultsYAML: ProxmoxDefaultValues.yaml)

    public static func root(_ chart: ChartName) -> SchemaType { chart == .proxmox ? proxmoxRoot : root }
    public static func keys(_ chart: ChartName) -> [ValuesKey] { chart == .proxmox ? proxmoxKeys : keys }

    package static func keys(root: SchemaType, defaultsYAML: String) -> [ValuesKey] {
        let descriptions = ValuesComments.descriptions(defaultsYAML)
        let defaults = (try? YAMLText.document(defaultsYAML, file: "values.yaml")) ?? .null
        var keys: [ValuesKey] = []
        func walk(_ type: SchemaType, path: String, defaults: YAMLValue?, inList: Bool) {
            guard case .object(let properties) = type else { return }
            for property in properties {
                let child = path.isEmpty ? property.key : "\(path).\(property.key)"
                let value = defaults?.mapping?[property.key]
                keys.append(ValuesKey(
                    path: child, type: property.type, isOptional: property.isOptional,
                    isRequired: !property.isOptional && (inList || value == nil), defaultValue: value,
                    isListItem: inList, description: descriptions[child]))
                switch property.type {
                case .object: walk(property.type, path: child, defaults: value, inList: inList)
                case .list(let element), .map(let element):
                    // The first item of a default list stands for all (the default pool).
                    let isMap = if case .map = property.type { true } else { false }
                    let first = isMap ? nil : value?.sequence?.first
                    walk(element, path: child + (isMap ? ".*" : "[]"), defaults: first, inList: true)
                default: break
                }
            }
        }
        walk(root, path: "", defaults: defaults, inList: false)
        return keys
    }
}

/// Reads helm-docs comments (`# -- text` above a key) from values/values.yaml, including those of
/// keys that are commented out there (optional keys shown as examples).
package enum ValuesComments {
    package static func descriptions(_ text: String) -> [String: String] {
        var descriptions: [String: String] = [:]
        var stack: [(indent: Int, path: String)] = []
        var pending: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            // A commented-out key or description: read it as if it were not commented out.
            if !isKey(line) && !isDescription(line), let hash = line.firstIndex(of: "#") {
                let prefix = line[..<hash]
                guard prefix.allSatisfy({ $0 == " " }) else { continue }
                var rest = line[line.index(after: hash)...]
                if rest.hasPrefix(" ") { rest = rest.dropFirst() }
                line = String(prefix + rest)
            }
            if isDescription(line) {
                pending = line.trimmingCharacters(in: .whitespaces).dropFirst(4).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard isKey(line) else {
                // A comment line right below a description continues it.
                let text = line.trimmingCharacters(in: .whitespaces)
                if let description = pending, rawLine.contains("#"), !text.isEmpty { pending = description + " " + text }
                continue
            }
            var indent = line.prefix { $0 == " " }.count
            var content = line.dropFirst(indent)
            if content.hasPrefix("- ") {
                content = content.dropFirst(2)
                while stack.last.map({ $0.indent >= indent }) == true { stack.removeLast() }
                stack.append((indent, (stack.last?.path ?? "") + "[]"))
                indent += 2
            }
            while stack.last.map({ $0.indent >= indent }) == true { stack.removeLast() }
            let key = String(content.prefix { $0 != ":" })
            let parent = stack.last?.path ?? ""
            let path = parent.isEmpty ? key : parent + "." + key
            stack.append((indent, path))
            if let description = pending, descriptions[path] == nil { descriptions[path] = description }
            pending = nil
        }
        return descriptions
    }

    package static func isDescription(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces).hasPrefix("# -- ")
    }

    /// `key:` or `key: value` or `- key: value`, with an identifier-like key.
    package static func isKey(_ line: String) -> Bool {
        var content = line.drop { $0 == " " }
        if content.hasPrefix("- ") { content = content.dropFirst(2) }
        guard let first = content.first, first.isLetter else { return false }
        let key = content.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
        let after = content.dropFirst(key.count)
        return after == ":" || after.hasPrefix(": ")
    }
}

import Foundation

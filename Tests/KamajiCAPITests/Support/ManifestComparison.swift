import Foundation
@testable import KamajiCAPI

/// The conformance README's "equivalent": same objects keyed by apiVersion, kind, namespace and name,
/// equal bodies after dropping null map entries; key order and formatting do not matter, types do.
enum ManifestComparison {
    struct ObjectKey: Hashable, Comparable, CustomStringConvertible {
        var apiVersion, kind, namespace, name: String
        var description: String { "\(kind)/\(name) (\(apiVersion), ns \(namespace))" }
        static func < (a: Self, b: Self) -> Bool { a.description < b.description }
    }

    static func objects(_ stream: String) throws -> [ObjectKey: YAMLValue] {
        var result: [ObjectKey: YAMLValue] = [:]
        for document in try parseStream(stream) {
            let object = document.droppingNulls()
            guard object.mapping != nil else { continue }
            let key = ObjectKey(
                apiVersion: object["apiVersion"]?.string ?? "", kind: object["kind"]?.string ?? "",
                namespace: object["metadata", "namespace"]?.string ?? "", name: object["metadata", "name"]?.string ?? "")
            result[key] = object
        }
        return result
    }

    /// Every difference, one line each; empty when the streams are equivalent.
    static func differences(expected: String, actual: String) throws -> [String] {
        let expectedObjects = try objects(expected)
        let actualObjects = try objects(actual)
        var lines: [String] = []
        for key in Set(expectedObjects.keys).union(actualObjects.keys).sorted() {
            switch (expectedObjects[key], actualObjects[key]) {
            case (nil, _): lines.append("unexpected object \(key)")
            case (_, nil): lines.append("missing object \(key)")
            case let (e?, a?):
                var paths: [String] = []
                diff(e, a, path: "", into: &paths)
                lines += paths.map { "\(key) \($0)" }
            }
        }
        return lines
    }

    static func diff(_ expected: YAMLValue, _ actual: YAMLValue, path: String, into lines: inout [String]) {
        switch (expected, actual) {
        case let (.mapping(e), .mapping(a)):
            for key in Set(e.keys).union(a.keys).sorted() {
                switch (e[key], a[key]) {
                case let (ev?, av?): diff(ev, av, path: "\(path).\(key)", into: &lines)
                case let (ev?, nil): lines.append("\(path).\(key): missing, expected \(ev)")
                case let (nil, av?): lines.append("\(path).\(key): unexpected \(av)")
                default: break
                }
            }
        case let (.sequence(e), .sequence(a)) where e.count == a.count:
            for (index, pair) in zip(e, a).enumerated() { diff(pair.0, pair.1, path: "\(path)[\(index)]", into: &lines) }
        default:
            if expected != actual { lines.append("\(path): expected \(expected), got \(actual)") }
        }
    }

    static func parseStream(_ text: String) throws -> [YAMLValue] {
        try text.components(separatedBy: "\n---").map { try PendingReader.parse($0) }
    }
}

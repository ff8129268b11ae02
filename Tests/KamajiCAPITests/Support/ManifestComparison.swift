import Foundation
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The conformance README's "equivalent": same objects keyed by apiVersion, kind, namespace and name,
/// equal bodies after dropping null map entries; key order and formatting do not matter, types do.
enum ManifestComparison {
    struct ObjectKey: Hashable, Comparable, CustomStringConvertible {
        var apiVersion, kind, namespace, name: String
        var description: String { "\(kind)/\(name) (\(apiVersion), ns \(namespace))" }
        static func < (a: Self, b: Self) -> Bool { a.description < b.description }
    }

    /// `plain` compares ConfigMap payloads as text; `embedded` parses each ConfigMap `data` value as
    /// a YAML stream, as a ClusterResourceSet applies it (`semdiff.py --embedded`), so only the
    /// manifests inside count, not their layout.
    enum Mode { case plain, embedded }

    static func objects(_ stream: String, mode: Mode = .plain) throws -> [ObjectKey: YAMLValue] {
        try objects(documents: try parseStream(stream), mode: mode)
    }

    /// Objects already held as trees (a builder's output), keyed and normalised like a parsed stream.
    static func objects(documents: [YAMLValue], mode: Mode = .plain) throws -> [ObjectKey: YAMLValue] {
        var result: [ObjectKey: YAMLValue] = [:]
        for document in documents {
            var object = document.droppingNulls()
            guard object.mapping != nil else { continue }
            if mode == .embedded { object = try parsingEmbeddedManifests(object) }
            result[key(of: object)] = object
        }
        return result
    }

    static func key(of object: YAMLValue) -> ObjectKey {
        ObjectKey(
            apiVersion: object["apiVersion"]?.string ?? "", kind: object["kind"]?.string ?? "",
            namespace: object["metadata", "namespace"]?.string ?? "", name: object["metadata", "name"]?.string ?? "")
    }

    /// A ConfigMap with each `data` string that holds a stream of YAML maps replaced by the list of
    /// those maps (nulls dropped); other objects and plain-text values unchanged.
    static func parsingEmbeddedManifests(_ object: YAMLValue) throws -> YAMLValue {
        guard object["kind"] == "ConfigMap", var body = object.mapping, let data = body["data"]?.mapping else {
            return object
        }
        var parsed = YAMLMapping()
        for entry in data.entries {
            guard case .string(let text) = entry.value,
                let documents = try? parseStream(text).filter({ !$0.isNull }),
                !documents.isEmpty, documents.allSatisfy({ $0.mapping != nil })
            else {
                parsed[entry.key] = entry.value
                continue
            }
            parsed[entry.key] = .sequence(documents.map { $0.droppingNulls() })
        }
        body["data"] = .mapping(parsed)
        return .mapping(body)
    }

    /// Every difference, one line each; empty when the streams are equivalent.
    static func differences(expected: String, actual: String, mode: Mode = .plain) throws -> [String] {
        differences(expected: try objects(expected, mode: mode), actual: try objects(actual, mode: mode))
    }

    static func differences(expected expectedObjects: [ObjectKey: YAMLValue], actual actualObjects: [ObjectKey: YAMLValue])
        -> [String]
    {
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

    /// The documents of a stream. Each keeps its final line break, which splitting at `\n---` would
    /// take away from a literal block (`|`) that ends the document.
    static func parseStream(_ text: String) throws -> [YAMLValue] {
        try YAMLReader.documents(text, file: "stream").map(\.value)
    }
}

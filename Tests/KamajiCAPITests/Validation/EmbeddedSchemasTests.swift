import Foundation
import Testing
@testable import KamajiCAPI

/// The schemas compiled into the binary are exactly those under schemas/ (scripts/embed-schemas.py),
/// and each one is usable: it parses, its references resolve, its patterns compile.
@Suite struct EmbeddedSchemasTests {
    static let schemasRoot = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas")

    /// The digest scripts/embed-schemas.py writes: SHA-256 over `path NUL bytes NUL` of every file
    /// under schemas/ but the README, in path order.
    static func inputDigest() throws -> String {
        let root = schemasRoot.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue && path != "README.md" { paths.append(path) }
        }
        var bytes: [UInt8] = []
        for path in paths.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            bytes += Array(path.utf8) + [0]
            bytes += Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
            bytes.append(0)
        }
        return TemplateName.sha256Hex(bytes)
    }

    @Test func generatedFileMatchesTheSchemasFolder() throws {
        #expect(
            try Self.inputDigest() == EmbeddedSchemas.inputDigest,
            "schemas/ changed: run scripts/embed-schemas.py")
    }

    @Test func everyIndexedKindIsEmbedded() throws {
        let index = try JSONReader.parse(
            String(contentsOf: Self.schemasRoot.appendingPathComponent("index.json"), encoding: .utf8))
        #expect(index.mapping?.keys.sorted() == SchemaCatalog.kinds)
    }

    @Test func everyKindTheToolRendersHasASchema() throws {
        let objects = try Rendering.objects(
            """
            cluster: {metrics: {enabled: true}}
            cni: {provider: cilium}
            vSphere: {secret: {create: true}, username: u, password: p}
            vSphereCloudControllerManager: {secret: {create: true}}
            vSphereStorageControllerManager:
              enabled: true
              secret: {create: true}
              username: c
              password: q
              storageClass: {enabled: true, name: gold}
            """)
        for object in objects {
            #expect(
                SchemaCatalog.shared.schema(apiVersion: object.apiVersion, kind: object.kind) != nil,
                "\(object.apiVersion) \(object.kind)")
        }
    }

    @Test(arguments: SchemaCatalog.kinds)
    func schemaParsesAndItsReferencesAndPatternsWork(kind: String) throws {
        let parts = kind.split(separator: " ").map(String.init)
        let schema = try #require(SchemaCatalog.shared.schema(apiVersion: parts[0], kind: parts[1]))
        var unresolved: [String] = []
        var badPatterns: [String] = []
        var visited = Set<ObjectIdentifier>()
        func walk(_ node: Schema) {
            guard visited.insert(ObjectIdentifier(node)).inserted else { return }
            if let name = node.reference {
                if let target = SchemaCatalog.definitions[name] { walk(target) } else { unresolved.append(name) }
            }
            if let pattern = node.pattern, RegexCache.shared.regex(pattern) == nil { badPatterns.append(pattern) }
            node.properties.values.forEach(walk)
            if case .schema(let additional) = node.additionalProperties { walk(additional) }
            node.items.map(walk)
            (node.anyOf + node.allOf + node.oneOf).forEach(walk)
            node.not.map(walk)
        }
        walk(schema)
        walk(SchemaCatalog.objectMeta)
        #expect(unresolved.isEmpty)
        #expect(badPatterns.isEmpty)
    }
}

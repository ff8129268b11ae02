import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

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

    /// The Kubernetes 1.32 the project renders for and the newest in kubernetes-validate's data.
    @Test func kubernetesVersionsCompiledIn() {
        #expect(SchemaCatalog.versions == ["1.32.0", "1.37.0"])
        #expect(EmbeddedSchemas.kubernetesVersion == "1.32.0")
        for spelling in ["1.37", "1.37.0", "v1.37.0"] {
            #expect(SchemaCatalog.forKubernetes(spelling)?.kubernetes.version == "1.37.0")
        }
        #expect(SchemaCatalog.forKubernetes("1.32") === SchemaCatalog.shared)
        #expect(SchemaCatalog.forKubernetes("1.30") == nil)
    }

    @Test func everyIndexedKindIsEmbedded() throws {
        let index = try JSONReader.parse(
            String(contentsOf: Self.schemasRoot.appendingPathComponent("index.json"), encoding: .utf8))
        #expect(index.mapping?.keys.sorted() == SchemaCatalog.shared.kinds)
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

    /// `Kubernetes-version apiVersion Kind` of every kind of every Kubernetes version compiled in.
    static let everyVersionsKinds = SchemaCatalog.versions.flatMap { version in
        SchemaCatalog.forKubernetes(version)!.kinds.map { "\(version) \($0)" }
    }

    @Test(arguments: everyVersionsKinds)
    func schemaParsesAndItsReferencesAndPatternsWork(kind: String) throws {
        let parts = kind.split(separator: " ").map(String.init)
        let catalog = try #require(SchemaCatalog.forKubernetes(parts[0]))
        let schema = try #require(catalog.schema(apiVersion: parts[1], kind: parts[2]))
        var unresolved: [String] = []
        var badPatterns: [String] = []
        var visited = Set<ObjectIdentifier>()
        func walk(_ node: Schema) {
            guard visited.insert(ObjectIdentifier(node)).inserted else { return }
            if let name = node.reference {
                if let target = catalog.definitions[name] { walk(target) } else { unresolved.append(name) }
            }
            if let pattern = node.pattern, RegexCache.shared.regex(pattern) == nil { badPatterns.append(pattern) }
            node.properties.values.forEach(walk)
            if case .schema(let additional) = node.additionalProperties { walk(additional) }
            node.items.map(walk)
            (node.anyOf + node.allOf + node.oneOf).forEach(walk)
            node.not.map(walk)
        }
        walk(schema)
        walk(catalog.objectMeta)
        #expect(unresolved.isEmpty)
        #expect(badPatterns.isEmpty)
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

@Suite struct OutputTests {
    static let values = try! Fixtures.text("conformance/chart-0.2.9/four-pools/values.yaml")

    @Test func streamIsByteIdenticalAcrossRuns() throws {
        let first = ManifestStream.yaml(try Rendering.objects(Self.values))
        let second = ManifestStream.yaml(try Rendering.objects(Self.values))
        #expect(first == second)
        #expect(first.hasPrefix("---\napiVersion: "))
    }

    @Test func templatesComeBeforeTheirMachineDeployment() throws {
        let objects = try Rendering.objects(Self.values)
        for (index, object) in objects.enumerated() where object.kind == "MachineDeployment" {
            let refs = [object.body["spec", "template", "spec", "infrastructureRef", "name"],
                        object.body["spec", "template", "spec", "bootstrap", "configRef", "name"]].compactMap { $0?.string }
            for name in refs {
                let templateIndex = objects.firstIndex { $0.name == name }
                #expect(templateIndex != nil && templateIndex! < index, "\(name) must precede \(object.name)")
            }
        }
    }

    @Test func documentsStartWithApiVersionKindMetadata() throws {
        for object in try Rendering.objects(Self.values) {
            #expect(Array(object.body.mapping!.keys.prefix(3)) == ["apiVersion", "kind", "metadata"])
        }
    }

    @Test func jsonIsAV1ListOfTheSameObjects() throws {
        let objects = try Rendering.objects(Self.values)
        let json = ManifestStream.json(objects)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(parsed?["apiVersion"] as? String == "v1")
        #expect(parsed?["kind"] as? String == "List")
        let items = parsed?["items"] as? [[String: Any]]
        #expect(items?.count == objects.count)
        #expect(items?.map { $0["kind"] as? String } == objects.map(\.kind))
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSONWriter.write(.string("a\"b\\c\nd\u{01}é")) == #""a\"b\\c\nd\u0001é""#)
    }

    @Test func outputDirectoryHoldsOneFilePerObjectAndAKustomization() throws {
        let objects = try Rendering.objects(Self.values)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kc-out-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let layout = OutputDirectory(objects: objects)
        try layout.write(to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names.count == objects.count + 2, "the objects, kustomization.yaml and the ownership record")
        #expect(names.contains(OutputDirectory.ownershipFileName))
        #expect(names.contains("kustomization.yaml"))
        let kustomization = try String(contentsOf: directory.appendingPathComponent("kustomization.yaml"), encoding: .utf8)
        for file in layout.files.dropLast() { #expect(kustomization.contains("- \(file.name)")) }
        #expect(try layout.plan(for: directory).isUpToDate)
    }

    @Test func rewritingRemovesFilesOfTemplatesNoLongerRendered() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kc-out-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = OutputDirectory(objects: try Rendering.objects(Self.values))
        try before.write(to: directory)
        let after = OutputDirectory(objects: try Rendering.objects(Self.values, sets: []).map { object in
            var object = object
            object.name += "-x"
            return object
        })
        #expect(try !after.plan(for: directory).isUpToDate)
        try after.write(to: directory)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(names == Set(after.files.map(\.name) + [OutputDirectory.ownershipFileName]))
        #expect(try after.plan(for: directory).isUpToDate)
    }

    @Test func secretsAreWrittenOwnerOnly() throws {
        let secret = ManifestObject(apiVersion: "v1", kind: "Secret", name: "s", namespace: "default",
                                    fields: ["stringData": ["password": "p"]])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kc-out-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try OutputDirectory(objects: [secret]).write(to: directory)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("secret-s.yaml").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}

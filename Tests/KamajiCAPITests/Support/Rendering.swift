import Foundation
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Renders values given as YAML text (one file per argument) and returns the objects or the errors.
enum Rendering {
    static func request(_ files: [String], release: String = "test", sets: [SetFlag] = []) -> RenderRequest {
        RenderRequest(
            releaseName: release, namespace: "default",
            valueFiles: files.enumerated().map { ValuesFile(name: "values\($0.offset).yaml", text: $0.element) },
            setFlags: sets, readFile: { path in try String(contentsOfFile: path, encoding: .utf8) })
    }

    static func objects(_ files: String..., release: String = "test", sets: [SetFlag] = []) throws -> [ManifestObject] {
        try RenderPipeline.render(request(files, release: release, sets: sets)).objects
    }

    /// The diagnostics of a render that must fail.
    static func errors(_ files: String..., release: String = "test", sets: [SetFlag] = []) -> [Diagnostic] {
        do {
            _ = try RenderPipeline.render(request(files, release: release, sets: sets))
            return []
        } catch {
            return error.diagnostics
        }
    }

    static func object(_ kind: String, in objects: [ManifestObject], named name: String? = nil) -> YAMLValue? {
        objects.first { $0.kind == kind && (name == nil || $0.name == name) }?.body
    }
}

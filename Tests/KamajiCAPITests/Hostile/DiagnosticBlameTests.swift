import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// A diagnostic names what the user wrote: a misspelled key at the key's line and column, a key
/// set by a flag at that flag, a bad NAME at the argument; the built-in defaults only for a
/// problem in them.
@Suite struct DiagnosticBlameTests {
    static func errors(_ request: RenderRequest) -> [Diagnostic] {
        do {
            return try RenderPipeline.check(request).errors
        } catch {
            return error.diagnostics
        }
    }

    @Test func misspelledKeyIsReportedAtTheKey() throws {
        let values = "cluster:\n  controlPlane:\n    replicaz: 3\nvSphere:\n  servr:\n    a: 1\n"
        let errors = Self.errors(Rendering.request([values]))
        let replicaz = try #require(errors.first { $0.path == "cluster.controlPlane.replicaz" })
        #expect(replicaz.location?.description == "values0.yaml:3:5")
        let servr = try #require(errors.first { $0.path == "vSphere.servr" })
        #expect(servr.location?.description == "values0.yaml:5:3")
    }

    /// A wrong value is still reported at the value.
    @Test func wrongValueIsReportedAtTheValue() throws {
        let errors = Self.errors(Rendering.request(["vSphere:\n  port: four\n"]))
        #expect(errors.first { $0.path == "vSphere.port" }?.location?.description == "values0.yaml:2:9")
    }

    @Test func unknownKeyFromASetFlagIsReportedAtTheFlag() throws {
        let errors = Self.errors(Rendering.request([], sets: SetFlag.numbered(.typed, ["x.y=1"])))
        let unknown = try #require(errors.first { $0.path == "x" })
        #expect(unknown.location?.description == "--set #1 (x.y)")
        #expect(errors.allSatisfy { !($0.location?.file.contains("(built in)") ?? false) })
    }

    @Test func badNameIsReportedAtTheArgument() throws {
        let errors = Self.errors(RenderRequest(releaseName: "Bad_Name"))
        #expect(errors.map(\.rule) == ["KC101"], "KC103 of the default pool follows from the name: \(errors)")
        #expect(errors.first?.location == HelmCommandLine.nameArgument)
    }

    /// `cluster.name` from a file is the file's.
    @Test func badClusterNameInAFileIsReportedInTheFile() throws {
        let errors = Self.errors(Rendering.request(["cluster:\n  name: Bad_Name\n"]))
        #expect(errors.first { $0.rule == "KC101" }?.location?.description == "values0.yaml:2:9")
    }
}

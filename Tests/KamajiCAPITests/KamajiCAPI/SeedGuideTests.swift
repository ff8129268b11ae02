import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Issue 7: each Kamaji guide's manifests (../shared/seeds, copied to Fixtures/seeds/<guide>) are
/// what the guide's example values (examples/<name>.yaml) render, object by object, apart from the
/// normalisations of `SeedComparison` and the differences the guide's `accepted.yaml` lists with
/// their reasons.
@Suite struct SeedGuideTests {
    static let guides = Fixtures.caseFolders("seeds")
    static let examples = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    static func field(_ name: String, in text: String) -> String {
        text.split(separator: "\n").first { $0.hasPrefix("\(name): ") }.map { String($0.dropFirst(name.count + 2)) } ?? ""
    }

    static func render(_ folder: String) throws -> [ManifestObject] {
        let info = try Fixtures.text("\(folder)/case.yaml")
        let example = field("example", in: info)
        let text = try String(contentsOf: examples.appendingPathComponent(example), encoding: .utf8)
        return try RenderPipeline.render(
            RenderRequest(
                releaseName: field("release", in: info), namespace: field("namespace", in: info),
                valueFiles: [ValuesFile(name: "examples/\(example)", text: text)])
        ).objects
    }

    @Test(arguments: guides)
    func exampleRendersTheGuide(folder: String) throws {
        let rendered = try Self.render(folder)
        let differences = try SeedComparison.differences(
            guide: try Fixtures.text("\(folder)/expected.yaml"), rendered: rendered)
        let accepted = try SeedComparison.accepted(try Fixtures.text("\(folder)/accepted.yaml"))
        let unexplained = differences.filter { difference in !accepted.contains { $0.covers(difference) } }
        #expect(unexplained.isEmpty, "\(folder): not in accepted.yaml:\n\(unexplained.map(\.description).joined(separator: "\n"))")
        let stale = accepted.filter { entry in !differences.contains { entry.covers($0) } }
        #expect(stale.isEmpty, "\(folder): accepted.yaml lists what no longer differs: \(stale.map { "\($0.object) \($0.path)" })")
    }

    @Test func everyGuideIsFound() {
        #expect(Self.guides.count == 3)
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Every folder under Fixtures/conformance/chart-0.2.9 (Helm's own output, from ../shared) and
/// Fixtures/cases (more values files rendered by Helm through scripts/reference-chart) must render
/// equivalent to Helm, names and hash suffixes included.
@Suite struct ChartConformanceTests {
    static let cases = Fixtures.caseFolders("conformance/chart-0.2.9") + Fixtures.caseFolders("cases")

    @Test(arguments: cases)
    func rendersWhatHelmRenders(folder: String) throws {
        let chartCase = try ChartCase(folder: folder)
        let rendered = ManifestStream.yaml(try RenderPipeline.render(chartCase.request).objects)
        let differences = try ManifestComparison.differences(expected: chartCase.expectedText, actual: rendered)
        #expect(differences.isEmpty, "\(folder):\n\(differences.joined(separator: "\n"))")
    }

    @Test func everyConformanceCaseIsFound() {
        #expect(Self.cases.filter { $0.hasPrefix("conformance/") }.count == 8)
    }
}

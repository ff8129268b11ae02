import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Files in docs/ generated from the Swift sources; each test fails when its file is stale and says
/// how to regenerate it.
@Suite struct GeneratedDocsTests {
    static let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func committed(_ path: String) -> String? {
        try? String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func checksReferenceIsFresh() {
        #expect(
            Self.committed("docs/checks.md") == CheckReport.rulesMarkdown(),
            "docs/checks.md is stale: run `swift run kamaji-capi check --list-rules > docs/checks.md`")
    }
}

extension GeneratedDocsTests {
    @Test func valuesReferenceIsFresh() {
        #expect(
            Self.committed("docs/values.md") == ValuesReference.markdown(),
            "docs/values.md is stale: run `swift run kamaji-capi schema --markdown > docs/values.md`")
    }

    @Test func valuesSchemaIsFresh() {
        #expect(
            Self.committed("docs/values.schema.json") == ValuesReference.jsonSchema(),
            "docs/values.schema.json is stale: run `swift run kamaji-capi schema > docs/values.schema.json`")
    }
}

import Foundation
import Testing
@testable import KamajiCAPI

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

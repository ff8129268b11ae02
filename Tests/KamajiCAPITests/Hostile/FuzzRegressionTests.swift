import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Inputs the fuzzer (scripts/fuzz.sh) found or that were written to start it, replayed through
/// the same checks the fuzz target makes (`FuzzHarness`). A new crash becomes a file in
/// Fixtures/fuzz-regressions/ and a fix.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = "fuzz-regressions"

    static var inputs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.url(folder).path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }

    @Test("every regression input is handled", arguments: inputs)
    func regression(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.url("\(Self.folder)/\(name)")))
        let violations = FuzzHarness.violations(bytes)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test("there are regression inputs")
    func present() {
        #expect(Self.inputs.count >= 5)
    }

    /// The fuzzer's seeds pass too, so a finding is about a mutation, not a seed.
    @Test("the seed corpus passes the harness")
    func seeds() throws {
        let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("examples").path)
            .map { root.appendingPathComponent("examples/\($0)") }
        let enumerator = FileManager.default.enumerator(at: Fixtures.root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == "values.yaml" { files.append(url) }
        }
        #expect(files.count > 10)
        for file in files {
            let violations = FuzzHarness.violations(try [UInt8](Data(contentsOf: file)))
            #expect(violations.isEmpty, "\(file.lastPathComponent): \(violations.joined(separator: "\n"))")
        }
    }
}

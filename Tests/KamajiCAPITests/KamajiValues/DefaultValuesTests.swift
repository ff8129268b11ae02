import Foundation
import Testing

@testable import KamajiValues

/// The defaults are compiled in (scripts/embed-defaults.sh); the files under `values/` are what
/// users read and edit, so the two must never drift apart.
@Suite struct DefaultValuesTests {
    @Test(arguments: [
        ("values/values.yaml", DefaultValues.yaml),
        ("values/proxmox-values.yaml", ProxmoxDefaultValues.yaml),
    ])
    func compiledInDefaultsAreTheFile(path: String, compiledIn: String) throws {
        let file = GeneratedDocsTests.repository.appendingPathComponent(path)
        #expect(try String(contentsOf: file, encoding: .utf8) == compiledIn + "\n", "\(path) changed: run scripts/embed-defaults.sh")
    }
}

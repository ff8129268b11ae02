import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// KC204: DEL, the C1 controls (NEL among them), U+FFFE and U+FFFF are refused in every value and
/// key that reaches a manifest or a hashed text, at the value's path and without showing the value.
/// Helm renders every other code point, and kamaji-capi renders and hashes them as Helm does: the
/// Helm-rendered case `cases/code-point-edges` (ChartConformanceTests).
@Suite struct UnprintableCharacterTests {
    static let pool = "nodePools:\n- name: p\n  template: t\n  network: net\n"

    static func kc204(_ values: String) -> [Diagnostic] {
        Rendering.errors(values).filter { $0.rule == "KC204" }
    }

    @Test(arguments: [0x7F, 0x80, 0x85, 0x9F, 0xFFFE, 0xFFFF] as [UInt32])
    func refusedInACommand(codePoint: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(codePoint))
        let values = Self.pool + "  preKubeadmCommands:\n  - \"echo a\\U\(String(format: "%08X", codePoint))b\"\n"
        let findings = Self.kc204(values)
        #expect(findings.map(\.path) == ["nodePools[0].preKubeadmCommands[0]"])
        #expect(findings.first?.message.contains(UnprintableCharacter.codePoint(scalar)) == true || codePoint == 0x7F)
    }

    /// Strings the chart quotes, map keys, free-form trees and passwords alike.
    @Test func refusedInEveryKindOfValue() {
        let values = Self.pool + """
              dataStore: "ds\\u0085"
            vSphere:
              password: "secret\\uFFFE"
              username: u
              secret: {create: true}
            cluster:
              controlPlane:
                deployment:
                  affinity:
                    "k\\u009F": v
            """
        let findings = Self.kc204(values)
        #expect(findings.map(\.path).sorted() == [
            "cluster.controlPlane.deployment.affinity.k\u{9F}", "nodePools[0].dataStore", "vSphere.password",
        ])
        let password = findings.first { $0.path == "vSphere.password" }
        #expect(password?.message == "contains the noncharacter U+FFFE")
        #expect(!findings.contains { $0.description.contains("secret") })
    }

    /// The walk keeps its steps and writes a path only for a finding: that path is the one written
    /// step by step, escaped keys and list indexes included, and its first code point is the one named.
    @Test func findingsAtEscapedKeysAndIndexes() throws {
        let text = "a.b:\n  - ok\n  - [x, \"y\\u0085\"]\n\"k[\\x7F]\": {c: \"\\uFFFF\"}\n"
        let tree = try #require(try YAMLReader.documents(text, file: "values.yaml").first?.value)
        let found = UnprintableCharacter.find(in: tree)
        #expect(found.map(\.path) == [
            ValuePath.root / "a.b" / 1 / 1, ValuePath.root / "k[\u{7F}]", ValuePath.root / "k[\u{7F}]" / "c",
        ])
        #expect(found.map(\.scalar.value) == [0x85, 0x7F, 0xFFFF])
    }

    @Test func otherCodePointsPass() {
        let values = Self.pool + "  preKubeadmCommands:\n  - \"echo \\u00A0\\u2028\\uFFFD\\U0001F600\\U0010FFFF\"\n"
        #expect(Self.kc204(values).isEmpty)
        #expect(UnprintableCharacter.firstRefused("é日本🚀\u{7E}\u{A0}\u{FFFD}") == nil)
    }
}

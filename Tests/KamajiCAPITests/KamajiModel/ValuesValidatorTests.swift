import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Deliberate deviation 7: values the chart passes through and the API server would reject are
/// refused, each with an error naming the value.
@Suite struct ValuesValidatorTests {
    static func pool(_ extra: String = "", name: String = "a") -> String {
        """
        nodePools:
        - name: \(name)
          template: t
          network: vm-net
        \(extra.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        """
    }

    @Test func emptyCommandIsRefused() {
        let errors = Rendering.errors(Self.pool("preKubeadmCommands:\n- echo ok\n- \"\""))
        #expect(errors.map(\.path) == ["nodePools[0].preKubeadmCommands[1]"])
    }

    @Test func labelValueOver63CharactersIsRefused() {
        let long = String(repeating: "x", count: 64)
        let errors = Rendering.errors("cluster:\n  controlPlane:\n    labels:\n      team: \(long)")
        #expect(errors.first?.path == "cluster.controlPlane.labels.team")
        #expect(errors.first?.message.contains("63") == true)
    }

    @Test func machineDeploymentNameOver63CharactersIsRefused() {
        let errors = Rendering.errors(Self.pool(name: String(repeating: "p", count: 55)), release: "cluster")
        #expect(errors.first?.path == "nodePools[0].name")
        #expect(errors.first?.message.contains("MachineDeployment") == true)
    }

    @Test func missingRequiredPoolFieldIsRefused() {
        let errors = Rendering.errors("nodePools:\n- name: a\n  network: vm-net")
        #expect(errors.map(\.path) == ["nodePools[0].template"])
        #expect(errors.first?.code == .missingValue)
    }

    @Test func duplicatePoolNamesAreRefused() {
        let errors = Rendering.errors("""
            nodePools:
            - {name: a, template: t, network: vm-net}
            - {name: a, template: t, network: vm-net}
            """)
        #expect(errors.map(\.path) == ["nodePools[1].name"])
    }

    @Test func invalidClusterNameIsRefused() {
        #expect(Rendering.errors("{}", release: "My_Cluster").first?.path == "cluster.name")
    }

    @Test func deleteCharacterCannotBeHashed() {
        let errors = Rendering.errors(Self.pool("preKubeadmCommands:\n- \"echo \\x7F\""))
        #expect(errors.first?.message.contains("DEL") == true)
    }

    @Test func missingNameIsAClearError() {
        let errors = Rendering.errors("{}", release: "")
        #expect(errors.first?.path == "cluster.name")
        #expect(errors.first?.hint?.contains("NAME") == true)
    }

    @Test func validValuesPass() throws {
        #expect(try !Rendering.objects(Self.pool("labels: a=b\npreKubeadmCommands: [echo hi]")).isEmpty)
    }

    @Test func kubernetesNameRules() {
        #expect(KubernetesNames.labelValueProblem("abc-1.2_x", requireDNSLabel: false) == nil)
        #expect(KubernetesNames.labelValueProblem("-abc", requireDNSLabel: false) != nil)
        #expect(KubernetesNames.labelValueProblem("ABC", requireDNSLabel: true) != nil)
        #expect(KubernetesNames.qualifiedNameProblem("cluster.x-k8s.io/cluster-name") == nil)
        #expect(KubernetesNames.qualifiedNameProblem("Bad_Prefix/name") != nil)
        #expect(KubernetesNames.qualifiedNameProblem("a/") != nil)
    }

    /// The byte-level checks decide the common case alone, so they must accept exactly the ASCII
    /// texts the Character-level checks accept, and no text with anything else in it.
    @Test(arguments: [
        "a", "a/b", "example.com/x", "Example.com/x", "a.b-c/d_e.f", "/x", "a/", "-a/b", "a./b", "a..b/c", "x/y/z",
        "a/-b", "a/b-", "a/b.c", "a/B_c", String(repeating: "a", count: 63), String(repeating: "a", count: 64),
        String(repeating: "a.", count: 126) + "a/b", String(repeating: "a.", count: 127) + "a/b", "ä/b", "a/ä",
        "a/b\u{301}", "a\r\n/b", "",
    ])
    func byteChecksAgreeWithCharacterChecks(key: String) {
        let ascii = key.utf8.allSatisfy { $0 < 0x80 }
        #expect(KubernetesNames.isValidQualifiedNameASCII(key.utf8) == (ascii && KubernetesNames.qualifiedNameProblemInCharacters(key) == nil))
        for labels in [key + "=v", "k=" + key, key, "a=b," + key + "=", key + "=v,x=y"] {
            #expect(KubernetesNames.isValidLabelListASCII(labels) == (ascii && KubernetesNames.nodeLabelProblemsInCharacters(labels).isEmpty), "\(labels)")
        }
        #expect(CheckRules.isBlank(key) == key.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains))
    }

    @Test(arguments: ["", " ", "\t \u{3000}", " x", "\u{A0}", "\u{2003}", "\n"])
    func blankCommands(command: String) {
        #expect(CheckRules.isBlank(command) == command.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains))
    }
}

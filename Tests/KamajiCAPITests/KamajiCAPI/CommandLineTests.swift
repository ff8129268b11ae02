import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Subcommands that print generated text, and the parts ArgumentParser provides.
@Suite struct CommandLineTests {
    @Test func schemaPrintsTheGeneratedDocuments() throws {
        let schema = try CommandLineTool.run(["schema"])
        #expect(schema.status == 0)
        #expect(schema.stdout == ValuesReference.jsonSchema())
        #expect(try CommandLineTool.run(["schema", "--markdown"]).stdout == ValuesReference.markdown())
        #expect(try CommandLineTool.run(["check", "--list-rules"]).stdout == CheckReport.rulesMarkdown())
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsKnowEverySubcommand(shell: String) throws {
        let result = try CommandLineTool.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for word in ["render", "check", "diff", "schema", "old-values", "output-dir"] {
            #expect(result.stdout.contains(word), "\(shell) completion lacks \(word)")
        }
    }

    /// A values file of 64 KiB or more has the executable fault its heap in on another thread, and
    /// every render ends the process as soon as it has printed: the whole stream must still arrive,
    /// exactly the library's.
    @Test func aLargeRenderPrintsWhatTheLibraryRenders() throws {
        let values = "nodePools:\n" + (0..<300).map { i in
            "- name: pool-\(i)\n  template: ubuntu-2404-kube-v1.32.0\n  network: k8s-workers\n  numCPUs: \(i % 7 + 1)\n"
                + "  preKubeadmCommands: [\"echo pool \(i) is starting up on the node of its own >> /var/log/start\"]\n"
                + "  labels: node.example.com/pool=pool-\(i)\n"
        }.joined()
        #expect(values.utf8.count >= 64 << 10)
        let directory = try TemporaryDirectory()
        try directory.write("big.yaml", values)
        let result = try CommandLineTool.run(["render", "big", "-f", "big.yaml"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let expected = ManifestStream.yaml(try RenderPipeline.render(Rendering.request([values], release: "big")).objects)
        #expect(result.stdout.utf8.count == expected.utf8.count)
        #expect(result.stdout == expected)
    }

    @Test func missingOutputDirectoryIsNamedAsSuch() throws {
        let directory = try TemporaryDirectory()
        let result = try CommandLineTool.run(["render", "prod", "--output-dir", "out", "--check"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr == "out does not exist; run without --check to write it\n")
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Every example says in its header how to render it; that command, run as written (passwords
/// from the environment it names), renders, and renders into the namespace it gives. The Metal³
/// example renders into the guide's namespace, where the BareMetalHosts its machines claim live.
@Suite struct ExampleHeaderCommandTests {
    static let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples: [String] = {
        let folder = repository.appendingPathComponent("examples")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// The arguments of the first `kamaji-capi render` in the header comment (`Render: kamaji-capi
    /// ...` or an indented command line), continued over lines ending in `\`, up to a pipe.
    static func headerCommand(_ text: String) -> [String]? {
        let header = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("#") }
            .map { String($0.dropFirst()).trimmingCharacters(in: .whitespaces) }
        guard let start = header.firstIndex(where: { $0.contains("kamaji-capi render ") }) else { return nil }
        var command = String(header[start][header[start].range(of: "kamaji-capi render ")!.lowerBound...])
        var index = start
        while command.hasSuffix("\\"), index + 1 < header.count {
            index += 1
            command = String(command.dropLast()) + " " + header[index]
        }
        if let pipe = command.range(of: " | ") { command = String(command[..<pipe.lowerBound]) }
        return Array(command.split(separator: " ").map(String.init).dropFirst())
    }

    @Test func everyExampleHasAHeaderCommand() throws {
        #expect(Self.examples.count >= 8)
        for example in Self.examples {
            let text = try String(contentsOf: Self.repository.appendingPathComponent("examples/\(example)"), encoding: .utf8)
            let arguments = Self.headerCommand(text)
            #expect(arguments?.contains("examples/\(example)") == true, "\(example): no header command that renders it")
        }
    }

    @Test(arguments: examples)
    func headerCommandRenders(example: String) throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("examples/\(example)"), encoding: .utf8)
        let arguments = try #require(Self.headerCommand(text), "\(example) has no header command")
        // `--set-env K=VARIABLE`: the variable exported, as the header tells the reader to.
        var environment: [String: String] = [:]
        for (flag, value) in zip(arguments, arguments.dropFirst()) where flag == "--set-env" {
            if let equals = value.firstIndex(of: "=") { environment[String(value[value.index(after: equals)...])] = "example-password" }
        }
        let result = try CommandLineTool.run(arguments, in: Self.repository, environment: environment)
        #expect(result.status == 0, "\(example): \(arguments.joined(separator: " ")): \(result.stderr)")
        let objects = try ManifestComparison.objects(result.stdout)
        #expect(!objects.isEmpty)
        let namespace = zip(arguments, arguments.dropFirst()).first { $0.0 == "-n" }?.1 ?? "default"
        let namespaces = Set(objects.keys.map(\.namespace).filter { !$0.isEmpty && $0 != "kube-system" })
        #expect(namespaces == [namespace], "\(example): objects in \(namespaces)")
    }

    @Test func metal3RendersIntoTheGuidesNamespace() throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("examples/metal3.yaml"), encoding: .utf8)
        let arguments = try #require(Self.headerCommand(text))
        #expect(zip(arguments, arguments.dropFirst()).contains { $0 == "-n" && $1 == "metal3" })
    }
}

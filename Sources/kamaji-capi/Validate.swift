import ArgumentParser
import Foundation
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a manifest stream offline and strictly against the schemas compiled into kamaji-capi.",
        discussion: """
            Checks every object of FILE (or stdin) as `kubectl apply --validate=strict` would, without a \
            cluster: custom resources against the CRD schema of every version kamaji-capi can render, \
            with their CEL rules (x-kubernetes-validations), and every built-in kind against the OpenAPI \
            definitions of Kubernetes \(ManifestValidator.kubernetesVersion) (or --kubernetes-version), with \
            the API server's own field rules. Null fields are dropped and defaults applied first, as the API server does. \
            Prints one line per problem (object, field path, rule) and a summary; exits 1 on any error, 2 \
            when FILE cannot be read. A Secret's values are never printed.
            """)

    @Argument(help: "A YAML or JSON manifest stream; - or nothing reads stdin.")
    var file: String = "-"

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("text or json (for programs).", valueName: "format"))
    var output: ValidationReport.Format = .text

    @Option(help: "Print at most this many errors (and warnings) in text output; the summary counts all. 0 prints all.")
    var maxErrors: Int = ValidationReport.defaultMaxErrors

    @Flag(help: "Skip objects of kinds with no schema compiled in instead of reporting them.")
    var ignoreMissingSchemas = false

    @Option(
        help: ArgumentHelp("Kinds not to check, comma-separated: Kind or apiVersion/Kind (apps/v1/Deployment).", valueName: "kinds"))
    var skip: [String] = []

    @Option(
        help: ArgumentHelp(
            "The Kubernetes version of the built-in kinds: \(ManifestValidator.kubernetesVersions.joined(separator: " or ")).",
            valueName: "version"))
    var kubernetesVersion: String = ManifestValidator.kubernetesVersion

    func validate() throws {
        if maxErrors < 0 { throw ValidationError("--max-errors must be 0 (all) or more") }
        if !ManifestValidator.supportsKubernetes(kubernetesVersion) {
            throw ValidationError(
                "--kubernetes-version \(kubernetesVersion) is not compiled in; use \(ManifestValidator.kubernetesVersions.joined(separator: " or "))")
        }
    }

    func run() throws {
        let text: String
        do {
            text = try InputFiles.read(file)
        } catch let error as DiagnosticError {
            // As `check`: 2 when the input cannot be read, 1 when it holds invalid objects.
            throw CommandFailure(error, exitCode: 2)
        }
        let skipped = Set(skip.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let options = ValidationOptions(
            ignoreMissingSchemas: ignoreMissingSchemas, skippedKinds: skipped, kubernetesVersion: kubernetesVersion)
        let report = ManifestValidator.validate(stream: text, source: file == "-" ? "<stdin>" : file, options: options)
        FileHandle.standardOutput.write(Data(report.rendered(output, maxErrors: maxErrors).utf8))
        if !report.isValid { throw ExitCode.failure }
    }
}

extension ValidationReport.Format: ExpressibleByArgument {}

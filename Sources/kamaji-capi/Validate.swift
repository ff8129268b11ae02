import ArgumentParser
import Foundation
import KamajiCAPI

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a manifest stream offline and strictly against the schemas compiled into kamaji-capi.",
        discussion: """
            Checks every object of FILE (or stdin) as `kubectl apply --validate=strict` would, without a \
            cluster: custom resources against the CRD schema of every version kamaji-capi can render, \
            Deployment, Secret, ConfigMap, Service, ServiceAccount, Role and RoleBinding against the \
            Kubernetes \(ManifestValidator.kubernetesVersion) OpenAPI definitions. Null fields are dropped \
            and defaults applied first, as the API server does. Prints one line per problem (object, field \
            path, rule) and a summary; exits 1 on any error, 2 when FILE cannot be read. CEL rules \
            (x-kubernetes-validations) are counted as not checked.
            """)

    @Argument(help: "A YAML or JSON manifest stream; - or nothing reads stdin.")
    var file: String = "-"

    func run() throws {
        let text: String
        do {
            text = try InputFiles.read(file)
        } catch let error as DiagnosticError {
            // As `check`: 2 when the input cannot be read, 1 when it holds invalid objects.
            Diagnostics.fail(error, exitCode: 2)
        }
        let report = ManifestValidator.validate(stream: text, source: file == "-" ? "<stdin>" : file)
        for problem in report.problems { print(problem) }
        print(report.summary)
        if !report.isValid { throw ExitCode.failure }
    }
}

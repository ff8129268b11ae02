import KamajiDiagnostics

/// How a subcommand stops with problems: thrown up to `KamajiCAPICommand.main`, which prints the
/// message on stderr and exits with the code (1: problems found, 2: a usage error).
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32

    init(message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Every problem; exit code 1 (or the one given), 2 when every problem is a usage error (`-n Bad_NS`).
    init(_ error: DiagnosticError, exitCode: Int32? = nil) {
        let isUsage = !error.diagnostics.isEmpty && error.diagnostics.allSatisfy { $0.code == .usage }
        self.init(message: error.description, exitCode: exitCode ?? (isUsage ? 2 : 1))
    }
}

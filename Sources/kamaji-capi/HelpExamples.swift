/// The examples at the end of a subcommand's `--help`: what each does as a shell comment, then the
/// command. Each on a line of its own, because ArgumentParser wraps the discussion at 80 columns.
enum HelpExamples {
    static func discussion(_ text: String, examples: [(what: String, command: String)]) -> String {
        (text.isEmpty ? "" : text + "\n\n") + "Examples:\n"
            + examples.map { "  # \($0.what)\n  \($0.command)" }.joined(separator: "\n")
    }
}

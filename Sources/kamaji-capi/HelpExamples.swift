/// The examples at the end of a subcommand's `--help`: what each does as a shell comment, then the
/// command, each on a line of its own: ArgumentParser wraps the discussion at the terminal's width
/// (80 columns when it is not a terminal), and a command wrapped in the middle could not be pasted.
enum HelpExamples {
    static func discussion(_ text: String, examples: [(what: String, command: String)]) -> String {
        (text.isEmpty ? "" : text + "\n\n") + "Examples:\n"
            + examples.map { "  # \($0.what)\n  \($0.command)" }.joined(separator: "\n")
    }
}

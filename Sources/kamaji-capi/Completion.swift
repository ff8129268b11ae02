import ArgumentParser

struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: HelpExamples.discussion(
            "",
            examples: [
                ("bash", "kamaji-capi completion bash > /etc/bash_completion.d/kamaji-capi"),
                ("zsh", "kamaji-capi completion zsh > \"${fpath[1]}/_kamaji-capi\""),
                ("fish", "kamaji-capi completion fish > ~/.config/fish/completions/kamaji-capi.fish"),
            ]))

    enum Shell: String, CaseIterable, ExpressibleByArgument {
        case bash, zsh, fish

        var completionShell: CompletionShell {
            switch self {
            case .bash: .bash
            case .zsh: .zsh
            case .fish: .fish
            }
        }
    }

    @Argument(help: "bash, zsh or fish.")
    var shell: Shell

    func run() {
        print(KamajiCAPICommand.completionScript(for: shell.completionShell))
    }
}

import KamajiDiagnostics
import KamajiYAML

/// One values source given on the command line, already read: a `-f` file's text, or `-` for stdin.
public struct ValuesFile: Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

import Foundation

extension ValuesFile {
    /// Reads a values file from disk; `name` is the path as the user spelled it, which every
    /// diagnostic about the file repeats.
    public init(path: String) throws(DiagnosticError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(
                Diagnostic(
                    code: .io, location: SourceLocation(file: path), message: "cannot read the file",
                    hint: "check the path and its permissions"))
        }
        try self.init(name: path, data: data)
    }

    /// Values already read as bytes (a file, or stdin), which must be UTF-8 text.
    public init(name: String, data: Data) throws(DiagnosticError) {
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(
                Diagnostic(code: .io, location: SourceLocation(file: name), message: "the file is not UTF-8 text"))
        }
        self.init(name: name, text: text)
    }
}

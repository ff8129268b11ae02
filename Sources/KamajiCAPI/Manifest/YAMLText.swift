/// The one place this project reads YAML text other than values (manifests for `diff`, cloud-init
/// files for `check`). `PendingReader` stands in for the go-yaml compatible reader until it lands;
/// swapping it is the one line marked below.
public enum YAMLText {
    /// Every document of a stream, empty documents left out.
    public static func documents(_ text: String, file: String) throws(DiagnosticError) -> [YAMLValue] {
        var documents: [YAMLValue] = []
        do {
            // Swap for: documents = try YAMLReader.documents(text, file: file)
            documents = try splitDocuments(text).map { try PendingReader.parse($0) }
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(
                Diagnostic(code: .yamlSyntax, location: SourceLocation(file: file), message: "\(error)"))
        }
        return documents.filter { !$0.isNull }
    }

    /// A text that holds one document (or none: `null`).
    public static func document(_ text: String, file: String) throws(DiagnosticError) -> YAMLValue {
        try documents(text, file: file).first ?? .null
    }

    static func splitDocuments(_ text: String) -> [String] {
        var documents: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "---" || line.hasPrefix("--- ") || line == "..." {
                documents.append(current.joined(separator: "\n"))
                current = []
            } else {
                current.append(line)
            }
        }
        documents.append(current.joined(separator: "\n"))
        return documents
    }
}

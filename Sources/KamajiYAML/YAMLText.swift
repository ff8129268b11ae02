import KamajiDiagnostics

/// Reads YAML text other than values files (manifests for `diff`, cloud-init files for `check`)
/// through the go-yaml compatible reader, as plain trees.
public enum YAMLText {
    /// Every document of a stream, empty documents left out.
    public static func documents(_ text: String, file: String) throws(DiagnosticError) -> [YAMLValue] {
        var documents: [YAMLValue] = []
        do {
            documents = try YAMLReader.documents(text, file: file).map(\.value)
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
}

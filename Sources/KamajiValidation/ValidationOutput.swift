import KamajiDiagnostics
import KamajiYAML

/// How `validate` prints a report: for people (`text`, capped at a readable number of problems, the
/// summary always counting them all) and for programs (`json`, every finding).
extension ValidationReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, json
    }

    /// Errors beyond this many are counted, not printed, unless asked for (`--max-errors 0`).
    public static let defaultMaxErrors = 100

    public func rendered(_ format: Format, maxErrors: Int = defaultMaxErrors) -> String {
        switch format {
        case .text: return text(maxErrors: maxErrors)
        case .json: return json()
        }
    }

    /// One line per error (the first `maxErrors`; 0 prints all), then per warning (capped alike),
    /// a line for those left out, and the summary.
    public func text(maxErrors: Int = defaultMaxErrors) -> String {
        func capped(_ problems: [ValidationProblem], _ noun: String) -> [String] {
            guard maxErrors > 0, problems.count > maxErrors else { return problems.map(\.description) }
            let left = problems.count - maxErrors
            return problems.prefix(maxErrors).map(\.description)
                + ["... \(left) more \(noun)\(left == 1 ? "" : "s") not shown (the first \(maxErrors) of \(problems.count); --max-errors 0 prints all)"]
        }
        return (capped(problems, "error") + capped(warnings, "warning") + [summary]).map { $0 + "\n" }.joined()
    }

    /// `{"objects", "checked", "skipped", "errors", "warnings", "cel": {...}, "findings": [...]}`,
    /// each finding with `severity`, `rule`, `object`, `path`, `message` and, when known, `file`,
    /// `line`, `column` (the fields `check --output json` uses, plus `object`).
    public func json() -> String {
        let findings: [YAMLValue] = (problems + warnings).map { problem in
            var entry: YAMLMapping = [
                "severity": .string(problem.severity.rawValue),
                "rule": .string(problem.rule),
                "object": .string(problem.object),
                "path": .string(problem.path),
                "message": .string(problem.message),
            ]
            entry["file"] = problem.location.map { .string($0.file) }
            entry["line"] = problem.location?.line.map(YAMLValue.int)
            entry["column"] = problem.location?.column.map(YAMLValue.int)
            return .mapping(entry)
        }
        let report: YAMLValue = [
            "objects": .int(objects), "checked": .int(checked), "skipped": .int(skipped),
            "errors": .int(problems.count), "warnings": .int(warnings.count),
            "cel": [
                "checked": .int(celRules.checked), "skipped": .int(celRules.skipped),
                "notApplicable": .int(celRules.notApplicable), "notChecked": .int(celRules.notChecked),
            ],
            "findings": .sequence(findings),
        ]
        return JSONWriter.write(report) + "\n"
    }
}

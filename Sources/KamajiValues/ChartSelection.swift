import KamajiDiagnostics
import KamajiYAML

/// Which chart a render is for: `--chart`, else the `chart` key of the values files, else the vSphere
/// chart. Chosen before the values are merged, because the chart decides the defaults they merge over.
package enum ChartSelection {
    package static func chart(flag: ChartName?, files: [ValuesComposer.File]) throws(DiagnosticError) -> ChartName {
        var named: (chart: ChartName, file: String)?
        var problems: [Diagnostic] = []
        for file in files {
            guard let name = ChartName.named(in: file.values) else { continue }
            // Asked only for a problem: looking one location up works out every location of the file.
            var location: SourceLocation { file.locations["chart"] ?? SourceLocation(file: file.name) }
            guard let chart = ChartName(rawValue: name) else {
                problems.append(
                    Diagnostic(
                        code: .invalidValue, path: "chart", location: location,
                        message: "\"\(name)\" is not a chart kamaji-capi renders",
                        hint: DidYouMean.closest(to: name, among: ChartName.allCases.map(\.rawValue)).map { "did you mean \"\($0)\"?" }
                            ?? "use one of: \(ChartName.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            if let flag, flag != chart {
                problems.append(
                    Diagnostic(
                        code: .invalidValue, path: "chart", location: location,
                        message: "the file is for chart \(chart.rawValue), but --chart says \(flag.rawValue)",
                        hint: "drop --chart, or render the file with the chart it names"))
            } else if let earlier = named, earlier.chart != chart {
                problems.append(
                    Diagnostic(
                        code: .invalidValue, path: "chart", location: location,
                        message: "the file is for chart \(chart.rawValue), but \(earlier.file) is for \(earlier.chart.rawValue)",
                        hint: "give one chart's values files only"))
            }
            named = (chart, file.name)
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return flag ?? named?.chart ?? .vsphere
    }

    /// A `--set chart=...` cannot switch the defaults already merged: refused instead of half applied.
    package static func requireSame(_ decoded: ChartName?, as selected: ChartName) throws(DiagnosticError) {
        guard let decoded, decoded != selected else { return }
        throw DiagnosticError(
            Diagnostic(
                code: .invalidValue, path: "chart",
                message: "chart \(decoded.rawValue) is chosen after the defaults of \(selected.rawValue) were merged",
                hint: "choose the chart with --chart or with the `chart` key of the first values file"))
    }
}

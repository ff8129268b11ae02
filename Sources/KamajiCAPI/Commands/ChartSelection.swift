import KamajiDiagnostics
import KamajiYAML

/// Which chart a render is for: `--chart`, else the `chart` key of the values files, else the vSphere
/// chart. Chosen before the values are merged, because the chart decides the defaults they merge over.
enum ChartSelection {
    static func chart(flag: ChartName?, files: [ValuesComposer.File]) throws(DiagnosticError) -> ChartName {
        var named: (chart: ChartName, file: String)?
        var problems: [Diagnostic] = []
        for file in files {
            guard let name = ChartName.named(in: file.values) else { continue }
            let location = file.locations["chart"] ?? SourceLocation(file: file.name)
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
    static func requireSame(_ decoded: ChartName?, as selected: ChartName) throws(DiagnosticError) {
        guard let decoded, decoded != selected else { return }
        throw DiagnosticError(
            Diagnostic(
                code: .invalidValue, path: "chart",
                message: "chart \(decoded.rawValue) is chosen after the defaults of \(selected.rawValue) were merged",
                hint: "choose the chart with --chart or with the `chart` key of the first values file"))
    }
}

extension RenderPipeline {
    /// `check` for chart capi-kamaji-proxmox: its own typed values, then the same model and rules.
    static func checkProxmox(_ request: RenderRequest, merged: MergedValues, rules: [CheckRule]) throws(DiagnosticError)
        -> CheckResult
    {
        var (values, decodeWarnings) = try ValuesDecoder(locations: merged.locations)
            .decode(ProxmoxChartValues.self, from: merged.values)
        if let served = request.servedAPIVersions {
            values.apiVersions = ServedAPIVersions.choose(values.apiVersions, served: served, userSet: merged.userSetPaths)
        }
        try ChartSelection.requireSame(values.chart, as: merged.chart)
        let shared = values.sharedValues
        let clusterName = try resolveClusterName(values: shared, releaseName: request.releaseName)
        var model = ClusterModel(
            proxmox: values, clusterName: clusterName, namespace: request.namespace, userSetPaths: merged.userSetPaths)
        model.unprintableCharacters = UnprintableCharacter.find(in: merged.values)
        let locations = HelmCommandLine.locatingClusterName(merged.locations, values: shared)
        let rules = rules.filter { !vSphereCredentialRules.contains($0.id) }
        let findings = ValuesValidator.validate(model, locations: locations, rules: rules)
        return CheckResult(
            model: model, diagnostics: merged.warnings + decodeWarnings + findings, locations: locations)
    }

    /// The rules on the vSphere chart's credentials (`vSphere.identityRef`, `vSphere.secret`), keys
    /// chart capi-kamaji-proxmox does not have: its credentials are KC817's.
    static let vSphereCredentialRules: Set<String> = ["KC601", "KC602"]
}

extension ServedAPIVersions {
    /// `choose` for chart capi-kamaji-proxmox's `apiVersions`: CAPMOX's group in place of CAPV's.
    static func choose(_ versions: ProxmoxAPIVersionValues, served: Set<String>, userSet: UserWrittenPaths)
        -> ProxmoxAPIVersionValues
    {
        var chosen = versions
        chosen.clusterAPI = choose(versions.clusterAPI, group: "cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.clusterAPI"))
        chosen.kamaji = choose(versions.kamaji, group: "controlplane.cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.kamaji"))
        chosen.proxmox = choose(versions.proxmox, group: "infrastructure.cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.proxmox"))
        return chosen
    }
}

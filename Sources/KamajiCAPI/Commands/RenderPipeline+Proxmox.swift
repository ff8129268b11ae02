import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

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

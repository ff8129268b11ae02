import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// Values that the chart's API versions accept but a newer target's schema refuses
/// (`apiVersions`, docs/api-versions.md): caught here, so the error names the value instead of
/// surfacing on apply.
extension CheckRules {
    package static let apiVersions: [CheckRule] = [
        CheckRule(
            "KC901", .error, "VSphereCluster v1beta2 needs `vSphere.server`",
            fix: "set vSphere.server to the vCenter's address, or keep apiVersions.vsphere: v1beta1"
        ) { model in
            guard model.values.apiVersions.vsphere == .v1beta2, !isSet(model.values.vSphere.server) else { return [] }
            return [.init("vSphere.server", "is empty; CAPV v1beta2 requires the vCenter server")]
        },
        CheckRule(
            "KC902", .error, "VSphereMachineTemplate v1beta2 needs at least 2 CPUs and 1 MiB of memory and GiB of disk",
            fix: "give the pool numCPUs: 2 or more (CAPV v1beta2's minimum), or keep apiVersions.vsphere: v1beta1"
        ) { model in
            guard model.values.apiVersions.vsphere == .v1beta2 else { return [] }
            return pools(model).flatMap { path, pool in
                [("numCPUs", pool.values.numCPUs, 2), ("memoryMiB", pool.values.memoryMiB, 1), ("diskGiB", pool.values.diskGiB, 1)]
                    .compactMap { key, number, minimum -> CheckRule.Finding? in
                        guard let number, (0..<minimum).contains(number) else { return nil }
                        return .init(path / key, "is \(number); CAPV v1beta2 requires at least \(minimum)")
                    }
            }
        },
    ]
}

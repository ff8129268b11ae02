import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// Kubernetes version changes that `diff` shows and Kubernetes does not support: a control plane that
/// skips a minor version or goes back, and a pool whose kubelet would end up further behind the
/// control plane than the version skew policy allows. Read from the objects, so it works on renders,
/// manifest files and output directories alike.
enum VersionChangeWarnings {
    static func find(old: [ManifestObject], new: [ManifestObject]) -> [String] {
        guard let after = new.first(where: { $0.kind == "KamajiControlPlane" }),
            let controlPlane = version(after.body["spec", "version"])
        else { return [] }
        var warnings: [String] = []
        if let before = old.first(where: { $0.kind == "KamajiControlPlane" && $0.name == after.name }),
            let previous = version(before.body["spec", "version"])
        {
            warnings += controlPlaneChange(from: previous, to: controlPlane)
        }
        let newIndex = ObjectIndex(new)
        for deployment in new where deployment.kind == "MachineDeployment" {
            guard let (kubelet, source) = kubeletVersion(deployment, newIndex), kubelet.major == controlPlane.major else { continue }
            let behind = controlPlane.minor - kubelet.minor
            let skew = KubernetesVersion.kubeletSkew(apiServer: controlPlane)
            if behind > skew {
                warnings.append(
                    "pool \(RollAnalysis.poolName(deployment)) would run kubelet \(kubelet) (\(source)), \(behind) minor "
                        + "versions behind the control plane's \(controlPlane); Kubernetes supports \(skew): "
                        + "upgrade the pool's template and version along with the control plane")
            }
        }
        return warnings
    }

    static func controlPlaneChange(from old: KubernetesVersion, to new: KubernetesVersion) -> [String] {
        let change = "control plane version \(old) -> \(new)"
        if (new.major, new.minor, new.patch ?? 0) < (old.major, old.minor, old.patch ?? 0) {
            return [change + " goes back: Kubernetes does not support downgrading a control plane; keep \(old)"]
        }
        if new.major == old.major, new.minor > old.minor + 1 {
            let skipped = (old.minor + 1..<new.minor).map { "v\(new.major).\($0)" }.joined(separator: ", ")
            return [change + " skips \(skipped): Kubernetes upgrades a control plane one minor version at a time; "
                + "upgrade to v\(old.major).\(old.minor + 1) first"]
        }
        return []
    }

    static func version(_ value: YAMLValue?) -> KubernetesVersion? {
        value?.string.flatMap { KubernetesVersion(semantic: $0) }
    }

    /// The Kubernetes version a pool's kubelet runs: the one in its VM template's name when the
    /// template has one (the kubelet is baked into the image), else the MachineDeployment's `version`.
    static func kubeletVersion(_ deployment: ManifestObject, _ index: ObjectIndex)
        -> (version: KubernetesVersion, source: String)?
    {
        let spec = deployment.body["spec", "template", "spec"]
        if let reference = RollAnalysis.TemplateRef(spec, ["infrastructureRef"], namespace: deployment.namespace),
            let template = index[reference.identity]?.body["spec", "template", "spec", "template"]?.string,
            let version = KubernetesVersion.embedded(in: template)
        {
            return (version, "template \(template)")
        }
        return version(spec?["version"]).map { ($0, "version") }
    }
}

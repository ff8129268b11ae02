import KamajiDiagnostics
import KamajiYAML

/// What `validate` checks against and leaves out, as kubeconform's flags of the same names do.
public struct ValidationOptions: Equatable, Sendable {
    /// An object of a kind with no schema compiled in is skipped (and counted) instead of an error.
    public var ignoreMissingSchemas: Bool
    /// Kinds never checked: `Kind` (every version) or `apiVersion/Kind` (`apps/v1/Deployment`).
    public var skippedKinds: Set<String>

    /// The Kubernetes version whose built-in kinds objects are checked against (one of
    /// `ManifestValidator.kubernetesVersions`); nil for `ManifestValidator.kubernetesVersion`.
    public var kubernetesVersion: String?

    public init(ignoreMissingSchemas: Bool = false, skippedKinds: Set<String> = [], kubernetesVersion: String? = nil) {
        self.ignoreMissingSchemas = ignoreMissingSchemas
        self.skippedKinds = skippedKinds
        self.kubernetesVersion = kubernetesVersion
    }

    package func skips(apiVersion: String, kind: String) -> Bool {
        skippedKinds.contains(kind) || skippedKinds.contains("\(apiVersion)/\(kind)")
    }
}

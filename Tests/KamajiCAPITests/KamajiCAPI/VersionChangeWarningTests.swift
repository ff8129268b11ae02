import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `diff` warns about version changes Kubernetes does not support (VersionChangeWarnings).
@Suite struct VersionChangeWarningTests {
    /// A cluster whose control plane runs `controlPlane` and whose pool clones `template`.
    static func cluster(_ controlPlane: String, template: String? = nil) throws -> [ManifestObject] {
        let minor = controlPlane.dropFirst("v1.".count).prefix { $0 != "." }
        return try Rendering.objects(
            """
            cluster: {controlPlane: {version: \(controlPlane)}}
            nodePools:
            - {name: workers, template: \(template ?? "ubuntu-2404-kube-v1.\(minor).0"), network: vm-net}
            """, release: "c")
    }

    static func warnings(_ old: [ManifestObject], _ new: [ManifestObject]) -> [String] {
        ManifestDiff(old: old, new: new).rolls.versionWarnings
    }

    @Test func oneMinorAtATimeIsNoWarning() throws {
        #expect(Self.warnings(try Self.cluster("v1.31.2"), try Self.cluster("v1.32.0")) == [])
        #expect(Self.warnings(try Self.cluster("v1.32.0"), try Self.cluster("v1.32.3")) == [])
    }

    @Test func skippingAMinorIsAWarning() throws {
        let diff = ManifestDiff(old: try Self.cluster("v1.31.2"), new: try Self.cluster("v1.33.0"))
        #expect(
            diff.rolls.versionWarnings == [
                "control plane version v1.31.2 -> v1.33.0 skips v1.32: Kubernetes upgrades a control plane one minor "
                    + "version at a time; upgrade to v1.32 first"
            ])
        #expect(diff.summary.contains("\n  warning: control plane version v1.31.2 -> v1.33.0 skips v1.32"))
    }

    @Test func goingBackIsAWarning() throws {
        let back = "control plane version v1.33.1 -> v1.32.0 goes back: Kubernetes does not support downgrading a control plane; keep v1.33.1"
        #expect(Self.warnings(try Self.cluster("v1.33.1"), try Self.cluster("v1.32.0")) == [back])
        #expect(Self.warnings(try Self.cluster("v1.33.1"), try Self.cluster("v1.33.0")).first?.contains("goes back") == true)
    }

    @Test func aPoolLeftBeyondTheKubeletSkewIsAWarning() throws {
        // The pool keeps a v1.29 template while the control plane reaches v1.33: 4 minors behind.
        let old = try Self.cluster("v1.32.0", template: "ubuntu-2404-kube-v1.29.4")
        let new = try Self.cluster("v1.33.0", template: "ubuntu-2404-kube-v1.29.4")
        #expect(
            Self.warnings(old, new) == [
                "pool workers would run kubelet v1.29.4 (template ubuntu-2404-kube-v1.29.4), 4 minor versions behind "
                    + "the control plane's v1.33.0; Kubernetes supports 3: upgrade the pool's template and version "
                    + "along with the control plane"
            ])
        // Three behind is within the policy.
        let within = try Self.cluster("v1.33.0", template: "ubuntu-2404-kube-v1.30.4")
        #expect(Self.warnings(old, within) == [])
    }

    @Test func manifestsFromFilesAreCheckedToo() throws {
        let old = ManifestStream.yaml(try Self.cluster("v1.30.0"))
        let new = ManifestStream.yaml(try Self.cluster("v1.32.0"))
        let diff = ManifestDiff(
            old: try ManifestFiles.objects(stream: old, file: "old.yaml"), new: try ManifestFiles.objects(stream: new, file: "new.yaml"))
        #expect(diff.rolls.versionWarnings.first?.contains("skips v1.31") == true)
    }
}

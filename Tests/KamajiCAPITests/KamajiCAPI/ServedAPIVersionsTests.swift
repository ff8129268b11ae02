import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `--api-versions`: the chart's version where the cluster serves it, the newest served one where
/// it does not, the user's `apiVersions.*` always; `check` warns about a group served in no version.
@Suite struct ServedAPIVersionsTests {
    /// `kubectl api-versions` of management clusters (the lines that matter), by provider release.
    static let chartEra: Set<String> = [
        "v1", "apps/v1", "rbac.authorization.k8s.io/v1", "cluster.x-k8s.io/v1beta1", "bootstrap.cluster.x-k8s.io/v1beta1",
        "addons.cluster.x-k8s.io/v1beta1", "infrastructure.cluster.x-k8s.io/v1beta1", "controlplane.cluster.x-k8s.io/v1alpha1",
        "ipam.cluster.x-k8s.io/v1alpha2",
    ]
    /// Cluster API v1.12, CAPV v1.15, Kamaji provider v0.20: v1beta2 beside v1beta1, v1alpha2 only.
    static let kamaji020: Set<String> = chartEra.subtracting(["controlplane.cluster.x-k8s.io/v1alpha1"]).union([
        "cluster.x-k8s.io/v1beta2", "bootstrap.cluster.x-k8s.io/v1beta2", "addons.cluster.x-k8s.io/v1beta2",
        "controlplane.cluster.x-k8s.io/v1alpha2", "controlplane.cluster.x-k8s.io/v1beta1",
    ])

    static func request(served: Set<String>?, sets: [String] = []) -> RenderRequest {
        var request = RenderRequest(releaseName: "c", setFlags: SetFlag.numbered(.typed, sets))
        request.servedAPIVersions = served
        return request
    }

    static func apiVersions(_ request: RenderRequest) throws -> [String: String] {
        let objects = try RenderPipeline.render(request).objects
        return Dictionary(objects.map { ($0.kind, $0.apiVersion) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func parsesRepeatedAndCommaSeparatedLists() {
        #expect(ServedAPIVersions.parse(["v1,apps/v1", " cluster.x-k8s.io/v1beta2 ", ""]) == [
            "v1", "apps/v1", "cluster.x-k8s.io/v1beta2",
        ])
    }

    @Test func theChartsVersionsWhereServed() throws {
        let versions = try Self.apiVersions(Self.request(served: Self.kamaji020))
        #expect(versions["Cluster"] == "cluster.x-k8s.io/v1beta1", "served beside v1beta2: kept, no roll")
        #expect(versions["VSphereMachineTemplate"] == "infrastructure.cluster.x-k8s.io/v1beta1")
        #expect(versions["KamajiControlPlane"] == "controlplane.cluster.x-k8s.io/v1alpha2", "v1alpha1 is not served")
        #expect(try Self.apiVersions(Self.request(served: nil))["KamajiControlPlane"] == "controlplane.cluster.x-k8s.io/v1alpha1")
    }

    @Test func theNewestServedWhereTheChartsIsNot() throws {
        let onlyNew = Self.kamaji020.subtracting(["cluster.x-k8s.io/v1beta1", "infrastructure.cluster.x-k8s.io/v1beta1"])
            .union(["infrastructure.cluster.x-k8s.io/v1beta2"])
        let versions = try Self.apiVersions(Self.request(served: onlyNew))
        #expect(versions["Cluster"] == "cluster.x-k8s.io/v1beta2")
        #expect(versions["MachineDeployment"] == "cluster.x-k8s.io/v1beta2")
        #expect(versions["VSphereCluster"] == "infrastructure.cluster.x-k8s.io/v1beta2")
    }

    @Test func valuesWin() throws {
        let versions = try Self.apiVersions(Self.request(served: Self.kamaji020, sets: ["apiVersions.clusterAPI=v1beta2", "apiVersions.kamaji=v1alpha1"]))
        #expect(versions["Cluster"] == "cluster.x-k8s.io/v1beta2")
        #expect(versions["KamajiControlPlane"] == "controlplane.cluster.x-k8s.io/v1alpha1")
    }

    @Test func checkWarnsAboutAGroupServedInNoVersion() throws {
        let missingIPAM = Self.chartEra.subtracting(["ipam.cluster.x-k8s.io/v1alpha2"])
        let warnings = try RenderPipeline.check(Self.request(served: missingIPAM)).diagnostics
            .filter { $0.location?.file == "--api-versions" }
        #expect(warnings.map(\.message) == [
            "the cluster serves no version of the API group ipam.cluster.x-k8s.io, which the render writes InClusterIPPool in",
        ])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(try RenderPipeline.check(Self.request(served: Self.chartEra)).diagnostics.filter { $0.location?.file == "--api-versions" }.isEmpty)
        #expect(try RenderPipeline.check(Self.request(served: nil)).diagnostics.filter { $0.location?.file == "--api-versions" }.isEmpty)
        #expect(try RenderPipeline.render(Self.request(served: missingIPAM)).warnings.isEmpty, "render warns only as check does not")
    }

    @Test func theCommandLineTakesHelmsFlag() throws {
        let list = Self.kamaji020.sorted().joined(separator: ",")
        let result = try CommandLineTool.run(["render", "c", "--api-versions", list, "--show-only", "KamajiControlPlane"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("apiVersion: controlplane.cluster.x-k8s.io/v1alpha2"))
    }
}

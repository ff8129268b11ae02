import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Every folder under Fixtures/conformance/proxmox-0.0.4 (Helm's own output of chart
/// capi-kamaji-proxmox 0.0.4, from ../shared) must render equivalent to Helm, the hash-suffixed
/// ProxmoxMachineTemplate and KubeadmConfigTemplate names included. A new case is a new folder.
@Suite struct ProxmoxChartConformanceTests {
    static let cases = Fixtures.caseFolders("conformance/proxmox-0.0.4")

    static func request(_ chartCase: ChartCase) -> RenderRequest {
        var request = chartCase.request
        request.chart = .proxmox
        return request
    }

    static func render(_ folder: String, sets: [SetFlag] = []) throws -> [ManifestObject] {
        var request = request(try ChartCase(folder: folder))
        request.setFlags += sets
        return try RenderPipeline.render(request).objects
    }

    @Test(arguments: cases)
    func rendersWhatHelmRenders(folder: String) throws {
        let chartCase = try ChartCase(folder: folder)
        let rendered = ManifestStream.yaml(try RenderPipeline.render(Self.request(chartCase)).objects)
        let differences = try ManifestComparison.differences(expected: chartCase.expectedText, actual: rendered)
        #expect(differences.isEmpty, "\(folder):\n\(differences.joined(separator: "\n"))")
    }

    @Test func everyConformanceCaseIsFound() {
        #expect(Self.cases.count == 8)
    }

    /// No case trips an error-level rule: the rules that apply to Proxmox clusters accept the chart's own values.
    @Test(arguments: cases)
    func passesEveryErrorRule(folder: String) throws {
        let errors = try RenderPipeline.check(Self.request(try ChartCase(folder: folder))).errors
        #expect(errors.isEmpty, "\(folder): \(errors.map(\.description))")
    }

    /// Every object of every case, the stress cases of Fixtures/proxmox-cases too, in the chart's API
    /// versions and in the current ones (Cluster API v1beta2, KamajiControlPlane v1alpha2, CAPMOX
    /// v1alpha2), passes `validate`.
    @Test(arguments: cases + ProxmoxReferenceCaseTests.cases, [false, true])
    func rendersValidObjects(folder: String, current: Bool) throws {
        let sets = current
            ? ["apiVersions.clusterAPI=v1beta2", "apiVersions.kamaji=v1alpha2", "apiVersions.proxmox=v1alpha2"]
                .map { SetFlag(.typed, $0) } : []
        let objects = try Self.render(folder, sets: sets)
        let report = ManifestValidator.validate(stream: ManifestStream.yaml(objects), source: folder)
        #expect(report.checked == objects.count)
        #expect(report.problems.isEmpty, "\(report.problems.map(\.description).joined(separator: "\n"))")
        let expected = current ? "infrastructure.cluster.x-k8s.io/v1alpha2" : "infrastructure.cluster.x-k8s.io/v1alpha1"
        #expect(objects.filter { $0.kind.hasPrefix("Proxmox") }.allSatisfy { $0.apiVersion == expected })
    }

    /// The chart's values file names its chart itself: no `--chart` needed, for render-fleet and hooks.
    @Test func aValuesFileNamesItsChart() throws {
        let chartCase = try ChartCase(folder: "conformance/proxmox-0.0.4/default")
        let named = ValuesFile(name: "values.yaml", text: "chart: capi-kamaji-proxmox\n")
        let request = RenderRequest(releaseName: chartCase.release, namespace: chartCase.namespace, valueFiles: [named])
        let rendered = ManifestStream.yaml(try RenderPipeline.render(request).objects)
        #expect(try ManifestComparison.differences(expected: chartCase.expectedText, actual: rendered).isEmpty)
    }

    /// CAPMOX v1alpha2 lists the network devices: the default one is `net0`, with the pool in
    /// `ipPoolRef`, or `defaultIPv4` (the ProxmoxCluster's addresses) without one; the template is
    /// named from its spec, since the chart never rendered it.
    @Test func v1alpha2IsWrittenInItsOwnShape() throws {
        let sets = [SetFlag(.typed, "apiVersions.proxmox=v1alpha2")]
        let pooled = try Self.render("conformance/proxmox-0.0.4/default", sets: sets)
        let template = try #require(pooled.first { $0.kind == "ProxmoxMachineTemplate" })
        #expect(template.apiVersion == "infrastructure.cluster.x-k8s.io/v1alpha2")
        #expect(template.body["spec", "template", "spec", "network"] == [
            "networkDevices": [[
                "name": "net0",
                "ipPoolRef": [["apiGroup": "ipam.cluster.x-k8s.io", "kind": "InClusterIPPool", "name": "my-cluster-ipam-ip-pool"]],
                "dnsServers": ["8.8.8.8"], "bridge": "vmbr0", "model": "virtio",
            ]],
        ])
        #expect(template.name != "my-cluster-default-proxmox-machine-template-ecfda09f")
        #expect(pooled.first { $0.kind == "KubeadmConfigTemplate" }?.name == "my-cluster-default-kubeadmconfig-fb144314")
        let beta2 = try Self.render("conformance/proxmox-0.0.4/default", sets: [SetFlag(.typed, "apiVersions.clusterAPI=v1beta2")])
        let kubeadm = try #require(beta2.first { $0.kind == "KubeadmConfigTemplate" })
        #expect(kubeadm.name.hasPrefix("my-cluster-default-kubeadmconfig-") && !kubeadm.name.hasSuffix("fb144314"))
        #expect(beta2.first { $0.kind == "ProxmoxMachineTemplate" }?.name == "my-cluster-default-proxmox-machine-template-ecfda09f")
        let static_ = try Self.render("conformance/proxmox-0.0.4/static-network", sets: sets)
        let device = static_.first { $0.kind == "ProxmoxMachineTemplate" }?.body["spec", "template", "spec", "network", "networkDevices"]?.sequence?.first
        #expect(device?["defaultIPv4"] == true && device?["ipPoolRef"] == nil)
    }

    /// examples/proxmox.yaml names its chart and renders valid objects in either CAPMOX version.
    @Test(arguments: ["v1alpha1", "v1alpha2"])
    func exampleRendersValidObjects(version: String) throws {
        let text = try String(contentsOf: APIVersionTests.examplesFolder.appendingPathComponent("proxmox.yaml"), encoding: .utf8)
        let objects = try Rendering.objects(text, sets: [SetFlag(.typed, "apiVersions.proxmox=\(version)")])
        #expect(objects.contains { $0.kind == "ProxmoxCluster" && $0.apiVersion.hasSuffix(version) })
        let report = ManifestValidator.validate(stream: ManifestStream.yaml(objects), source: "examples/proxmox.yaml")
        #expect(report.problems.isEmpty, "\(report.problems.map(\.description).joined(separator: "\n"))")
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `apiVersions`: every target combination renders every conformance case into objects the schemas
/// of those versions accept, in each version's shape; the chart's versions stay the default; and a
/// version switch renames the templates, so Cluster API rolls the machines.
@Suite struct APIVersionTests {
    struct Targets: CustomTestStringConvertible, Sendable {
        var clusterAPI: APIVersionValues.ClusterAPI
        var vsphere: APIVersionValues.VSphere
        var kamaji: APIVersionValues.Kamaji

        var sets: [SetFlag] {
            [
                SetFlag(.typed, "apiVersions.clusterAPI=\(clusterAPI.rawValue)"),
                SetFlag(.typed, "apiVersions.vsphere=\(vsphere.rawValue)"),
                SetFlag(.typed, "apiVersions.kamaji=\(kamaji.rawValue)"),
            ]
        }

        var testDescription: String { "\(clusterAPI.rawValue)/\(vsphere.rawValue)/\(kamaji.rawValue)" }
    }

    static let combinations: [Targets] = APIVersionValues.ClusterAPI.allCases.flatMap { clusterAPI in
        APIVersionValues.VSphere.allCases.flatMap { vsphere in
            APIVersionValues.Kamaji.allCases.map { Targets(clusterAPI: clusterAPI, vsphere: vsphere, kamaji: $0) }
        }
    }

    static let conformanceCases = Fixtures.caseFolders("conformance/chart-0.2.9")

    static func render(_ folder: String, _ targets: Targets) throws -> [ManifestObject] {
        let chartCase = try ChartCase(folder: folder)
        var request = chartCase.request
        request.setFlags = targets.sets
        return try RenderPipeline.render(request).objects
    }

    static func objects(_ values: String = "{}", _ targets: Targets) throws -> [ManifestObject] {
        try Rendering.objects(values, sets: targets.sets)
    }

    static let beta2 = Targets(clusterAPI: .v1beta2, vsphere: .v1beta2, kamaji: .v1alpha2)
    static let chart = Targets(clusterAPI: .v1beta1, vsphere: .v1beta1, kamaji: .v1alpha1)

    /// What `kamaji-capi render ... | kamaji-capi validate` does: the emitted stream, read back.
    static func validated(_ objects: [ManifestObject], _ name: String) -> ValidationReport {
        ManifestValidator.validate(stream: ManifestStream.yaml(objects), source: name)
    }

    @Test(arguments: conformanceCases, combinations)
    func everyCaseRendersValidObjectsForEveryTarget(folder: String, targets: Targets) throws {
        let objects = try Self.render(folder, targets)
        let report = Self.validated(objects, folder)
        #expect(report.checked == objects.count)
        #expect(report.problems.isEmpty, "\(report.problems.map(\.description).joined(separator: "\n"))")
        let versions = Set(objects.map { "\($0.kind) \($0.apiVersion)" })
        #expect(versions.contains("Cluster cluster.x-k8s.io/\(targets.clusterAPI.rawValue)"))
        #expect(versions.contains("KubeadmConfigTemplate bootstrap.cluster.x-k8s.io/\(targets.clusterAPI.rawValue)"))
        #expect(versions.contains("VSphereMachineTemplate infrastructure.cluster.x-k8s.io/\(targets.vsphere.rawValue)"))
        #expect(versions.contains("KamajiControlPlane controlplane.cluster.x-k8s.io/\(targets.kamaji.rawValue)"))
    }

    static let examplesFolder = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")
    /// The vSphere chart's examples (examples/proxmox.yaml has its own targets, in ProxmoxChartTests).
    static let examples = ((try? FileManager.default.contentsOfDirectory(atPath: examplesFolder.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("proxmox") }.sorted()

    /// The examples cover the Metal³ and Equinix providers, storage, the CNI add-on and NodePort.
    @Test(arguments: examples, combinations)
    func everyExampleRendersValidObjectsForEveryTarget(example: String, targets: Targets) throws {
        let text = try String(contentsOf: Self.examplesFolder.appendingPathComponent(example), encoding: .utf8)
        let passwords = ["vSphere.password=p", "vSphereStorageControllerManager.password=q"].map { SetFlag(.string, $0) }
        let objects = try Rendering.objects(text, sets: targets.sets + passwords)
        let report = Self.validated(objects, example)
        #expect(report.checked == objects.count)
        #expect(report.problems.isEmpty, "\(report.problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func theChartsVersionsAreTheDefault() throws {
        #expect(try Rendering.objects("{}") == (try Self.objects("{}", Self.chart)))
    }

    @Test func v1beta2ReferencesNameTheGroupNotTheVersion() throws {
        let objects = try Self.objects("{}", Self.beta2)
        let cluster = try #require(Rendering.object("Cluster", in: objects))
        #expect(cluster["spec", "controlPlaneRef"] == ["apiGroup": "controlplane.cluster.x-k8s.io", "kind": "KamajiControlPlane", "name": "test"])
        #expect(cluster["spec", "infrastructureRef"] == ["apiGroup": "infrastructure.cluster.x-k8s.io", "kind": "VSphereCluster", "name": "test"])
        let deployment = try #require(Rendering.object("MachineDeployment", in: objects))
        let template = try #require(objects.first { $0.kind == "KubeadmConfigTemplate" })
        #expect(deployment["spec", "template", "spec", "bootstrap", "configRef"] == [
            "apiGroup": "bootstrap.cluster.x-k8s.io", "kind": "KubeadmConfigTemplate", "name": .string(template.name),
        ])
        #expect(deployment["spec", "template", "spec", "infrastructureRef", "apiGroup"] == "infrastructure.cluster.x-k8s.io")
    }

    /// A v1beta2 Cluster names no version, so the CAPV version can differ from Cluster API's.
    @Test func v1beta1ReferencesNameTheReferencedObjectsVersion() throws {
        let objects = try Self.objects("{}", Targets(clusterAPI: .v1beta1, vsphere: .v1beta2, kamaji: .v1alpha2))
        let cluster = try #require(Rendering.object("Cluster", in: objects))
        #expect(cluster["spec", "infrastructureRef", "apiVersion"] == "infrastructure.cluster.x-k8s.io/v1beta2")
        #expect(cluster["spec", "controlPlaneRef", "apiVersion"] == "controlplane.cluster.x-k8s.io/v1alpha2")
    }

    @Test func v1beta2KubeletArgumentsAreAnOrderedListOfNamesAndValues() throws {
        let values = "nodePools: [{name: p, template: t, network: vm-net, labels: 'a=b', taints: 'k=v:NoSchedule'}]"
        let template = try #require(Rendering.object("KubeadmConfigTemplate", in: try Self.objects(values, Self.beta2)))
        #expect(template["spec", "template", "spec", "joinConfiguration", "nodeRegistration", "kubeletExtraArgs"] == [
            ["name": "node-ip", "value": "{{ ds.meta_data.local_ipv4 }}"],
            ["name": "cloud-provider", "value": "external"],
            ["name": "node-labels", "value": "a=b"],
            ["name": "register-with-taints", "value": "k=v:NoSchedule"],
        ])
        let chart = try #require(Rendering.object("KubeadmConfigTemplate", in: try Self.objects(values, Self.chart)))
        #expect(chart["spec", "template", "spec", "joinConfiguration", "nodeRegistration", "kubeletExtraArgs", "node-labels"] == "a=b")
    }

    /// v1beta2 gives optional strings and lists a minimum length, so empty ones are left out; the
    /// chart's v1beta1 objects keep them as the chart writes them.
    @Test func emptyOptionalValuesAreLeftOutOfV1beta2Only() throws {
        let values = """
            vSphere: {tlsThumbprint: ""}
            cluster: {clusterNetwork: {pods: {cidrBlocks: []}, serviceDomain: ""}}
            nodePools: [{name: p, template: t, network: vm-net, storagePolicyName: "", folder: ""}]
            """
        let beta2 = try Self.objects(values, Self.beta2)
        let chart = try Self.objects(values, Self.chart)
        for (objects, present) in [(beta2, false), (chart, true)] {
            let machine = try #require(Rendering.object("VSphereMachineTemplate", in: objects))
            let cluster = try #require(Rendering.object("Cluster", in: objects))
            #expect((machine["spec", "template", "spec", "storagePolicyName"] != nil) == present)
            #expect((machine["spec", "template", "spec", "folder"] != nil) == present)
            #expect((Rendering.object("VSphereCluster", in: objects)?["spec", "thumbprint"] != nil) == present)
            #expect((cluster["spec", "clusterNetwork", "pods"] != nil) == present)
            #expect((cluster["spec", "clusterNetwork", "serviceDomain"] != nil) == present)
        }
    }

    @Test func clusterResourceSetFollowsClusterAPI() throws {
        let storage = "vSphereStorageControllerManager: {enabled: true, secret: {name: csi}}"
        let set = try Self.objects(storage, Self.beta2).first { $0.kind == "ClusterResourceSet" }
        #expect(set?.apiVersion == "addons.cluster.x-k8s.io/v1beta2")
    }

    // MARK: Template names

    /// The chart never rendered v1beta2, so its templates are named from their spec, as the other
    /// providers' templates are (`TemplateHashText`).
    @Test func v1beta2TemplatesAreNamedFromTheirSpec() throws {
        let objects = try Self.objects("{}", Self.beta2)
        for (kind, infix) in [("VSphereMachineTemplate", "vsphere-machine-template"), ("KubeadmConfigTemplate", "kubeadmconfig")] {
            let template = try #require(objects.first { $0.kind == kind })
            let spec = try #require(template.body["spec", "template", "spec"])
            #expect(template.name == TemplateName.providerTemplate(cluster: "test", pool: "default", kind: infix, spec: spec))
            #expect(template.body["metadata", "name"] == .string(template.name))
        }
        // Pinned: a change here renames every v1beta2 template and so rolls every pool.
        #expect(objects.filter { $0.kind.hasSuffix("Template") }.map(\.name) == [
            "test-default-vsphere-machine-template-b8dcc120", "test-default-kubeadmconfig-0f99d5fd",
        ])
    }

    @Test func theSameSpecKeepsItsNameAndAChangedSpecGetsANewOne() throws {
        func templates(memory: Int) throws -> [ManifestObject] {
            try Self.objects("nodePools: [{name: p, template: t, network: vm-net, memoryMiB: \(memory)}]", Self.beta2)
                .filter { $0.kind.hasSuffix("Template") }
        }
        let first = try templates(memory: 4096), again = try templates(memory: 4096), bigger = try templates(memory: 8192)
        #expect(first.map(\.name) == again.map(\.name))
        #expect(first[0].name != bigger[0].name, "the machine template changed")
        #expect(first[1].name == bigger[1].name, "the bootstrap template did not")
    }

    /// Switching a target renames the templates it covers, so `diff` reports every pool as rolling.
    @Test(arguments: [
        (Targets(clusterAPI: .v1beta2, vsphere: .v1beta1, kamaji: .v1alpha1), ["KubeadmConfigTemplate"]),
        (Targets(clusterAPI: .v1beta1, vsphere: .v1beta2, kamaji: .v1alpha1), ["VSphereMachineTemplate"]),
        (beta2, ["KubeadmConfigTemplate", "VSphereMachineTemplate"]),
    ])
    func switchingVersionsRollsEveryPool(targets: Targets, renamed: [String]) throws {
        let values = try Fixtures.text("conformance/chart-0.2.9/four-pools/values.yaml")
        let old = try Self.objects(values, Self.chart), new = try Self.objects(values, targets)
        let report = RollAnalysis.analyze(old: old, new: new)
        #expect(report.pools.count == 4)
        let rolling = report.pools.filter { $0.rolls }.count
        #expect(rolling == 4, "\(report.pools.map { $0.line })")
        let changedKinds = Set(new.filter { $0.kind.hasSuffix("Template") && !old.contains($0) }.map(\.kind))
        #expect(changedKinds == Set(renamed))
    }

    /// The same through the command line, as docs/api-versions.md shows it.
    @Test func diffReportsTheSwitchAsARoll() throws {
        let directory = try TemporaryDirectory()
        try directory.write("before.yaml", "{}\n")
        try directory.write("after.yaml", "apiVersions: {clusterAPI: v1beta2, vsphere: v1beta2, kamaji: v1alpha2}\n")
        let result = try CommandLineTool.run(
            ["diff", "--name", "my-cluster", "--old-values", "before.yaml", "--new-values", "after.yaml"], in: directory.url)
        #expect(result.stdout.hasPrefix("objects: 0 added, 0 removed, 4 changed, 2 replaced (templates renamed by their hash)"))
        #expect(result.stdout.contains("\npool default rolls: "))
    }
}

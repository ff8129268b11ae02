import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `--chart capi-kamaji-proxmox` and the `chart` key: the Proxmox chart's defaults, its own keys
/// (unknown ones refused with a did-you-mean), its schema, and `diff` naming its rolls.
@Suite struct ProxmoxChartCommandTests {
    static let trio = "conformance/proxmox-0.0.4/upgrade"

    static func errors(_ text: String, chart: ChartName? = nil, sets: [SetFlag] = []) -> [Diagnostic] {
        var request = Rendering.request([text], sets: sets)
        request.chart = chart
        do {
            _ = try RenderPipeline.render(request)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func eachChartHasItsOwnKeys() {
        let misspelt = Self.errors("chart: capi-kamaji-proxmox\nnodePools:\n- {name: a, templateID: 5}")
        #expect(misspelt.map(\.path) == ["nodePools[0].templateID"])
        #expect(misspelt.first?.hint == "did you mean \"templateId\"?")
        #expect(Self.errors("vSphere: {server: x}", chart: .proxmox).map(\.code) == [.unknownKey])
        #expect(Self.errors("proxmox: {secret: {name: x}}").map(\.code) == [.unknownKey], "the vSphere chart has no proxmox key")
        let provider = Self.errors("infrastructure: {provider: proxmox}")
        #expect(provider.first?.hint == "use one of: vsphere, metal3, equinix", "Proxmox is a chart, not a provider of the vSphere chart")
    }

    @Test func theChartIsChosenOnceBeforeTheDefaults() {
        let conflict = Self.errors("chart: capi-kamaji-proxmox", chart: .vsphere)
        #expect(conflict.map(\.path) == ["chart"])
        #expect(conflict.first?.message.contains("--chart says capi-kamaji-vsphere") == true)
        #expect(Self.errors("chart: capi-kamaji-openstack").first?.message == "\"capi-kamaji-openstack\" is not a chart kamaji-capi renders")
        #expect(Self.errors("chart: capi-kamaji-proxmx").first?.hint == "did you mean \"capi-kamaji-proxmox\"?")
        let late = Self.errors("{}", sets: [SetFlag(.string, "chart=capi-kamaji-proxmox")])
        #expect(late.map(\.path) == ["chart"])
        #expect(Self.errors("chart: capi-kamaji-vsphere").isEmpty, "a vSphere values file may name its chart too")
        var twoCharts = Rendering.request(["chart: capi-kamaji-proxmox", "chart: capi-kamaji-vsphere"])
        twoCharts.chart = nil
        #expect(throws: DiagnosticError.self) { try RenderPipeline.render(twoCharts) }
    }

    @Test func defaultsAreTheCompiledInFile() throws {
        let file = GeneratedDocsTests.repository.appendingPathComponent("values/proxmox-values.yaml")
        #expect(
            try String(contentsOf: file, encoding: .utf8) == ProxmoxDefaultValues.yaml + "\n",
            "values/proxmox-values.yaml changed: run scripts/embed-defaults.sh")
        let chartValues = try YAMLText.document(ProxmoxDefaultValues.yaml, file: "values.yaml")
        #expect(ChartName.named(in: chartValues) == "capi-kamaji-proxmox")
    }

    @Test func schemaIsRecordedFromTheProxmoxTypes() throws {
        let keys = Dictionary(ValuesReference.proxmoxKeys.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(keys["nodePools[].templateId"]?.type == .integerOrString)
        #expect(keys["nodePools[].labels"]?.type == .scalarString)
        #expect(keys["apiVersions.proxmox"]?.type == .enumeration(["v1alpha1", "v1alpha2"]))
        #expect(keys["nodePools[].sourceNode"]?.description?.hasPrefix("Proxmox VE node that hosts the VM template") == true)
        #expect(keys["cluster.controlPlane.network.ingress.hostname"] != nil)
        #expect(keys["vSphere"] == nil && keys["nodePools[].template"] == nil)
        #expect(try ValuesSchemaTests.violations(ofValuesText: ProxmoxDefaultValues.yaml) == [])
        #expect(try ValuesSchemaTests.violations(ofValuesText: "chart: capi-kamaji-proxmox\nnodePools:\n- {name: a, numCPUs: 2}")
            == [".nodePools[0].numCPUs: not allowed"])
    }

    @Test func valuesReferenceIsFresh() {
        #expect(
            GeneratedDocsTests.committed("docs/providers/proxmox-values.md") == ValuesReference.markdown(chart: .proxmox),
            "docs/providers/proxmox-values.md is stale: run `swift run kamaji-capi schema --markdown --chart capi-kamaji-proxmox > docs/providers/proxmox-values.md`")
    }

    @Test func valuesAndSchemaCommandsTakeTheChart() throws {
        let values = try CommandLineTool.run(["values", "--chart", "capi-kamaji-proxmox"])
        #expect(values.status == 0)
        #expect(values.stdout == ProxmoxDefaultValues.yaml + "\n")
        let schema = try CommandLineTool.run(["schema", "--chart", "capi-kamaji-proxmox"])
        #expect(schema.stdout == ValuesReference.jsonSchema(chart: .proxmox))
        #expect(schema.stdout.contains("\"templateId\""))
        let wrong = try CommandLineTool.run(["values", "--chart", "capi-kamaji-openstack"])
        #expect(wrong.status == 2)
    }

    @Test func renderTakesTheChartFromTheFlagOrTheFile() throws {
        let flag = try CommandLineTool.run(["render", "my-cluster", "--chart", "capi-kamaji-proxmox", "-f", "\(Self.trio)-before/values.yaml"])
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(flag.stdout.contains("name: my-cluster-default-proxmox-machine-template-ecfda09f"))
        let vSphere = try CommandLineTool.run(["render", "my-cluster", "-f", "\(Self.trio)-before/values.yaml"])
        #expect(vSphere.status == 1, "without --chart or a chart key, the vSphere chart refuses the Proxmox keys")
        #expect(vSphere.stderr.contains("the chart has no key \"sourceNode\""))
    }

    /// The upgrade trio through `diff`: scaled changes replicas only, after rolls the pool because
    /// the VM template id (and so the ProxmoxMachineTemplate's name) changed.
    @Test func diffNamesTheRollAndTheScale() throws {
        let scaled = try CommandLineTool.run([
            "diff", "--chart", "capi-kamaji-proxmox", "--name", "my-cluster", "--old-values", "\(Self.trio)-before/values.yaml",
            "--new-values", "\(Self.trio)-scaled/values.yaml", "--summary",
        ])
        #expect(scaled.status == 1, "\(scaled.stderr)")
        #expect(scaled.stdout.contains("pool default scales, no roll: replicas"), "\(scaled.stdout)")
        let after = try CommandLineTool.run([
            "diff", "\(Self.trio)-before/expected.yaml", "\(Self.trio)-after/expected.yaml", "--summary",
        ])
        #expect(after.status == 1)
        #expect(after.stdout.contains("pool default rolls: "), "\(after.stdout)")
        #expect(after.stdout.contains("templateID 100 -> 101"), "\(after.stdout)")
        let before = try ProxmoxChartConformanceTests.render("\(Self.trio)-before")
        let report = RollAnalysis.analyze(old: before, new: try ProxmoxChartConformanceTests.render("\(Self.trio)-after"))
        #expect(report.pool("default")?.rolls == true)
        #expect(report.replacements.map(\.old).contains { $0.contains("ProxmoxMachineTemplate") })
    }

    /// A fleet mixes the charts: each values file names its own, so render-fleet and check need no flag.
    @Test func aFleetMixesTheCharts() throws {
        let directory = try TemporaryDirectory()
        try directory.write("tenants/pve-a.yaml", "chart: capi-kamaji-proxmox\ncluster: {name: pve-a}\n")
        try directory.write("tenants/vs-b.yaml", "nodePools:\n- {name: a, template: t, network: vm-net}\n")
        let render = try CommandLineTool.run(["render-fleet", "tenants", "--output-dir", "clusters"], in: directory.url)
        #expect(render.status == 0, "\(render.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("clusters/pve-a").path)
        #expect(files.contains { $0.hasPrefix("proxmoxmachinetemplate-pve-a-default-proxmox-machine-template-") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("clusters/vs-b").path)
            .contains("vspherecluster-vs-b.yaml"))
        let check = try CommandLineTool.run(["check", "tenants"], in: directory.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// `--api-versions`: CAPMOX's chart version while the cluster serves it, else the newest it serves.
    @Test func servedAPIVersionsChooseCAPMOXsVersion() throws {
        var request = RenderRequest(releaseName: "my-cluster", chart: .proxmox)
        request.servedAPIVersions = ["infrastructure.cluster.x-k8s.io/v1alpha2", "cluster.x-k8s.io/v1beta1", "controlplane.cluster.x-k8s.io/v1alpha1"]
        let newest = try RenderPipeline.render(request).objects.filter { $0.kind.hasPrefix("Proxmox") }
        #expect(newest.count == 2 && newest.allSatisfy { $0.apiVersion == "infrastructure.cluster.x-k8s.io/v1alpha2" })
        request.servedAPIVersions?.insert("infrastructure.cluster.x-k8s.io/v1alpha1")
        let chart = try RenderPipeline.render(request).objects.filter { $0.kind.hasPrefix("Proxmox") }
        #expect(chart.allSatisfy { $0.apiVersion == "infrastructure.cluster.x-k8s.io/v1alpha1" })
    }
}

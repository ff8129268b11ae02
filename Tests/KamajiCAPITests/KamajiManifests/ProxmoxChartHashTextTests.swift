import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The worked example of ../shared/conformance/proxmox-0.0.4/README.md and the `S(x)` printing the
/// chart's unquoted `{{ x }}` hashes: `<no value>` for an absent or null key, Go's float formatting.
@Suite struct ProxmoxChartHashTextTests {
    static func model(_ values: String = "{}") throws -> ClusterModel {
        let request = RenderRequest(
            releaseName: "my-cluster", valueFiles: [ValuesFile(name: "values.yaml", text: values)], chart: .proxmox)
        return try RenderPipeline.check(request).model
    }

    @Test func machineTemplateTextIsTheChartsText() throws {
        let pool = try #require(try Self.model().pools.first?.proxmox)
        let expected = """
            allowedNodes:
            - labs
            disks:
              bootVolume:
                disk: scsi0
                sizeGb: 25
            storage: local
            format: qcow2
            full: true
            network:
              default:
                ipv4PoolRef:
                  apiGroup: ipam.cluster.x-k8s.io
                  kind: InClusterIPPool
                  name: my-cluster-ipam-ip-pool
                dnsServers:
                - 8.8.8.8
                bridge: vmbr0
                model: virtio
            memoryMiB: 8192
            numCores: 2
            numSockets: 2
            sourceNode: pve
            pool: 
            templateID: 100
            """
        #expect(ChartHashText.proxmoxMachineTemplate(pool: pool, clusterName: "my-cluster") == expected)
        #expect(TemplateName.hashSuffix(expected) == "ecfda09f")
    }

    @Test func kubeadmConfigTextIsTheChartsText() throws {
        let pool = try #require(try Self.model().pools.first?.proxmox)
        let text = ChartHashText.proxmoxKubeadmConfigTemplate(pool: pool)
        #expect(text.hasPrefix("joinConfiguration:\n  nodeRegistration:\n    name: '{{ local_hostname }}'\n"))
        #expect(text.contains("      provider-id: proxmox://'{{ ds.meta_data.instance_id }}'\nfiles:\n"))
        #expect(TemplateName.hashSuffix(text) == "fb144314")
    }

    /// The chart hashes `<no value>` for an absent or null key before Helm strips it from the file;
    /// `labels: null` still counts as having the key.
    @Test func absentAndNullKeysHashNoValue() throws {
        let values = """
            nodePools:
            - name: a
              sourceNode: pve
              templateId: 100
              network: {bridge: vmbr0, dnsServers: []}
              disks: {bootVolume: {disk: scsi0, sizeGb: 25}}
              labels: null
            """
        let pool = try #require(try Self.model(values).pools.first?.proxmox)
        let machine = ChartHashText.proxmoxMachineTemplate(pool: pool, clusterName: "my-cluster")
        #expect(machine.contains("\n    dnsServers:\n    bridge: vmbr0\n    model: <no value>\nmemoryMiB: <no value>\n"))
        #expect(machine.contains("\nformat: <no value>\n") && machine.contains("\npool: <no value>\n"))
        let kubeadm = ChartHashText.proxmoxKubeadmConfigTemplate(pool: pool)
        #expect(kubeadm.hasSuffix("provider-id: proxmox://'{{ ds.meta_data.instance_id }}'\n      node-labels: <no value>"))
        #expect(!kubeadm.contains("register-with-taints"))
    }

    /// `S(x)`: Go's `%v` of the float64 Helm holds for every number, a numeric string as written.
    @Test func scalarsPrintAsGoPrintsThem() {
        #expect(ChartHashText.s(.int(8192)) == "8192")
        #expect(ChartHashText.s(.int(1_000_000)) == "1e+06")
        #expect(ChartHashText.s(.int(1_048_576)) == "1.048576e+06")
        #expect(ChartHashText.s(.string("8192")) == "8192")
        #expect(ChartHashText.s(.float(1.32)) == "1.32")
        #expect(ChartHashText.s(.bool(true)) == "true")
        #expect(ChartHashText.s(.string("")) == "")
        #expect(ChartHashText.s(.null) == "<no value>")
        #expect(ChartHashText.s(nil) == "<no value>")
    }

    /// The upgrade trio: scaling keeps both names; a new VM template id renames the machine template only.
    @Test func upgradeTrioNames() throws {
        func names(_ folder: String) throws -> Set<String> {
            Set(try ProxmoxChartConformanceTests.render("conformance/proxmox-0.0.4/\(folder)")
                .filter { $0.kind.hasSuffix("Template") }.map(\.name))
        }
        let before = try names("upgrade-before"), scaled = try names("upgrade-scaled"), after = try names("upgrade-after")
        #expect(before == scaled)
        #expect(before.subtracting(after) == ["my-cluster-default-proxmox-machine-template-ecfda09f"])
    }
}

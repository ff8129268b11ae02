import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The worked examples of ../shared/conformance/README.md: the exact hashed texts and their suffixes.
@Suite struct ChartHashTextTests {
    static func defaultModel() throws -> ClusterModel {
        try RenderPipeline.render(RenderRequest(releaseName: "my-cluster")).model
    }

    @Test func kubeadmConfigTextIsTheChartsText() throws {
        let pool = try Self.defaultModel().values.nodePools[0]
        let expected = """
            joinConfiguration:
              nodeRegistration:
                criSocket: /var/run/containerd/containerd.sock
                kubeletExtraArgs:
                  node-ip: "{{ ds.meta_data.local_ipv4 }}"
                  cloud-provider: external
                name: "{{ local_hostname }}"
            preKubeadmCommands:
              -
                hostnamectl set-hostname "{{ ds.meta_data.hostname }}"
              -
                echo "::1         ipv6-localhost ipv6-loopback localhost6 localhost6.localdomain6"
                  >/etc/hosts
              -
                echo "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4"
                  >>/etc/hosts
            users:
              -
                lockPassword: true
                name: ubuntu
                shell: /bin/bash
                sshAuthorizedKeys: []
                sudo: ALL=(ALL) NOPASSWD:ALL
            """
        #expect(ChartHashText.kubeadmConfigTemplate(pool: pool) == expected)
        #expect(TemplateName.hashSuffix(expected) == "337ce8cb")
    }

    @Test func defaultPoolNamesMatchTheChart() throws {
        let model = try Self.defaultModel()
        let pool = ChartTemplateNames.naming(model.pools[0], in: model)
        #expect(model.pools[0].machineTemplateName == nil, "the model leaves naming to the manifests stage")
        #expect(pool.machineTemplateName == "my-cluster-default-vsphere-machine-template-087b6dd9")
        #expect(pool.kubeadmConfigTemplateName == "my-cluster-default-kubeadmconfig-337ce8cb")
    }

    @Test func machineTemplateTextFollowsTheSpecification() throws {
        var pool = try Self.defaultModel().values.nodePools[0]
        pool.staticRoutes = [.init(to: "0.0.0.0/0", via: "10.0.0.1", metric: nil)]
        pool.addressesFromPools = .init(enabled: false)
        pool.nameServers = []
        pool.dataStore = nil
        pool.diskGiB = nil
        pool.dhcp4 = nil
        let text = ChartHashText.vSphereMachineTemplate(
            pool: pool, vSphere: .init(dataCenter: "dc", server: "vc", tlsThumbprint: "é\"x"), clusterName: "c")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("datastore: "))  // an absent quoted value prints nothing after the colon
        #expect(lines.contains("diskGiB: <no value>"))  // an absent unquoted one is Go's <no value>
        #expect(lines.contains("  - dhcp4: <no value>"))
        #expect(lines.contains("    nameservers:"))
        #expect(lines.contains("    addressesFromPools:"))
        #expect(!text.contains("InClusterIPPool"))
        #expect(lines.contains("      metric: 100"))  // the chart's default metric
        #expect(lines.last == "thumbprint: \"é\\\"x\"")
        #expect(!text.hasSuffix("\n"))
    }

    /// Deliberate deviation 6: the chart writes a million as 1e+06; here it stays a whole number, in
    /// the hashed text and in the object.
    @Test func largeNumbersAreWrittenInFull() throws {
        var request = RenderRequest(releaseName: "big")
        request.valueFiles = [
            ValuesFile(name: "big.yaml", text: """
                nodePools:
                - name: big
                  template: t
                  network: vm-net
                  memoryMiB: 2097152
                  diskGiB: 1000000
                """)
        ]
        let result = try RenderPipeline.render(request)
        let text = ChartHashText.vSphereMachineTemplate(
            pool: result.model.values.nodePools[0], vSphere: result.model.values.vSphere, clusterName: "big")
        #expect(text.contains("memoryMiB: 2097152"))
        #expect(text.contains("diskGiB: 1000000"))
        let yaml = ManifestStream.yaml(result.objects)
        #expect(yaml.contains("memoryMiB: 2097152"))
        #expect(!yaml.contains("e+"))
    }
}

import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The defects of chart capi-kamaji-proxmox 0.0.4 this project fixes on purpose (the nine of
/// ../shared/conformance/proxmox-0.0.4/README.md, docs/deviations.md "capi-kamaji-proxmox").
/// The values refused (7, 8, 9) are also check fixtures: Fixtures/check/KC81*.
@Suite struct ProxmoxDeviationTests {
    /// Values for chart capi-kamaji-proxmox: the file names its chart.
    static func proxmox(_ yaml: String) -> String { "chart: capi-kamaji-proxmox\n" + yaml }

    /// A complete pool, for values that replace the default pool list.
    static func pool(_ extra: String = "", name: String = "a") -> String {
        """
        - name: \(name)
          sourceNode: pve
          templateId: 100
          network: {bridge: vmbr0, model: virtio, dnsServers: [8.8.8.8], addressesFromPools: {enabled: true}}
          disks: {bootVolume: {disk: scsi0, sizeGb: 25}}
          memoryMiB: 4096
          numCores: 2
          numSockets: 1
        \(extra)
        """
    }

    /// 1: the chart reads `.apiServerPort` of the root context and always writes 6443.
    @Test func apiServerPortIsHonoured() throws {
        let objects = try Rendering.objects(Self.proxmox("cluster: {clusterNetwork: {apiServerPort: 8443}, metrics: {enabled: true}}"))
        #expect(Rendering.object("Cluster", in: objects)?["spec", "clusterNetwork", "apiServerPort"] == 8443)
        #expect(Rendering.object("Service", in: objects)?["spec", "ports"]?.sequence?.first?["port"] == 8443)
    }

    /// 2: `cluster.credentialsRef` is read by no template; set by the values, it is the ProxmoxCluster's.
    @Test func credentialsRefIsHonouredWhenSet() throws {
        let objects = try Rendering.objects(Self.proxmox("cluster: {credentialsRef: {name: my-secret}}"))
        let reference = Rendering.object("ProxmoxCluster", in: objects)?["spec", "credentialsRef"]
        #expect(reference == ["name": "my-secret", "namespace": "default"])
        // Only the default (the chart's sample Secret) and proxmox.secret: proxmox.secret, as the chart.
        let defaults = try Rendering.objects(Self.proxmox(""))
        #expect(Rendering.object("ProxmoxCluster", in: defaults)?["spec", "credentialsRef", "name"] == "proxmox-secret")
    }

    /// 3: `network.ingress` is documented but never rendered by the chart.
    @Test func ingressIsRendered() throws {
        let objects = try Rendering.objects(
            Self.proxmox("cluster: {controlPlane: {network: {ingress: {hostname: api.example.com, className: nginx}}}}"))
        let ingress = Rendering.object("KamajiControlPlane", in: objects)?["spec", "network", "ingress"]
        #expect(ingress == ["className": "nginx", "hostname": "api.example.com"])
    }

    /// 4: an autoscaled pool without labels (absent or `{}`) breaks the chart's YAML; here it renders
    /// with the cluster label alone.
    @Test(arguments: ["autoscaling: {enabled: true, minSize: \"1\", maxSize: \"3\"}", "autoscaling: {enabled: true, minSize: 1, maxSize: 3, labels: {}}"])
    func autoscaledPoolWithoutLabelsRenders(autoscaling: String) throws {
        let objects = try Rendering.objects(Self.proxmox("nodePools:\n" + Self.pool("  " + autoscaling)))
        let deployment = try #require(Rendering.object("MachineDeployment", in: objects))
        #expect(deployment["metadata", "labels"] == ["cluster.x-k8s.io/cluster-name": "test"])
        #expect(deployment["metadata", "annotations", "cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size"] == "3")
    }

    /// 5: the chart prints these strings unquoted, so `1.32` becomes a float and `123` a number; here
    /// they stay strings, and the names still hash the chart's text (`- 1.32`, `pool: 123`).
    @Test func stringsStayStrings() throws {
        let values = Self.proxmox("nodePools:\n" + Self.pool("  pool: 123\n  labels: 7\n  templateSelector: {matchTags: [1.32]}")
            .replacingOccurrences(of: "templateId: 100", with: "templateId: null"))
        let objects = try Rendering.checkedObjects(values, ignoring: ["KC107"])
        let spec = Rendering.object("ProxmoxMachineTemplate", in: objects)?["spec", "template", "spec"]
        #expect(spec?["pool"] == "123")
        #expect(spec?["templateSelector", "matchTags"] == ["1.32"])
        let kubelet = Rendering.object("KubeadmConfigTemplate", in: objects)?["spec", "template", "spec", "joinConfiguration", "nodeRegistration", "kubeletExtraArgs"]
        #expect(kubelet?["node-labels"] == "7")
        let pool = try #require(Rendering.model(values).pools.first?.proxmox)
        let text = ChartHashText.proxmoxMachineTemplate(pool: pool, clusterName: "test")
        #expect(text.contains("\npool: 123\n") && text.hasSuffix("matchTags:\n  - 1.32"))
        #expect(ChartHashText.proxmoxKubeadmConfigTemplate(pool: pool).contains("node-labels: 7"))
    }

    /// 6: a million is `1e+06` in the chart's object (a string to the API server); here in full. The
    /// hash text keeps the chart's `1e+06`, so the name is the chart's.
    @Test func largeNumbersAreWrittenInFull() throws {
        let values = Self.proxmox("nodePools:\n" + Self.pool().replacingOccurrences(of: "templateId: 100", with: "templateId: 1000000"))
        let objects = try Rendering.objects(values)
        let template = try #require(objects.first { $0.kind == "ProxmoxMachineTemplate" })
        #expect(template.body["spec", "template", "spec", "templateID"] == 1_000_000)
        let pool = try #require(Rendering.model(values).pools.first?.proxmox)
        let text = ChartHashText.proxmoxMachineTemplate(pool: pool, clusterName: "test")
        #expect(text.hasSuffix("templateID: 1e+06"))
        #expect(template.name == "test-a-proxmox-machine-template-" + TemplateName.hashSuffix(text))
    }

    /// 7: IPAM off while a pool draws from the pool the chart then does not render: refused, naming both.
    @Test func ipPoolReferenceWithoutThePoolIsRefused() throws {
        let errors = Rendering.errors(Self.proxmox("ipamProvider: {enabled: false}"))
        #expect(errors.map(\.rule) == ["KC810"])
        #expect(errors.first?.path == "nodePools[0].network.addressesFromPools.enabled")
        #expect(errors.first?.message.contains("ipamProvider.enabled: false") == true)
    }

    /// 8: required fields passed through empty, which the API server rejects: refused with the value's path.
    @Test func emptyRequiredFieldsAreRefused() throws {
        #expect(Rendering.errors(Self.proxmox("cluster: {dnsServers: []}")).map(\.path) == ["cluster.dnsServers"])
        #expect(Rendering.errors(Self.proxmox("cluster: {ipv4Config: {addresses: []}}")).map(\.path) == ["cluster.ipv4Config.addresses"])
        let small = Self.proxmox("nodePools:\n" + Self.pool().replacingOccurrences(of: "sizeGb: 25", with: "sizeGb: 3"))
        #expect(Rendering.errors(small).map(\.path) == ["nodePools[0].disks.bootVolume.sizeGb"])
    }

    /// 9: no template to clone, or no disks and network, crash the chart with a nil pointer; here an
    /// error with a path. `--set nodePools[0].replicas=5` without a file keeps the default pool.
    @Test func missingPoolPartsAreErrorsWithAPath() throws {
        let noTemplate = Self.proxmox("nodePools:\n" + Self.pool().replacingOccurrences(of: "templateId: 100", with: "templateId: 0"))
        #expect(Rendering.errors(noTemplate).map(\.path) == ["nodePools[0].templateSelector.matchTags"])
        let bare = Rendering.errors(Self.proxmox("nodePools:\n- {name: a, sourceNode: pve, templateId: 100}"))
        #expect(Set(bare.map(\.path)) == ["nodePools[0].disks.bootVolume.disk", "nodePools[0].disks.bootVolume.sizeGb", "nodePools[0].network.bridge"])
        let objects = try Rendering.objects(Self.proxmox(""), sets: [.init(.typed, "nodePools[0].replicas=5")])
        #expect(Rendering.object("MachineDeployment", in: objects)?["spec", "replicas"] == 5)
        #expect(Rendering.object("ProxmoxMachineTemplate", in: objects)?["spec", "template", "spec", "templateID"] == 100)
    }
}

extension Rendering {
    /// The model of values that pass decoding.
    static func model(_ files: String...) throws -> ClusterModel {
        try RenderPipeline.check(request(files)).model
    }

    /// The objects of values whose only errors are of the given rules (a test that looks past one rule).
    static func checkedObjects(_ files: String..., ignoring rules: Set<String>) throws -> [ManifestObject] {
        let result = try RenderPipeline.check(request(files))
        let errors = result.errors.filter { !rules.contains($0.rule ?? "") }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        return ClusterManifest.build(result.model)
    }
}

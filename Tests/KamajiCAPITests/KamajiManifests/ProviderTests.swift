import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The Metal³ and Equinix Metal providers: rolling names, the control-plane endpoint rules, and the
/// CNI add-on.
@Suite struct ProviderTests {
    static let examples = SeedGuideTests.examples

    static func example(_ name: String) throws -> String {
        try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
    }

    static func names(_ objects: [ManifestObject], _ kind: String) -> [String] {
        objects.filter { $0.kind == kind }.map(\.name)
    }

    // MARK: rolling

    @Test func newMetal3ImageRollsThePoolReplicasDoNot() throws {
        let base = try Self.example("metal3.yaml")
        let before = try Rendering.objects(base, release: "test1")
        let newImage = try Rendering.objects(
            base, release: "test1", sets: [.init(.string, "nodePools[0].metal3.image.url=http://172.22.0.1/images/new.img")])
        let scaled = try Rendering.objects(base, release: "test1", sets: [.init(.typed, "nodePools[0].replicas=5")])
        let template = "Metal3MachineTemplate"
        #expect(Self.names(newImage, template) != Self.names(before, template))
        #expect(Self.names(newImage, "Metal3DataTemplate") == Self.names(before, "Metal3DataTemplate"))
        #expect(Rendering.object("MachineDeployment", in: newImage)?["spec", "template", "spec", "infrastructureRef", "name"]
            == .string(Self.names(newImage, template)[0]))
        #expect(Self.names(scaled, template) == Self.names(before, template))
        #expect(Self.names(scaled, "KubeadmConfigTemplate") == Self.names(before, "KubeadmConfigTemplate"))
        #expect(Rendering.object("MachineDeployment", in: scaled)?["spec", "replicas"] == 5)
    }

    @Test func newMetal3NetworkDataRollsThroughTheDataTemplate() throws {
        let base = try Self.example("metal3.yaml")
        let before = try Rendering.objects(base, release: "test1")
        let after = try Rendering.objects(
            base, release: "test1", sets: [.init(.typed, "nodePools[0].metal3.dataTemplate.networkData.services.dns[0]=1.1.1.1")])
        #expect(Self.names(after, "Metal3DataTemplate") != Self.names(before, "Metal3DataTemplate"))
        #expect(Self.names(after, "Metal3MachineTemplate") != Self.names(before, "Metal3MachineTemplate"))
    }

    @Test func newEquinixMachineTypeRollsThePoolReplicasDoNot() throws {
        let base = try Self.example("equinix.yaml")
        let before = try Rendering.objects(base)
        let bigger = try Rendering.objects(base, sets: [.init(.typed, "nodePools[0].equinix.machineType=m3.large.x86")])
        let scaled = try Rendering.objects(base, sets: [.init(.typed, "nodePools[0].replicas=7")])
        let template = "PacketMachineTemplate"
        #expect(Self.names(bigger, template) != Self.names(before, template))
        #expect(Self.names(bigger, template)[0].hasPrefix("capi-quickstart-worker-a-packet-machine-template-"))
        #expect(Self.names(scaled, template) == Self.names(before, template))
        #expect(Self.names(scaled, "KubeadmConfigTemplate") == Self.names(before, "KubeadmConfigTemplate"))
    }

    @Test func kubeletFlagsRollTheBootstrapTemplateEvenOnVSphere() throws {
        let vSphere = "nodePools:\n- {name: a, template: t, network: vm-net}"
        let before = try Rendering.objects(vSphere)
        let after = try Rendering.objects(vSphere, sets: [.init(.typed, "nodePools[0].kubeletExtraArgs.max-pods=200")])
        #expect(Self.names(after, "KubeadmConfigTemplate") != Self.names(before, "KubeadmConfigTemplate"))
        #expect(Rendering.object("KubeadmConfigTemplate", in: after)?[
            "spec", "template", "spec", "joinConfiguration", "nodeRegistration", "kubeletExtraArgs", "max-pods"] == "200")
    }

    @Test func templateHashTextIgnoresKeyOrder() {
        let a: YAMLValue = ["b": 1, "a": ["d": "x", "c": [1, 2]]]
        let b: YAMLValue = ["a": ["c": [1, 2], "d": "x"], "b": 1]
        #expect(TemplateHashText.canonicalJSON(a) == TemplateHashText.canonicalJSON(b))
        #expect(TemplateHashText.canonicalJSON(a) != TemplateHashText.canonicalJSON(["b": 2, "a": ["d": "x", "c": [1, 2]]]))
    }

    // MARK: provider objects

    @Test func metal3PoolReferencesCarryTheAPIGroupAndKind() throws {
        let objects = try Rendering.objects(try Self.example("metal3.yaml"), release: "test1")
        let metaData = Rendering.object("Metal3DataTemplate", in: objects)?["spec", "metaData"]
        for key in ["ipAddressesFromIPPool", "prefixesFromIPPool"] {
            #expect(metaData?[key]?.sequence?.first == [
                "apiGroup": "ipam.metal3.io", "key": metaData?[key]?.sequence?.first?["key"] ?? .null, "kind": "IPPool",
                "name": "provisioning-pool",
            ])
        }
        let args = Rendering.object("KubeadmConfigTemplate", in: objects)?[
            "spec", "template", "spec", "joinConfiguration", "nodeRegistration", "kubeletExtraArgs"]
        #expect(args?["node-labels"] == "metal3.io/uuid={{ ds.meta_data.uuid }}")
        #expect(args?["provider-id"] == "metal3://{{ ds.meta_data.providerid }}")
    }

    @Test func packetClusterIsManagedByKamaji() throws {
        let objects = try Rendering.objects(try Self.example("equinix.yaml"))
        let cluster = Rendering.object("PacketCluster", in: objects)
        #expect(cluster?["metadata", "annotations", "cluster.x-k8s.io/managed-by"] == "kamaji")
        #expect(cluster?["spec", "vipManager"] == "CPEM")
        #expect(Rendering.object("Cluster", in: objects)?["spec", "infrastructureRef", "kind"] == "PacketCluster")
        let args = Rendering.object("KubeadmConfigTemplate", in: objects)?[
            "spec", "template", "spec", "joinConfiguration", "nodeRegistration", "kubeletExtraArgs"]
        #expect(args?["cloud-provider"] == "external")
        #expect(args?["provider-id"] == "equinixmetal://{{ `{{ v1.instance_id }}` }}")
    }

    @Test func otherProvidersRenderNoVSphereObjects() throws {
        let objects = try Rendering.objects(try Self.example("equinix.yaml"), sets: [
            .init(.typed, "vSphereCloudControllerManager.enabled=true"),
        ])
        #expect(!objects.contains { $0.kind.hasPrefix("VSphere") || $0.kind == "InClusterIPPool" || $0.kind == "Deployment" })
    }

    @Test func providerRequirementsAreChecked() {
        let metal3 = Rendering.errors("infrastructure: {provider: metal3}\nnodePools:\n- name: a")
        #expect(Set(metal3.map(\.path)) == ["cluster.controlPlane.network.serviceAddress", "nodePools[0].metal3.image.url"])
        #expect(Set(metal3.compactMap(\.rule)) == ["KC801", "KC802"])
        let equinix = Rendering.errors("infrastructure: {provider: equinix}\nnodePools:\n- name: a\n  equinix: {os: ubuntu_22_04}")
        #expect(Set(equinix.map(\.path)) == ["infrastructure.equinix.projectID", "nodePools[0].equinix.machineType"])
        let unknownPool = Rendering.errors(
            "infrastructure: {provider: metal3}\ncluster: {controlPlane: {network: {serviceAddress: 10.0.0.1}}}\nnodePools:\n- name: a\n  metal3:\n    image: {url: http://x}\n    dataTemplate: {metaData: {ipAddressesFromIPPool: [{key: ip, name: nowhere}]}}")
        #expect(unknownPool.map(\.path) == ["nodePools[0].metal3.dataTemplate.metaData"])
    }

    // MARK: control-plane endpoint

    @Test func vSphereRendersTheEndpointOnlyWhenGiven() throws {
        let values = "cluster: {controlPlane: {network: {serviceAddress: 10.9.62.25}}}"
        #expect(Rendering.object("VSphereCluster", in: try Rendering.objects(values))?["spec", "controlPlaneEndpoint"] == nil)
        let given = try Rendering.objects(values, "vSphere: {controlPlaneEndpoint: {host: 10.9.62.25, port: 6443}}")
        #expect(Rendering.object("VSphereCluster", in: given)?["spec", "controlPlaneEndpoint"] == ["host": "10.9.62.25", "port": 6443])
        let apart = Rendering.errors(values, "vSphere: {controlPlaneEndpoint: {host: 10.9.62.26, port: 6443}}")
        #expect(apart.map(\.path) == ["vSphere.controlPlaneEndpoint.host"])
    }

    @Test func metal3AndEquinixTakeTheEndpointFromTheServiceAddress() throws {
        let metal3 = try Rendering.objects(
            try Self.example("metal3.yaml"), release: "test1",
            sets: [.init(.typed, "cluster.clusterNetwork.apiServerPort=8443")])
        #expect(Rendering.object("Metal3Cluster", in: metal3)?["spec", "controlPlaneEndpoint"] == ["host": "172.18.255.200", "port": 8443])
        let equinix = try Rendering.objects(
            try Self.example("equinix.yaml"), sets: [.init(.typed, "cluster.controlPlane.network.serviceAddress=147.75.1.2")])
        #expect(Rendering.object("PacketCluster", in: equinix)?["spec", "controlPlaneEndpoint"] == ["host": "147.75.1.2", "port": 6443])
        let unknown = try Rendering.objects(try Self.example("equinix.yaml"))
        #expect(Rendering.object("PacketCluster", in: unknown)?["spec", "controlPlaneEndpoint"] == nil)
    }

    // MARK: CNI

    static func valuesTemplate(_ objects: [ManifestObject]) throws -> YAMLValue? {
        guard let text = Rendering.object("HelmChartProxy", in: objects)?["spec", "valuesTemplate"]?.string else { return nil }
        return try ManifestComparison.parseStream(text).first
    }

    @Test func noCNIByDefault() throws {
        let objects = try Rendering.objects("nodePools:\n- {name: a, template: t, network: vm-net}")
        #expect(!objects.contains { $0.kind == "HelmChartProxy" })
    }

    @Test func calicoIsAHelmChartProxySelectingTheCluster() throws {
        let objects = try Rendering.objects("cni: {provider: calico, values: {installation: {calicoNetwork: {mtu: 1400}}}}", release: "acme")
        let proxy = Rendering.object("HelmChartProxy", in: objects)
        #expect(proxy?["apiVersion"] == "addons.cluster.x-k8s.io/v1alpha1")
        #expect(proxy?["spec", "clusterSelector"] == ["matchLabels": ["cluster.x-k8s.io/cluster-name": "acme"]])
        #expect(Rendering.object("Cluster", in: objects)?["metadata", "labels", "cluster.x-k8s.io/cluster-name"] == "acme")
        #expect(proxy?["spec", "chartName"] == "tigera-operator")
        #expect(proxy?["spec", "version"] == "v3.29.1")
        let values = try Self.valuesTemplate(objects)
        #expect(values?["installation", "calicoNetwork", "ipPools"] == [["cidr": "10.93.0.0/16", "encapsulation": "VXLAN"]])
        #expect(values?["installation", "calicoNetwork", "mtu"] == 1400)
        #expect(Rendering.object("KamajiControlPlane", in: objects)?["spec", "addons", "kubeProxy"] == [:])
    }

    @Test func ciliumWithoutKubeProxyTakesTheKamajiAddress() throws {
        let objects = try Rendering.objects("""
            cni: {provider: cilium, version: 1.17.0, kubeProxyReplacement: true}
            cluster:
              clusterNetwork: {apiServerPort: 31429}
              controlPlane: {network: {serviceType: NodePort, serviceAddress: 10.46.0.50}}
            """)
        let values = try Self.valuesTemplate(objects)
        #expect(values?["kubeProxyReplacement"] == true)
        #expect(values?["k8sServiceHost"] == "10.46.0.50")
        #expect(values?["k8sServicePort"] == 31429)
        #expect(Rendering.object("HelmChartProxy", in: objects)?["spec", "version"] == "1.17.0")
        let addons = Rendering.object("KamajiControlPlane", in: objects)?["spec", "addons"]
        #expect(addons?["kubeProxy"] == nil)
        #expect(addons?["coreDNS"] == [:])
    }

    @Test func ciliumWithoutAKnownAddressReadsItFromTheCluster() throws {
        let objects = try Rendering.objects("cni: {provider: cilium, kubeProxyReplacement: true}")
        let values = try Self.valuesTemplate(objects)
        #expect(values?["k8sServiceHost"] == "{{ .Cluster.spec.controlPlaneEndpoint.host }}")
        let kept = try Rendering.objects("cni: {provider: cilium}")
        #expect(try Self.valuesTemplate(kept)?["kubeProxyReplacement"] == nil)
        #expect(Rendering.object("KamajiControlPlane", in: kept)?["spec", "addons", "kubeProxy"] == [:])
    }
}

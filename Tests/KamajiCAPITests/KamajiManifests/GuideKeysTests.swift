import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The optional keys that let the examples render Kamaji's guides as written (issue 7): each changes
/// only what it names, and its absence leaves the output as it was.
@Suite struct GuideKeysTests {
    static let vSpherePool = "nodePools:\n- {name: a, template: t, network: vm-net}"

    static func names(_ objects: [ManifestObject], _ kind: String) -> [String] {
        objects.filter { $0.kind == kind }.map(\.name)
    }

    // MARK: cluster.controlPlane.name

    @Test func controlPlaneNameNamesTheControlPlaneAndWhatKamajiNamesAfterIt() throws {
        let values = """
            cluster:
              metrics: {enabled: true}
            vSphereStorageControllerManager: {enabled: true}
            """
        let named = try Rendering.objects(values, sets: [.init(.string, "cluster.controlPlane.name=cp")])
        #expect(Self.names(named, "KamajiControlPlane") == ["cp"])
        #expect(Rendering.object("Cluster", in: named)?["spec", "controlPlaneRef", "name"] == "cp")
        let secrets = named.filter { $0.kind == "Deployment" }.flatMap { deployment in
            (deployment.body["spec", "template", "spec", "volumes"]?.sequence ?? []).compactMap { $0["secret", "secretName"]?.string }
        }
        #expect(secrets.filter { $0.hasSuffix("-admin-kubeconfig") } == ["cp-admin-kubeconfig", "cp-admin-kubeconfig"])
        #expect(Rendering.object("Service", in: named)?["spec", "selector", "kamaji.clastix.io/name"] == "cp")
        #expect(Rendering.object("ServiceMonitor", in: named)?["spec", "endpoints"]?.sequence?.first?[
            "tlsConfig", "keySecret", "name"] == "cp-api-server-kubelet-client-certificate")

        // Unset or empty: the cluster's name, as before.
        let unnamed = try Rendering.objects(values)
        #expect(try Rendering.objects(values, sets: [.init(.string, "cluster.controlPlane.name=")]) == unnamed)
        #expect(Self.names(unnamed, "KamajiControlPlane") == ["test"])
        #expect(named.filter { $0.kind != "KamajiControlPlane" }.map(\.name) == unnamed.filter { $0.kind != "KamajiControlPlane" }.map(\.name))
    }

    // MARK: nodePools[].machineDeploymentName

    @Test func machineDeploymentNameNamesOnlyTheMachineDeployment() throws {
        let before = try Rendering.objects(Self.vSpherePool)
        let named = try Rendering.objects(Self.vSpherePool, sets: [.init(.string, "nodePools[0].machineDeploymentName=workers")])
        #expect(Self.names(before, "MachineDeployment") == ["test-a-md"])
        #expect(Self.names(named, "MachineDeployment") == ["workers"])
        for kind in ["VSphereMachineTemplate", "KubeadmConfigTemplate"] {
            #expect(Self.names(named, kind) == Self.names(before, kind))
        }
        #expect(try Rendering.objects(Self.vSpherePool, sets: [.init(.string, "nodePools[0].machineDeploymentName=")]) == before)
    }

    @Test func machineDeploymentNamesAreChecked() throws {
        let findings = try RenderPipeline.check(Rendering.request([
            Self.vSpherePool + "\n- {name: b, machineDeploymentName: Workers_B, template: t, network: vm-net}"
                + "\n- {name: c, machineDeploymentName: test-a-md, template: t, network: vm-net}"
        ])).diagnostics
        #expect(findings.filter { $0.rule == "KC103" }.map(\.path) == ["nodePools[1].machineDeploymentName"])
        #expect(findings.filter { $0.rule == "KC111" }.map(\.path) == ["nodePools[2].machineDeploymentName"])
    }

    // MARK: nodePools[].machineLabels

    @Test func machineLabelsLabelAndSelectThePoolsMachines() throws {
        let before = try Rendering.objects(Self.vSpherePool)
        let labelled = try Rendering.objects(Self.vSpherePool, sets: [.init(.string, "nodePools[0].machineLabels.nodepool=a")])
        let pool: YAMLValue = ["cluster.x-k8s.io/cluster-name": "test", "nodepool": "a"]
        let deployment = Rendering.object("MachineDeployment", in: labelled)
        #expect(deployment?["metadata", "labels"] == pool)
        #expect(deployment?["spec", "selector", "matchLabels"] == pool)
        #expect(deployment?["spec", "template", "metadata", "labels"] == pool)
        for kind in ["VSphereMachineTemplate", "KubeadmConfigTemplate"] {
            #expect(Self.names(labelled, kind) == Self.names(before, kind))
        }
        // Without them: the chart's empty selector.
        #expect(Rendering.object("MachineDeployment", in: before)?["spec", "selector", "matchLabels"] == .mapping([:]))
        // diff warns that a running pool's selector changes.
        let notes = RollAnalysis.analyze(old: before, new: labelled).pools.flatMap(\.notes)
        #expect(notes.count == 1 && notes[0].contains("machineLabels"), "\(notes)")
        #expect(RollAnalysis.analyze(old: labelled, new: labelled).pools.flatMap(\.notes).isEmpty)
        let invalid = try RenderPipeline.check(
            Rendering.request([Self.vSpherePool], sets: [.init(.string, "nodePools[0].machineLabels.pool=-a")])).diagnostics
        #expect(invalid.filter { $0.rule == "KC105" }.map(\.path) == ["nodePools[0].machineLabels.pool"])
    }

    // MARK: nodePools[].nodeDrainTimeout

    @Test func nodeDrainTimeoutIsWrittenAndChangesNoMachine() throws {
        let before = try Rendering.objects(Self.vSpherePool)
        let after = try Rendering.objects(Self.vSpherePool, sets: [.init(.string, "nodePools[0].nodeDrainTimeout=0s")])
        #expect(Rendering.object("MachineDeployment", in: after)?["spec", "template", "spec", "nodeDrainTimeout"] == "0s")
        #expect(Rendering.object("MachineDeployment", in: before)?["spec", "template", "spec", "nodeDrainTimeout"] == nil)
        let pool = try #require(RollAnalysis.analyze(old: before, new: after).pools.first)
        #expect(pool.status == .updated, "\(pool.line)")
    }

    @Test func goDurations() {
        for text in ["0", "0s", "90s", "1h30m", "1.5h", "-5m", ".5s", "300ms", "2\u{B5}s"] { #expect(GoDuration.isValid(text), "\(text)") }
        for text in ["", "10", "10 minutes", "1d", "s", ".s", "1h30", "--1s"] { #expect(!GoDuration.isValid(text), "\(text)") }
    }

    // MARK: keys the chart always writes

    @Test func otherProvidersLeaveOutWhatTheChartWritesEmpty() throws {
        let equinix = """
            infrastructure:
              provider: equinix
              equinix: {projectID: p}
            nodePools:
            - name: a
              equinix: {machineType: m, os: o}
            """
        let spec = Rendering.object("KamajiControlPlane", in: try Rendering.objects(equinix))?["spec"]
        #expect(spec?["apiServer"] == nil)
        #expect(spec?["scheduler"] == nil)
        #expect(spec?["controllerManager"] == ["extraArgs": ["--cloud-provider=external"]])
        #expect(spec?["network", "serviceAddress"] == nil)
        let port = { (objects: [ManifestObject]) in Rendering.object("Cluster", in: objects)?["spec", "clusterNetwork", "apiServerPort"] }
        #expect(port(try Rendering.objects(equinix)) == 6443)
        #expect(port(try Rendering.objects(equinix, sets: [.init(.typed, "cluster.clusterNetwork.apiServerPort=null")])) == nil)
        #expect(port(try Rendering.objects(Self.vSpherePool, sets: [.init(.typed, "cluster.clusterNetwork.apiServerPort=null")])) == 6443)
        // vSphere writes them as chart 0.2.9 does.
        let chart = Rendering.object("KamajiControlPlane", in: try Rendering.objects(Self.vSpherePool))?["spec"]
        #expect(chart?["apiServer"] == .mapping([:]))
        #expect(chart?["scheduler"] == .mapping([:]))
        #expect(chart?["network", "serviceAddress"] == "")
    }

    // MARK: vSphere nodePools[].powerOffMode

    @Test func powerOffModeReplacesTheChartsModeAndItsHashLine() throws {
        let before = try Rendering.objects(Self.vSpherePool)
        let trySoft = try Rendering.objects(Self.vSpherePool, sets: [.init(.string, "nodePools[0].powerOffMode=trySoft")])
        let hard = try Rendering.objects(Self.vSpherePool, sets: [.init(.string, "nodePools[0].powerOffMode=hard")])
        #expect(trySoft == before)
        let template = "VSphereMachineTemplate"
        #expect(Rendering.object(template, in: hard)?["spec", "template", "spec", "powerOffMode"] == "hard")
        #expect(Self.names(hard, template) != Self.names(before, template))
        #expect(Self.names(hard, "KubeadmConfigTemplate") == Self.names(before, "KubeadmConfigTemplate"))
        #expect(!Rendering.errors(Self.vSpherePool, sets: [.init(.string, "nodePools[0].powerOffMode=Hard")]).isEmpty)
    }

    // MARK: vSphere nodePools[].nodeIPFromMetadata

    @Test func nodeIPFromMetadataFalseLeavesTheFlagOut() throws {
        let before = try Rendering.objects(Self.vSpherePool)
        #expect(try Rendering.objects(Self.vSpherePool, sets: [.init(.typed, "nodePools[0].nodeIPFromMetadata=true")]) == before)
        let after = try Rendering.objects(Self.vSpherePool, sets: [.init(.typed, "nodePools[0].nodeIPFromMetadata=false")])
        let args = { (objects: [ManifestObject]) in
            Rendering.object("KubeadmConfigTemplate", in: objects)?[
                "spec", "template", "spec", "joinConfiguration", "nodeRegistration", "kubeletExtraArgs"]
        }
        #expect(args(after) == ["cloud-provider": "external"])
        #expect(args(before)?["node-ip"] == "{{ ds.meta_data.local_ipv4 }}")
        #expect(Self.names(after, "KubeadmConfigTemplate") != Self.names(before, "KubeadmConfigTemplate"))
        #expect(Self.names(after, "VSphereMachineTemplate") == Self.names(before, "VSphereMachineTemplate"))
    }

    // MARK: secret.createdName

    @Test func createdNameNamesTheCreatedSecretsAndTheirConsumers() throws {
        let values = """
            vSphere:
              secret: {create: true, name: ignored-when-created}
              username: u
              password: p
            vSphereCloudControllerManager:
              secret: {create: true}
            vSphereStorageControllerManager:
              enabled: true
              secret: {create: true}
              username: u
              password: p
            """
        let chart = try Rendering.objects(values)
        #expect(Self.names(chart, "Secret") == ["test-vsphere-secret", "test-vsphere-config-secret", "test-csi-config-secret"])
        let named = try Rendering.objects(values, sets: [
            .init(.string, "vSphere.secret.createdName=credentials"),
            .init(.string, "vSphereCloudControllerManager.secret.createdName=cloud-config"),
            .init(.string, "vSphereStorageControllerManager.secret.createdName=csi-config"),
        ])
        #expect(Self.names(named, "Secret") == ["credentials", "cloud-config", "csi-config"])
        #expect(Rendering.object("VSphereCluster", in: named)?["spec", "identityRef", "name"] == "credentials")
        let mounted = named.filter { $0.kind == "Deployment" }.flatMap { deployment in
            (deployment.body["spec", "template", "spec", "volumes"]?.sequence ?? []).compactMap { $0["secret", "secretName"]?.string }
        }
        #expect(mounted.contains("cloud-config") && mounted.contains("csi-config"))
        // Only a created Secret is renamed: an existing one is still found by name.
        let existing = try Rendering.objects(
            "vSphere:\n  secret: {create: false, name: mine, createdName: other}")
        #expect(Rendering.object("VSphereCluster", in: existing)?["spec", "identityRef", "name"] == "mine")
    }
}

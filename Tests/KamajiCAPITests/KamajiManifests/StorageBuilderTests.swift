import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The credential Secrets, the CSI controller and the cloud controller's chart 0.1.0 switches.
@Suite struct StorageBuilderTests {
    static let credentials = """
        vSphere:
          secret: {create: true}
          username: capi-user
          password: capi-pass
        vSphereCloudControllerManager:
          secret: {create: true}
        vSphereStorageControllerManager:
          enabled: true
          secret: {create: true}
          username: csi-user
          password: csi-pass
        """

    /// examples/storage.yaml holds no password: it renders once they come from the environment.
    @Test func storageExampleTakesItsPasswordsFromTheEnvironment() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")
        let files = try ["minimal.yaml", "storage.yaml"].map { name in
            ValuesFile(name: name, text: try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8))
        }
        var missing: [Diagnostic] = []
        do {
            _ = try RenderPipeline.render(RenderRequest(releaseName: "my-cluster", valueFiles: files))
        } catch {
            missing = error.diagnostics
        }
        #expect(Set(missing.map(\.path)) == ["vSphere.password", "vSphereStorageControllerManager.password"])

        let environment = try #require(
            try EnvironmentValues.valuesFile(
                ["vSphere.password=VSPHERE_PASSWORD", "vSphereStorageControllerManager.password=CSI_PASSWORD"],
                environment: ["VSPHERE_PASSWORD": "capi-secret", "CSI_PASSWORD": "csi-secret"]))
        let objects = try RenderPipeline.render(
            RenderRequest(releaseName: "my-cluster", valueFiles: files + [environment])).objects
        #expect(objects.filter { $0.kind == "Secret" }.map(\.name)
            == ["my-cluster-vsphere-secret", "my-cluster-vsphere-config-secret", "my-cluster-csi-config-secret"])
        #expect(Rendering.object("ConfigMap", in: objects, named: "my-cluster-csi-storageclass") != nil)
        #expect(Rendering.object("ClusterResourceSet", in: objects) != nil)
    }

    @Test func defaultsRenderNoStorageAndNoSecret() throws {
        let objects = try Rendering.objects("{}")
        #expect(!objects.contains { ["Secret", "ConfigMap", "ClusterResourceSet"].contains($0.kind) })
        #expect(!objects.contains { $0.name.contains("csi") })
        #expect(Rendering.object("VSphereCluster", in: objects)?["spec", "identityRef"]
            == ["kind": "VSphereClusterIdentity", "name": "vsphere-cluster-identity"])
    }

    @Test func eachSecretIsCreatedOnlyWhenAskedFor() throws {
        let all = try Rendering.objects(Self.credentials)
        #expect(all.filter { $0.kind == "Secret" }.map(\.name)
            == ["test-vsphere-secret", "test-vsphere-config-secret", "test-csi-config-secret"])
        // Secrets come first, so they exist when the objects that read them are applied.
        #expect(all.prefix(3).allSatisfy { $0.kind == "Secret" })

        let none = try Rendering.objects(Self.credentials, """
            vSphere: {secret: {create: false, name: capi-creds}}
            vSphereCloudControllerManager: {secret: {create: false, name: cpi-conf}}
            vSphereStorageControllerManager: {secret: {create: false, name: csi-conf}}
            """)
        #expect(!none.contains { $0.kind == "Secret" })
        #expect(Rendering.object("VSphereCluster", in: none)?["spec", "identityRef"] == ["kind": "Secret", "name": "capi-creds"])
        let volumes = { (name: String) in
            Rendering.object("Deployment", in: none, named: name)?["spec", "template", "spec", "volumes"]?.sequence ?? []
        }
        #expect(volumes("test-vsphere-cloud-controller-manager").contains {
            $0["secret", "secretName"] == "cpi-conf"
        })
        #expect(volumes("test-vsphere-csi-controller").contains { $0["secret", "secretName"] == "csi-conf" })
    }

    @Test func identityRefPointsAtTheCreatedSecret() throws {
        let objects = try Rendering.objects(Self.credentials)
        #expect(Rendering.object("VSphereCluster", in: objects)?["spec", "identityRef"]
            == ["kind": "Secret", "name": "test-vsphere-secret"])
    }

    @Test func secretsAreWrittenOwnerOnly() throws {
        let layout = OutputDirectory(objects: try Rendering.objects(Self.credentials))
        let secretFiles = layout.files.filter(\.isSecret).map(\.name)
        #expect(secretFiles.count == 3)
        #expect(layout.files.filter { $0.contents.contains("capi-pass") || $0.contents.contains("csi-pass") }
            .allSatisfy { $0.isSecret })
    }

    @Test func csiConfigNamesTheClusterAndTheCSICredentials() throws {
        let objects = try Rendering.objects(Self.credentials, "vSphere: {server: vc.lab, port: 8443, insecure: true}")
        let conf = Rendering.object("Secret", in: objects, named: "test-csi-config-secret")?["stringData", "csi-vsphere.conf"]
        #expect(conf == .string("""
            [Global]
            cluster-id = "default/test"
            thumbprint = ""
            insecure-flag  = true

            [VirtualCenter "vc.lab"]
            port     = 8443
            user     = "csi-user"
            password = "csi-pass"

            """))
    }

    @Test func passwordsSurviveWhateverTheyHold() throws {
        let objects = try Rendering.objects(Self.credentials, #"vSphere: {password: "a\"b\\c: #d'x"}"#)
        let conf = Rendering.object("Secret", in: objects, named: "test-vsphere-config-secret")?["stringData", "vsphere.conf"]?.string
        let parsed = try YAMLReader.document(try #require(conf), file: "vsphere.conf").value
        #expect(parsed["global", "password"] == "a\"b\\c: #d'x")
    }

    /// The chart wrote the server as a bare key, so `0b1` read back as the integer 1; the emitter
    /// quotes by go-yaml's rules, and a key longer than a simple key may be becomes explicit.
    @Test(arguments: [
        "vc.example.com", "10.0.0.5", "0b1", "0x1F", "0o17", "1_000", "1.5", "on", "Off", "NULL", "~", "1e3", "2001-12-14", "190:20:30",
        "a b: c", "", String(repeating: "v", count: 2000),
    ])
    func theServerKeyReadsBackAsTheServer(_ server: String) throws {
        let objects = try Rendering.objects(Self.credentials, "vSphere: {server: \"\(server)\"}")
        let conf = try #require(Rendering.object("Secret", in: objects, named: "test-vsphere-config-secret")?["stringData", "vsphere.conf"]?.string)
        let parsed = try YAMLReader.document(conf, file: "vsphere.conf").value
        #expect(parsed["vcenter"]?.mapping?.keys == [server])
        #expect(parsed["vcenter", server, "server"] == .string(server))
        #expect(parsed["global", "port"] == 443)
    }

    @Test func missingCredentialsAreRequiredWhenASecretIsCreated() {
        let errors = Rendering.errors("""
            vSphere: {secret: {create: true}}
            vSphereStorageControllerManager: {enabled: true, secret: {create: true}}
            """)
        #expect(Set(errors.map(\.path)) == [
            "vSphere.username", "vSphere.password",
            "vSphereStorageControllerManager.username", "vSphereStorageControllerManager.password",
        ])
        #expect(errors.first { $0.path == "vSphere.password" }?.hint?.contains("--set-env") == true)
    }

    @Test func csiControllerTalksToTheTenantThroughItsAdminKubeconfig() throws {
        let objects = try Rendering.objects("vSphereStorageControllerManager: {enabled: true, namespace: vmware-system-csi}")
        let deployment = try #require(Rendering.object("Deployment", in: objects, named: "test-vsphere-csi-controller"))
        let spec = deployment["spec", "template", "spec"]
        #expect(spec?["serviceAccountName"] == "test-vsphere-csi-controller")
        #expect(spec?["volumes"]?.sequence?.contains { $0["secret", "secretName"] == "test-admin-kubeconfig" } == true)
        #expect(spec?["volumes"]?.sequence?.contains { $0["secret", "secretName"] == "csi-config-secret" } == true)
        let containers = spec?["containers"]?.sequence ?? []
        #expect(containers.count == 7)
        for container in containers where container["name"] != "liveness-probe" {
            #expect(container["args"]?.sequence?.first == "--kubeconfig=/kubeconfig/config/admin.svc")
            let namespace = container["env"]?.sequence?.first { $0["name"] == "CSI_NAMESPACE" }?["value"]
            #expect(namespace == "vmware-system-csi")
        }
        #expect(Rendering.object("ServiceAccount", in: objects, named: "test-vsphere-csi-controller") != nil)
    }

    @Test func storageClassOnlyWhenEnabled() throws {
        let off = try Rendering.objects("vSphereStorageControllerManager: {enabled: true}")
        #expect(Rendering.object("ConfigMap", in: off, named: "test-csi-storageclass") == nil)
        let model = try RenderPipeline.render(Rendering.request(["""
            vSphereStorageControllerManager:
              enabled: true
              storageClass: {enabled: true, default: false, parameters: {storagepolicyname: gold, fstype: 4}}
            """])).model
        let storageClass = CSINodeDriverBuilder.manifests(model).first { $0.document["kind"] == "StorageClass" }
        #expect(storageClass?.configMapName == "test-csi-storageclass")
        #expect(storageClass?.component == "csi-storage-class")
        let document = storageClass?.document
        #expect(document?["metadata", "name"] == "vsphere-csi")
        #expect(document?["metadata", "annotations", "storageclass.kubernetes.io/is-default-class"] == "false")
        #expect(document?["parameters"] == ["fstype": "4", "storagepolicyname": "gold"])
        #expect(document?["reclaimPolicy"] == "Delete")
        #expect(document?["volumeBindingMode"] == "WaitForFirstConsumer")
    }

    @Test func storageValuesTheAPIServerWouldRejectAreRefused() {
        let errors = Rendering.errors("""
            vSphereStorageControllerManager:
              enabled: true
              namespace: Storage_NS
              storageClass: {enabled: true, reclaimPolicy: Keep, volumeBindingMode: Later}
            """)
        #expect(Set(errors.map(\.path)) == [
            "vSphereStorageControllerManager.namespace",
            "vSphereStorageControllerManager.storageClass.reclaimPolicy",
            "vSphereStorageControllerManager.storageClass.volumeBindingMode",
        ])
    }

    @Test func disabledCloudControllerIsLeftOut() throws {
        let objects = try Rendering.objects("""
            vSphere: {username: u, password: p}
            vSphereCloudControllerManager: {enabled: false, secret: {create: true}}
            """)
        #expect(!objects.contains { $0.name.contains("cloud-controller-manager") || $0.name.contains("vsphere-config") })
    }

    /// Chart 0.1.0's `version` is the image tag unless the user gave `image.tag`. Built from the
    /// model directly, because telling "given" from "default" needs the loader's `userSetPaths`.
    @Test func versionSetsTheTagUnlessImageTagIsGiven() throws {
        let values = try RenderPipeline.render(
            Rendering.request(["vSphereCloudControllerManager: {version: v1.31.0, image: {tag: v1.30.9}}"])
        ).model.values
        let fromVersion = ClusterModel(values: values, clusterName: "test", namespace: "default", userSetPaths: [])
        #expect(fromVersion.cloudControllerImage == "registry.k8s.io/cloud-pv-vsphere/cloud-provider-vsphere:v1.31.0")
        let fromTag = ClusterModel(
            values: values, clusterName: "test", namespace: "default",
            userSetPaths: ["vSphereCloudControllerManager.image.tag"])
        #expect(fromTag.cloudControllerImage == "registry.k8s.io/cloud-pv-vsphere/cloud-provider-vsphere:v1.30.9")
    }
}

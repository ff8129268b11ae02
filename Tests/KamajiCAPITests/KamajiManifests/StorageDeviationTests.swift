import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The chart 0.1.0 storage defects this project fixes on purpose: deviations 3, 4 and 5 of
/// "Where this project deliberately differs" in the conformance README.
@Suite struct StorageDeviationTests {
    static let storage = """
        vSphereStorageControllerManager:
          enabled: true
        """

    static func nodeManifest(_ model: ClusterModel, kind: String) -> YAMLValue? {
        CSINodeDriverBuilder.manifests(model).first { $0.document["kind"] == .string(kind) }?.document
    }

    static func model(_ files: String...) throws -> ClusterModel {
        try RenderPipeline.render(Rendering.request(files)).model
    }

    static func loggerLevel(_ model: ClusterModel) -> YAMLValue? {
        let containers = nodeManifest(model, kind: "DaemonSet")?["spec", "template", "spec", "containers"]?.sequence
        let driver = containers?.first { $0["name"] == "vsphere-csi-node" }
        return driver?["env"]?.sequence?.first { $0["name"] == "LOGGER_LEVEL" }?["value"]
    }

    /// 3: chart 0.1.0's node DaemonSet ships the unreplaced text `${CSI_LOG_LEVEL}`.
    @Test func nodeDriverLogLevelComesFromTheValues() throws {
        #expect(Self.loggerLevel(try Self.model(Self.storage)) == "PRODUCTION")
        let model = try Self.model(Self.storage, "vSphereStorageControllerManager: {logLevel: DEVELOPMENT}")
        #expect(Self.loggerLevel(model) == "DEVELOPMENT")
        let objects = try Rendering.objects(Self.storage)
        #expect(!ManifestStream.yaml(objects).contains("${"))
    }

    @Test func unknownLogLevelIsRefused() {
        let errors = Rendering.errors(Self.storage, "vSphereStorageControllerManager: {logLevel: debug}")
        #expect(errors.map(\.path) == ["vSphereStorageControllerManager.logLevel"])
    }

    /// 4: chart 0.1.0 creates a prefixed CSIDriver in the management cluster, where no kubelet
    /// reads it; the workload cluster needs `csi.vsphere.vmware.com`, delivered with the node driver.
    @Test func csiDriverIsDeliveredToTheWorkloadCluster() throws {
        let result = try RenderPipeline.render(Rendering.request([Self.storage]))
        #expect(!result.objects.contains { $0.kind == "CSIDriver" })
        let driver = Self.nodeManifest(result.model, kind: "CSIDriver")
        #expect(driver?["apiVersion"] == "storage.k8s.io/v1")
        #expect(driver?["metadata", "name"] == "csi.vsphere.vmware.com")
        #expect(driver?["spec"] == ["attachRequired": true, "podInfoOnMount": false])

        let carrier = CSINodeDriverBuilder.manifests(result.model).first { $0.document["kind"] == "CSIDriver" }
        #expect(carrier?.configMapName == "test-csi-driver")
        #expect(Rendering.object("ConfigMap", in: result.objects, named: "test-csi-driver") != nil)
        // Applied before the DaemonSet whose registrar announces the driver.
        let names = Rendering.object("ClusterResourceSet", in: result.objects)?["spec", "resources"]?.sequence?
            .compactMap { $0["name"]?.string } ?? []
        let driverIndex = try #require(names.firstIndex(of: "test-csi-driver"))
        let daemonSetIndex = try #require(names.firstIndex(of: "test-csi-daemonset-node"))
        #expect(driverIndex < daemonSetIndex)
    }

    /// 5: chart 0.1.0 builds the cloud controller's `vsphere.conf` from `vSphere.username/password`
    /// and ignores `vSphereCloudControllerManager.username/password`.
    @Test func cloudControllerConfigUsesItsOwnCredentialsWhenSet() throws {
        let base = StorageBuilderTests.credentials
        func conf(_ objects: [ManifestObject]) throws -> YAMLValue? {
            let text = Rendering.object("Secret", in: objects, named: "test-vsphere-config-secret")?["stringData", "vsphere.conf"]?.string
            return try text.map { try YAMLReader.document($0, file: "vsphere.conf").value }
        }
        let fallback = try #require(try conf(try Rendering.objects(base)))
        #expect(fallback["global", "user"] == "capi-user")
        #expect(fallback["global", "password"] == "capi-pass")

        let objects = try Rendering.objects(
            base, "vSphereCloudControllerManager: {username: cpi-user, password: cpi-pass}")
        let own = try #require(try conf(objects))
        #expect(own["global", "user"] == "cpi-user")
        #expect(own["global", "password"] == "cpi-pass")
        // Cluster API's identity Secret keeps vSphere's credentials.
        let identity = Rendering.object("Secret", in: objects, named: "test-vsphere-secret")
        #expect(identity?["stringData"] == ["password": "capi-pass", "username": "capi-user"])
    }

    @Test func cloudControllerCredentialsComeInPairs() {
        let errors = Rendering.errors("""
            vSphere: {username: capi-user, password: capi-pass}
            vSphereCloudControllerManager:
              secret: {create: true}
              username: cpi-user
            """)
        #expect(errors.map(\.path) == ["vSphereCloudControllerManager.password"])
    }
}

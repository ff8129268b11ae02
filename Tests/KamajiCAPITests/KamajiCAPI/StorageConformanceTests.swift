import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Every folder under Fixtures/conformance/chart-0.1.0 (Helm's output of the chart's first release,
/// from ../shared) must render the same storage and credential objects: the Secrets, the node-driver
/// ConfigMaps (their manifests compared parsed) and the `*-vsphere-csi-controller` ServiceAccount and
/// Deployment, except where deviations 3, 4 and 5 say otherwise; and the sveltos `Profile` becomes a
/// ClusterResourceSet naming the same ConfigMaps. The rest of that old chart is 0.2.9's business.
@Suite struct StorageConformanceTests {
    static let cases = Fixtures.caseFolders("conformance/chart-0.1.0")

    typealias ObjectKey = ManifestComparison.ObjectKey

    struct Rendered {
        var chartCase: ChartCase
        var result: RenderResult
        var model: ClusterModel { result.model }
        var cluster: String { result.model.clusterName }

        init(_ folder: String) throws {
            chartCase = try ChartCase(folder: folder)
            result = try RenderPipeline.render(chartCase.request)
        }

        /// The objects this suite compares. The CSIDriver ConfigMap is ours alone (deviation 4,
        /// `StorageDeviationTests`).
        func isCompared(_ key: ObjectKey) -> Bool {
            switch key.kind {
            case "Secret": true
            case "ConfigMap": key.name != "\(cluster)-csi-driver"
            case "ServiceAccount", "Deployment": key.name == "\(cluster)-vsphere-csi-controller"
            default: false
            }
        }

        /// Helm's output with the deliberate deviations applied: 3, the node driver's log level
        /// comes from the values; 5, `vsphere.conf` holds the cloud controller's own credentials
        /// when they are set.
        func expected() throws -> [ObjectKey: YAMLValue] {
            let logLevel = try #require(model.storage).nodeLogLevel
            let text = chartCase.expectedText.replacingOccurrences(of: "\"${CSI_LOG_LEVEL}\"", with: "\"\(logLevel)\"")
            var objects = try ManifestComparison.objects(text, mode: .embedded).filter { isCompared($0.key) }
            let ccm = model.values.vSphereCloudControllerManager
            let configKey = ObjectKey(
                apiVersion: "v1", kind: "Secret", namespace: model.namespace, name: "\(cluster)-vsphere-config-secret")
            objects = try Self.parsingVSphereConf(objects)
            if ccm.username != nil || ccm.password != nil, var body = objects[configKey]?.mapping,
                case .mapping(var stringData)? = body["stringData"], case .mapping(var conf)? = stringData["vsphere.conf"],
                case .mapping(var global)? = conf["global"]
            {
                global["password"] = .string(ccm.password?.revealed ?? "")
                global["user"] = .string(ccm.username ?? "")
                conf["global"] = .mapping(global)
                stringData["vsphere.conf"] = .mapping(conf)
                body["stringData"] = .mapping(stringData)
                objects[configKey] = .mapping(body)
            }
            return objects
        }

        /// The builders' trees, each node-driver ConfigMap holding the document it was printed from:
        /// what was built, whatever the emitter makes of it.
        func builtObjects() throws -> [ObjectKey: YAMLValue] {
            let documents = Dictionary(
                uniqueKeysWithValues: CSINodeDriverBuilder.manifests(model).map { ($0.configMapName, $0.document) })
            let bodies = result.objects.map { object -> YAMLValue in
                guard object.kind == "ConfigMap", let document = documents[object.name], var body = object.body.mapping
                else { return object.body }
                body["data"] = ["data": [document]]
                return .mapping(body)
            }
            return try Self.parsingVSphereConf(ManifestComparison.objects(documents: bodies, mode: .embedded).filter { isCompared($0.key) })
        }

        /// `vsphere.conf` is YAML that the cloud controller parses: compared parsed, as the embedded
        /// manifests are (the chart writes it by hand, kamaji-capi through its emitter).
        static func parsingVSphereConf(_ objects: [ObjectKey: YAMLValue]) throws -> [ObjectKey: YAMLValue] {
            try objects.mapValues { body in
                guard case .string(let text)? = body["stringData", "vsphere.conf"], var mapping = body.mapping,
                    case .mapping(var stringData)? = mapping["stringData"]
                else { return body }
                stringData["vsphere.conf"] = try YAMLReader.document(text, file: "vsphere.conf").value
                mapping["stringData"] = .mapping(stringData)
                return .mapping(mapping)
            }
        }
    }

    @Test(arguments: cases)
    func storageObjectsAreTheChartsAsBuilt(folder: String) throws {
        let rendered = try Rendered(folder)
        let differences = ManifestComparison.differences(expected: try rendered.expected(), actual: try rendered.builtObjects())
        #expect(differences.isEmpty, "\(folder):\n\(differences.joined(separator: "\n"))")
    }

    /// The same through the emitter and back, as `kubectl apply` and the ClusterResourceSet see it.
    @Test(arguments: cases)
    func storageObjectsAreTheChartsAsPrinted(folder: String) throws {
        let rendered = try Rendered(folder)
        let printed = try Rendered.parsingVSphereConf(
            ManifestComparison.objects(ManifestStream.yaml(rendered.result.objects), mode: .embedded).filter { rendered.isCompared($0.key) })
        let differences = ManifestComparison.differences(expected: try rendered.expected(), actual: printed)
        #expect(differences.isEmpty, "\(folder):\n\(differences.joined(separator: "\n"))")
    }

    /// Each ConfigMap's payload is its typed manifest printed by the project's emitter, not text.
    @Test(arguments: cases)
    func configMapPayloadsArePrintedByTheEmitter(folder: String) throws {
        let rendered = try Rendered(folder)
        let manifests = CSINodeDriverBuilder.manifests(rendered.model)
        #expect(!manifests.isEmpty)
        for manifest in manifests {
            let configMap = Rendering.object("ConfigMap", in: rendered.result.objects, named: manifest.configMapName)
            #expect(configMap?["data", "data"] == .string(ManifestStream.emit(manifest.document)))
        }
    }

    @Test(arguments: cases)
    func clusterResourceSetAppliesTheProfilesConfigMaps(folder: String) throws {
        let rendered = try Rendered(folder)
        let cluster = rendered.cluster
        let expected = try ManifestComparison.objects(rendered.chartCase.expectedText)
        let profile = try #require(expected.first { $0.key.kind == "Profile" }?.value)
        let renderedByChart = Set(expected.keys.filter { $0.kind == "ConfigMap" }.map(\.name))
        // The chart's Profile also names the StorageClass ConfigMap when it renders none; a
        // ClusterResourceSet naming a missing ConfigMap never reports ResourcesApplied.
        let profileConfigMaps = try #require(profile["spec", "policyRefs"]?.sequence).compactMap { ref in
            ref["kind"] == "ConfigMap" ? ref["name"]?.string : nil
        }.filter(renderedByChart.contains)

        let objects = rendered.result.objects
        #expect(!objects.contains { $0.kind == "Profile" })
        let sets = objects.filter { $0.kind == "ClusterResourceSet" }
        #expect(sets.count == 1)
        let set = try #require(sets.first)
        #expect(set.apiVersion == "addons.cluster.x-k8s.io/v1beta1")
        #expect(set.namespace == rendered.model.namespace)
        let resources = try #require(set.body["spec", "resources"]?.sequence)
        #expect(resources.allSatisfy { $0["kind"] == "ConfigMap" })
        let names = resources.compactMap { $0["name"]?.string }
        #expect(names.filter { $0 != "\(cluster)-csi-driver" } == profileConfigMaps)
        let renderedConfigMaps = Set(objects.filter { $0.kind == "ConfigMap" }.map(\.name))
        #expect(names.allSatisfy(renderedConfigMaps.contains))
        #expect(Set(names) == renderedConfigMaps)

        let selector = set.body["spec", "clusterSelector", "matchLabels"]
        #expect(selector == ["cluster.x-k8s.io/cluster-name": .string(cluster)])
        #expect(selector == profile["spec", "clusterSelector", "matchLabels"])
        #expect(Rendering.object("Cluster", in: objects)?["metadata", "labels", "cluster.x-k8s.io/cluster-name"] == .string(cluster))
        #expect(set.body["spec", "strategy"] == "Reconcile")
    }

    @Test func everyChart010CaseIsFound() {
        #expect(Self.cases.count == 2)
    }
}

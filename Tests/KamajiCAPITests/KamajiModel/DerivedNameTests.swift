import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Check KC113: the names derived from the cluster name that Kubernetes holds to 63 characters
/// (Fixtures/check/KC113-*, for both charts, at the boundary) are the names rendered, and the
/// check refuses what `validate` would refuse in the rendered objects.
@Suite struct DerivedNameTests {
    static let folders = CheckRulesTests.folders.filter { CheckRulesTests.ruleID($0) == "KC113" }

    /// The objects of a fixture, rendered past KC113, as `validate` sees them.
    static func validated(_ file: String) throws -> ValidationReport {
        let objects = try Rendering.checkedObjects(try Fixtures.text(file), ignoring: ["KC113"])
        return ManifestValidator.validate(stream: ManifestStream.yaml(objects), source: file)
    }

    @Test(arguments: folders)
    func theCheckRefusesWhatTheAPIServerWould(folder: String) throws {
        #expect(try Self.validated("\(folder)/pass.yaml").problems.isEmpty)
        // `validate` sees object names and labels; the Deployments' selectors (the app labels) it
        // does not, so there the check is the only guard before apply.
        if folder.hasSuffix("metrics-service-name") {
            let problems = try Self.validated("\(folder)/fail.yaml").problems.map(\.description)
            #expect(problems.contains { $0.contains("Service") && $0.contains("metadata.name") }, "\(problems)")
        }
    }

    @Test func theFindingNamesTheObjectAndTheExcess() throws {
        let values = try Fixtures.text("check/KC113-proxmox-metrics-service-name/fail.yaml")
        let finding = try #require(Rendering.errors(values).first { $0.rule == "KC113" })
        #expect(finding.path == "cluster.name")
        #expect(finding.message.contains("metrics Service"))
        #expect(finding.message.contains("has 64 characters, 1 over"))
        #expect(finding.hint == "use a cluster name of at most 55 characters, or turn off the component")
    }

    @Test func everyNameTheCheckMeasuresIsRendered() throws {
        let model = try Rendering.model("""
            cluster: {name: c1, metrics: {enabled: true}}
            vSphereStorageControllerManager: {enabled: true, secret: {name: csi-config-secret}}
            """)
        let names = model.labelLengthNames.map(\.name)
        #expect(names == ["c1-metrics", "c1-vsphere-cloud-controller-manager", "c1-vsphere-csi-controller"])
        // Object names, label values and selectors: every string the objects hold.
        func strings(_ value: YAMLValue) -> [String] {
            switch value {
            case .string(let text): [text]
            case .sequence(let items): items.flatMap(strings)
            case .mapping(let mapping): mapping.entries.flatMap { strings($0.value) }
            default: []
            }
        }
        let rendered = Set(ClusterManifest.build(model).flatMap { strings($0.body) })
        #expect(names.allSatisfy(rendered.contains), "\(names)")
    }

    @Test func aMetricsServiceNameStartsWithALetter() throws {
        // The control plane has a name of its own, so its Service (KC110) is not what is refused.
        let digit = Rendering.errors(
            "cluster: {name: 1st, controlPlane: {name: first}, metrics: {enabled: true}}\nvSphereCloudControllerManager: {enabled: false}")
        #expect(digit.map(\.rule) == ["KC113"])
        #expect(digit.first?.message.contains("must start with a lowercase letter") == true)
        #expect(Rendering.errors("cluster: {name: 1st, controlPlane: {name: first}}\nvSphereCloudControllerManager: {enabled: false}").isEmpty)
        // Without one, the control plane's Service takes the cluster's name.
        #expect(Rendering.errors("cluster: {name: 1st}\nvSphereCloudControllerManager: {enabled: false}").map(\.rule) == ["KC110"])
    }
}

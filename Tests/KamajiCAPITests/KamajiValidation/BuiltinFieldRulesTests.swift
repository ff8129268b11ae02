import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The API server's own checks of built-in kinds beyond OpenAPI (BuiltinFieldRules,
/// ObjectMetaRules). Fixtures/validate/api-server-field-rules holds a whole stream; these pin each
/// grammar.
@Suite struct BuiltinFieldRulesTests {
    static let quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity"

    @Test(arguments: ["500m", "1", "1.5", "64Mi", "1e3", "+1", ".5", "1.", "1E-3", "2Ei", "100n", "0"])
    func validQuantities(_ text: String) {
        #expect(BuiltinFieldRules.check(definition: Self.quantity, .string(text), path: FieldPath("q")).isEmpty)
    }

    @Test(arguments: ["lots", "1e3Mi", "Mi", "1.5.5", "", "1 Gi", "1KiB", "0x10", "1e"])
    func invalidQuantities(_ text: String) {
        #expect(BuiltinFieldRules.check(definition: Self.quantity, .string(text), path: FieldPath("q")).map(\.rule) == ["quantity"])
    }

    @Test(arguments: [
        ("http", nil), ("web-8080", nil), ("a", nil),
        ("HTTP", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
        ("8080", "must contain at least one letter (a-z)"),
        ("-web", "must not begin or end with a hyphen"),
        ("we--b", "must not contain consecutive hyphens"),
        ("abcdefghijklmnop", "must be no more than 15 characters"),
    ])
    func portNames(_ name: String, _ problem: String?) {
        #expect(BuiltinFieldRules.portNameProblem(name) == problem)
    }

    @Test func annotationsMayHoldAtMost256KiB() {
        func report(_ bytes: Int) -> [String] {
            let value = String(repeating: "x", count: bytes - "note".utf8.count)
            let stream = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n    note: \(value)\n"
            return ManifestValidator.validate(stream: stream, source: "m.yaml").problems.map { "\($0.path): \($0.message)" }
        }
        #expect(report(256 * 1024).isEmpty)
        #expect(report(270_000) == ["metadata.annotations: Too long: must have at most 262144 bytes (the keys and values hold 270000)"])
    }

    @Test func configMapsAndSecretsHoldAtMost1MiB() {
        let big = String(repeating: "x", count: 1024 * 1024)
        let configMap = ManifestValidator.validate(
            stream: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {k: \(big)}\n", source: "m.yaml")
        #expect(configMap.problems.map(\.rule) == ["size"])
        // A Secret's data counts decoded: 1 MiB of base64 is 768 KiB.
        let secret = ManifestValidator.validate(
            stream: "apiVersion: v1\nkind: Secret\nmetadata: {name: big}\ndata: {k: \(String(repeating: "eHh4", count: 256 * 1024))}\n",
            source: "m.yaml")
        #expect(secret.problems.isEmpty)
    }

    @Test func renderedObjectsPassTheAPIServerRules() throws {
        let objects = try Rendering.objects(
            """
            cni: {provider: cilium}
            vSphere: {secret: {create: true}, username: u, password: p}
            vSphereCloudControllerManager: {secret: {create: true}}
            """)
        let report = ManifestValidator.validate(stream: ManifestStream.yaml(objects), source: "rendered")
        #expect(report.problems.map(\.description) == [])
    }
}

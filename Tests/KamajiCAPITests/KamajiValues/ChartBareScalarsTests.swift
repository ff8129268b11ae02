import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// A number or boolean written as a string in a key the chart prints bare is read as the chart's
/// output would be read (Helm's own render of such values is the fixture case
/// `quoted-numbers-and-booleans`); one warning names the key, and its hint speaks of what the user
/// wrote. Keys the chart quotes or only tests with `if` keep refusing strings.
@Suite struct ChartBareScalarsTests {
    static func result(_ files: [String], sets: [SetFlag] = []) throws -> RenderResult {
        try RenderPipeline.render(Rendering.request(files, sets: sets))
    }

    @Test func quotedNumbersAndBooleansInBareKeysAreReadAsTheChartPrintsThem() throws {
        let values = """
            vSphere:
              port: "8443"
              insecure: "true"
            cluster:
              controlPlane:
                replicas: "3"
            nodePools:
            - name: p
              template: t
              network: net
              replicas: "2"
              numCPUs: "4"
              diskGiB: "40"
              memoryMiB: "8192"
              dhcp4: "false"
              staticRoutes:
              - {to: 10.0.0.0/8, via: 10.0.0.1, metric: "10"}
            """
        let result = try Self.result([values])
        let model = result.model.values
        #expect(model.cluster.controlPlane.replicas == 3)
        #expect(model.vSphere.port == 8443)
        #expect(model.vSphere.insecure == true)
        let pool = try #require(model.nodePools.first)
        #expect(pool.replicas == 2 && pool.numCPUs == 4 && pool.diskGiB == 40 && pool.memoryMiB == 8192)
        #expect(pool.dhcp4 == false)
        #expect(pool.staticRoutes?.first?.metric == 10)
        let warned = result.warnings.filter { $0.message.contains("as the chart prints this key unquoted") }
        #expect(warned.map(\.path).sorted() == [
            "cluster.controlPlane.replicas", "nodePools[0].dhcp4", "nodePools[0].diskGiB", "nodePools[0].memoryMiB",
            "nodePools[0].numCPUs", "nodePools[0].replicas", "nodePools[0].staticRoutes[0].metric", "vSphere.insecure",
            "vSphere.port",
        ])
        let replicas = try #require(warned.first { $0.path == "cluster.controlPlane.replicas" })
        #expect(replicas.severity == .warning)
        #expect(replicas.location?.description == "values0.yaml:6:15")
        #expect(replicas.message == "the string \"3\" is read as the number 3, as the chart prints this key unquoted")
        #expect(replicas.hint == "write it without quotes: `3`")
    }

    /// go-yaml v2 reads `0x10` as 16 and `yes` as true; the chart hashes the text, so the hint says
    /// the pool's template name differs until the value is written plainly.
    @Test func otherSpellingsAreReadAsGoYAMLReadsThem() throws {
        let values = "nodePools:\n- {name: p, template: t, network: net, numCPUs: \"0x10\", dhcp4: \"yes\", replicas: \"0o3\"}\n"
        let result = try Self.result([values])
        let pool = try #require(result.model.values.nodePools.first)
        #expect(pool.numCPUs == 16)
        #expect(pool.dhcp4 == true)
        #expect(pool.replicas == 3)
        let numCPUs = try #require(result.warnings.first { $0.path == "nodePools[0].numCPUs" })
        #expect(numCPUs.hint?.contains("the chart hashes the text `0x10` into the pool's template name") == true)
        #expect(numCPUs.hint?.hasSuffix("written `16`") == true)
        let replicas = try #require(result.warnings.first { $0.path == "nodePools[0].replicas" })
        #expect(replicas.hint == "write it without quotes: `3`", "replicas is not hashed")
    }

    /// `--set-string` writes no quotes: the hint names the flag instead.
    @Test func setStringIsReadAsTheChartReadsItAndTheHintNamesTheFlag() throws {
        let result = try Self.result([], sets: SetFlag.numbered(.string, ["cluster.controlPlane.replicas=3"]))
        #expect(result.model.values.cluster.controlPlane.replicas == 3)
        let warning = try #require(result.warnings.first { $0.path == "cluster.controlPlane.replicas" })
        #expect(warning.location?.description == "--set-string #1 (cluster.controlPlane.replicas)")
        #expect(warning.hint == "pass it with --set instead of --set-string")
        #expect(!(warning.hint ?? "").contains("quote"))
    }

    /// `if "false"` is true in a Go template, so the chart would enable what the user meant to turn
    /// off: a string stays an error there, and so in kamaji-capi's own keys, which the chart lacks.
    @Test func keysTheChartDoesNotPrintBareKeepRefusingStrings() {
        let errors = Rendering.errors("ipamProvider:\n  enabled: \"false\"\n")
        #expect(errors.map(\.path) == ["ipamProvider.enabled"])
        #expect(errors.first?.hint?.hasPrefix("remove the quotes") == true)
        let endpoint = Rendering.errors(
            "", sets: SetFlag.numbered(.string, ["vSphere.controlPlaneEndpoint.port=31429"]))
        #expect(endpoint.map(\.path) == ["vSphere.controlPlaneEndpoint.port"])
        #expect(endpoint.first?.hint == "--set-string makes every value text: pass it with --set")
    }

    /// A string whose text the chart's line would not read as a number stays an error.
    @Test func textThatIsNoNumberIsStillAnError() {
        let errors = Rendering.errors("cluster:\n  controlPlane:\n    replicas: \"three\"\n")
        #expect(errors.map(\.path) == ["cluster.controlPlane.replicas"])
        let fraction = Rendering.errors("cluster:\n  controlPlane:\n    replicas: \"2.5\"\n")
        #expect(fraction.map(\.path) == ["cluster.controlPlane.replicas"])
    }
}

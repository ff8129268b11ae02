import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// An empty `templateId` and null list items of chart capi-kamaji-proxmox's values
/// (docs/providers/proxmox.md, "Worth knowing").
@Suite struct ProxmoxEmptyAndNullValueTests {
    static func pool(templateId: String, extra: String = "") -> String {
        ProxmoxDeviationTests.proxmox(
            "nodePools:\n"
                + ProxmoxDeviationTests.pool(extra).replacingOccurrences(of: "templateId: 100", with: "templateId: \(templateId)"))
    }

    /// The chart's `if .nodePool.templateId` takes "" for unset, as it takes 0: the template is found
    /// by its tags, and the template name hashes the same text (as for null).
    @Test func anEmptyTemplateIdIsUnset() throws {
        let tags = "  templateSelector: {matchTags: [ubuntu-noble]}"
        let empty = try Rendering.objects(Self.pool(templateId: "\"\"", extra: tags))
        let zero = try Rendering.objects(Self.pool(templateId: "0", extra: tags))
        let template = try #require(Rendering.object("ProxmoxMachineTemplate", in: empty))
        #expect(template["spec", "template", "spec", "templateID"] == nil)
        #expect(template["spec", "template", "spec", "templateSelector", "matchTags"] == ["ubuntu-noble"])
        let null = try Rendering.objects(Self.pool(templateId: "null", extra: tags))
        #expect(empty.map(\.name) == zero.map(\.name))
        #expect(ManifestStream.yaml(empty) == ManifestStream.yaml(zero))
        #expect(ManifestStream.yaml(empty) == ManifestStream.yaml(null))

        let noTags = Rendering.errors(Self.pool(templateId: "\"\""))
        #expect(noTags.map(\.path) == ["nodePools[0].templateSelector.matchTags"])
        #expect(noTags.first?.message == "is empty and templateId is empty: no VM template to clone")
    }

    /// CAPMOX's string lists take no null item (the items are not nullable): refused at its path
    /// rather than written as "".
    @Test func aNullItemOfAStringListIsRefusedAtItsPath() {
        let values = ProxmoxDeviationTests.proxmox("""
            cluster: {allowedNodes: [pve1, null], dnsServers: [8.8.8.8, null]}
            nodePools:
            \(ProxmoxDeviationTests.pool("  allowedNodes: [null, pve2]"))
            """)
        let errors = Rendering.errors(values)
        #expect(errors.map(\.path) == ["cluster.allowedNodes[1]", "cluster.dnsServers[1]", "nodePools[0].allowedNodes[0]"])
        #expect(errors.allSatisfy { $0.message == "expected a string, found null" })
        // A quoted "null" is text.
        #expect(Rendering.errors(ProxmoxDeviationTests.proxmox("cluster: {allowedNodes: [pve1, \"null\"]}")).isEmpty)
    }
}

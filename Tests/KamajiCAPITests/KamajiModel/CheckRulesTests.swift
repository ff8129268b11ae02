import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Every check rule has a folder Fixtures/check/<id>-<slug> with a `fail.yaml` that breaks it (its
/// first line `# expect: PATH` names the value the finding must point at) and a `pass.yaml`, the
/// same values fixed, on which no rule finds anything. A new rule is a new folder.
@Suite struct CheckRulesTests {
    static let folders = Fixtures.caseFolders("check")

    static func ruleID(_ folder: String) -> String {
        String(folder.split(separator: "/").last!.prefix { $0 != "-" })
    }

    static func diagnostics(_ file: String) throws -> [Diagnostic] {
        let text = try Fixtures.text(file)
        let request = RenderRequest(releaseName: "test", valueFiles: [ValuesFile(name: file, text: text)])
        return try RenderPipeline.check(request).diagnostics
    }

    @Test(arguments: folders)
    func failingValuesBreakTheRule(folder: String) throws {
        let id = Self.ruleID(folder)
        let expectedPath = try Fixtures.text("\(folder)/fail.yaml").split(separator: "\n").first
            .flatMap { $0.hasPrefix("# expect: ") ? String($0.dropFirst("# expect: ".count)) : nil }
        let findings = try Self.diagnostics("\(folder)/fail.yaml").filter { $0.rule == id }
        #expect(!findings.isEmpty, "\(folder)/fail.yaml: no finding of \(id)")
        #expect(findings.contains { $0.path == expectedPath }, "\(id) paths: \(findings.map(\.path))")
        let rule = try #require(CheckRules.rule(id))
        #expect(findings.allSatisfy { $0.severity == rule.severity && $0.hint != nil })
    }

    @Test(arguments: folders)
    func passingValuesBreakNoRule(folder: String) throws {
        let findings = try Self.diagnostics("\(folder)/pass.yaml")
        #expect(findings.isEmpty, "\(folder)/pass.yaml: \(findings.map(\.description))")
    }

    @Test func everyRuleHasFixturesAndEveryFixtureARule() {
        let ruleIDs = CheckRules.all.map(\.id)
        #expect(Set(Self.folders.map(Self.ruleID)) == Set(ruleIDs))
        #expect(Set(ruleIDs).count == ruleIDs.count, "rule ids are unique")
        #expect(ruleIDs == ruleIDs.sorted(), "the table is in id order")
    }

    @Test func renderRefusesErrorsAndIgnoresWarnings() throws {
        let error = try Fixtures.text("check/KC407-node-port-without-address/fail.yaml")
        #expect(Rendering.errors(error).map(\.rule) == ["KC407"])
        let warning = try Fixtures.text("check/KC409-cert-sans/fail.yaml")
        let result = try RenderPipeline.render(Rendering.request([warning]))
        #expect(result.warnings.isEmpty)
    }

    @Test func defaultValuesAndEveryConformanceCasePassEveryErrorRule() throws {
        for folder in ChartConformanceTests.cases {
            let chartCase = try ChartCase(folder: folder)
            let errors = try RenderPipeline.check(chartCase.request).errors
            #expect(errors.isEmpty, "\(folder): \(errors.map(\.description))")
        }
    }

    @Test func diagnosticNamesTheRule() {
        let diagnostic = Diagnostic(code: .invalidValue, path: "a.b", message: "is wrong", hint: "fix it", rule: "KC999")
        #expect(diagnostic.description == "error[KC999]: a.b: is wrong (fix it)")
    }

    @Test func addresses() throws {
        #expect(IPAddress("10.0.0.256") == nil)
        #expect(IPAddress("fd00::1")?.bytes.last == 1)
        #expect(IPAddress("::ffff:10.0.0.1")?.bytes.suffix(4) == [10, 0, 0, 1])
        #expect(IPAddress("1::2::3") == nil)
        let pool = try #require(IPRange(poolEntry: "10.0.0.10-10.0.0.20"))
        #expect(pool.contains(IPAddress("10.0.0.15")!))
        #expect(!pool.overlaps(IPRange(cidr: "10.0.0.0/29")!))
        #expect(pool.overlaps(IPRange(cidr: "10.0.0.16/28")!))
        #expect(IPRange(cidr: "fd00::/8")?.last.bytes.first == 0xFD)
    }

    @Test func usableAddressesLeaveOutTheNetworkBroadcastAndGatewayAddresses() {
        func usable(_ ranges: [String], prefix: Int = 24, gateway: String? = "10.0.0.1") -> Int? {
            CheckRules.usableAddresses(
                IPAMProviderValues(enabled: true, ranges: ranges, prefix: IntOrString(prefix), gateway: gateway))
        }
        #expect(usable(["10.0.0.0/24"]) == 253)
        #expect(usable(["10.0.0.0/28"]) == 14, "the broadcast address 10.0.0.255 is outside the range")
        #expect(usable(["10.0.0.10-10.0.0.20", "10.0.0.15-10.0.0.25", "10.0.0.26"]) == 17, "overlaps count once")
        #expect(usable(["10.0.0.10-10.0.0.14"], gateway: nil) == 5)
        #expect(usable(["fd00::/64"], prefix: 64, gateway: nil) == Int.max)
        #expect(usable(["fd00::10-fd00::1f"], prefix: 64, gateway: "fd00::1") == 16, "IPv6 has no broadcast address")
        #expect(usable(["10.0.0.300"]) == nil)
    }

    @Test func machineDemandCountsTheRollingUpdateSurge() throws {
        let pools = try RenderPipeline.check(Rendering.request(["""
            nodePools:
            - {name: a, template: t, network: vm-net, replicas: 3}
            - {name: b, template: t, network: vm-net, replicas: 2, autoscaling: {enabled: true, minSize: 1, maxSize: 8}}
            - {name: c, template: t, network: vm-net, replicas: 0}
            - {name: d, template: t, network: vm-net}
            - {name: e, template: t, network: vm-net, autoscaling: {enabled: true, minSize: 3, maxSize: 5}}
            """])).model.values.nodePools
        let demands = pools.map(CheckRules.machineDemand)
        #expect(demands.map(\.certain.count) == [4, 3, 0, 2, 4])
        #expect(demands.map(\.peak.count) == [4, 9, 0, 2, 6])
        #expect(demands[4].peak.reason == "autoscaling maxSize 5 + 1 during a rolling update")
    }

    @Test func aPasswordIsUsedByEverySecretCreatedFromIt() throws {
        func unused(_ values: String) throws -> [String] {
            try RenderPipeline.check(Rendering.request([values])).diagnostics.filter { $0.rule == "KC606" }.map(\.path)
        }
        // The cloud controller's Secret takes vSphere's credentials unless it has its own.
        #expect(try unused("vSphere: {username: u, password: pw}\nvSphereCloudControllerManager: {secret: {create: true}}") == [])
        #expect(
            try unused(
                "vSphere: {username: u, password: pw}\nvSphereCloudControllerManager: {secret: {create: true}, username: c, password: cpw}"
            ) == ["vSphere.password"])
        #expect(
            try unused("vSphereCloudControllerManager: {enabled: false, secret: {create: true}, username: c, password: cpw}")
                == ["vSphereCloudControllerManager.password"])
        #expect(try unused("vSphereStorageControllerManager: {enabled: true, secret: {create: true}, username: s, password: spw}") == [])
        #expect(try unused("vSphereStorageControllerManager: {username: s, password: spw}") == ["vSphereStorageControllerManager.password"])
    }

    @Test func templateSkewFixSaysWhichWayTheKubeletIsOff() {
        let controlPlane = KubernetesVersion(major: 1, minor: 33, patch: 1)
        let newer = CheckRules.templateSkewFix(template: KubernetesVersion(major: 1, minor: 34, patch: 0), controlPlane: controlPlane)
        let older = CheckRules.templateSkewFix(template: KubernetesVersion(major: 1, minor: 32, patch: 0), controlPlane: controlPlane)
        #expect(newer.hasPrefix("kubelet must not be newer than the API server"))
        #expect(older.hasPrefix("kubelet is older than the API server"), "\(older)")
        #expect(older.contains("3 minor versions") && older.contains("v1.33"))
        #expect(KubernetesVersion.kubeletSkew(apiServer: KubernetesVersion(major: 1, minor: 27, patch: 0)) == 2)
    }

    @Test func versions() {
        #expect(KubernetesVersion.embedded(in: "ubuntu-22.04-kube-v1.31.2")?.minor == 31)
        #expect(KubernetesVersion.embedded(in: "ubuntu-2404-kube-1.30") == KubernetesVersion(major: 1, minor: 30, patch: nil))
        #expect(KubernetesVersion.embedded(in: "photon-5") == nil)
        #expect(KubernetesVersion(semantic: "v1.33.0-rc.1")?.minor == 33)
        #expect(KubernetesVersion(semantic: "v1.33") == nil)
    }
}

@Suite struct IPPoolShortageMessageTests {
    /// A finding is read by a person: the five largest shares, then the rest counted.
    @Test func namesTheLargestSharesAndCountsTheRest() {
        let pools = (0..<8).map { "- {name: p\($0), template: t, network: vm-net, replicas: \($0 == 6 ? 9 : 1), addressesFromPools: {enabled: true}}" }
        let errors = Rendering.errors("ipamProvider: {ranges: [192.168.0.10-192.168.0.14], prefix: \"24\", gateway: 192.168.0.1}\nnodePools:\n" + pools.joined(separator: "\n"))
        let finding = errors.first { $0.rule == "KC413" }
        #expect(finding?.message == "5 usable addresses, the pools need 24: nodePools[6] 10 (replicas 9 + 1 during a rolling update), "
            + "nodePools[0] 2 (replicas 1 + 1 during a rolling update), nodePools[1] 2 (replicas 1 + 1 during a rolling update), "
            + "nodePools[2] 2 (replicas 1 + 1 during a rolling update), nodePools[3] 2 (replicas 1 + 1 during a rolling update), 3 more pools 6 (together)")
    }
}

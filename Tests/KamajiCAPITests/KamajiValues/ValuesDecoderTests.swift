import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

@Suite struct ValuesDecoderTests {
    @Test func unknownKeyIsAnErrorWithASuggestion() {
        let errors = Rendering.errors("""
            nodePools:
            - name: a
              template: t
              network: vm-net
              numCPU: 4
            """)
        let error = errors.first { $0.code == .unknownKey }
        #expect(error?.path == "nodePools[0].numCPU")
        #expect(error?.hint?.contains("did you mean \"numCPUs\"") == true)
    }

    @Test func wrongTypeNamesThePathAndLine() {
        let errors = Rendering.errors("""
            nodePools:
            - name: a
              template: t
              network: vm-net
            - name: b
              template: t
              network: vm-net
              numCPUs: four
            """)
        let error = errors.first { $0.code == .typeMismatch }
        #expect(error?.path == "nodePools[1].numCPUs")
        #expect(error?.location?.file == "values0.yaml")
        #expect(error?.location?.line == 8)
        #expect(error?.message.contains("whole number") == true)
    }

    @Test func everyProblemIsReportedInOneRun() {
        let errors = Rendering.errors("""
            cluster:
              controlPlane:
                replicas: two
            vSphere:
              servr: x
            nodePools:
            - name: a
              network: vm-net
            """)
        #expect(Set(errors.map(\.path)) == ["cluster.controlPlane.replicas", "vSphere.servr", "nodePools[0].template"])
        #expect(errors.first { $0.path == "nodePools[0].template" }?.code == .missingValue)
    }

    @Test func chart010ValuesLoadAsTheyAre() throws {
        let objects = try Rendering.objects(try Fixtures.text("conformance/chart-0.1.0/csi-and-secrets/values.yaml"))
        #expect(!objects.isEmpty)
    }

    @Test func keysTheChartOnlyMentionsInCommentsWarn() throws {
        let result = try RenderPipeline.render(Rendering.request(["""
            nodePools:
            - name: a
              template: t
              network: vm-net
              searchDomains: [example.com]
            """]))
        #expect(result.warnings.contains { $0.severity == .warning && $0.path == "nodePools[0].searchDomains" })
    }

    @Test func didYouMeanPicksTheClosestKey() {
        #expect(DidYouMean.closest(to: "dataStor", among: ["dataStore", "diskGiB", "network"]) == "dataStore")
        #expect(DidYouMean.closest(to: "completelyDifferent", among: ["dataStore"]) == nil)
    }
}

@Suite struct ValuesEnumTests {
    @Test func kamajiVersionIsSelectable() throws {
        let objects = try Rendering.objects("apiVersions:\n  kamaji: v1alpha2")
        let controlPlane = objects.first { $0.kind == "KamajiControlPlane" }
        #expect(controlPlane?.apiVersion == "controlplane.cluster.x-k8s.io/v1alpha2")
        #expect(Rendering.object("Cluster", in: objects)?["spec", "controlPlaneRef", "apiVersion"]
            == "controlplane.cluster.x-k8s.io/v1alpha2")
    }

    @Test func defaultKamajiVersionIsTheCharts() throws {
        let objects = try Rendering.objects("{}")
        #expect(objects.first { $0.kind == "KamajiControlPlane" }?.apiVersion == "controlplane.cluster.x-k8s.io/v1alpha1")
    }

    @Test func unknownKamajiVersionListsTheAcceptedOnes() {
        let errors = Rendering.errors("apiVersions:\n  kamaji: v1beta9")
        #expect(errors.first?.path == "apiVersions.kamaji")
        #expect(errors.first?.hint == "use one of: v1alpha1, v1alpha2")
    }
}

/// Lists of `Parallel.minimumCount` node pools or more are decoded on all cores; the
/// result and every reported problem must be what item-by-item decoding gives.
@Suite struct ConcurrentPoolDecodingTests {
    static let poolCount = Parallel.minimumCount + 8

    static func pools(_ extra: (Int) -> String = { _ in "" }) -> String {
        "nodePools:\n" + (0..<poolCount).map { i in
            "- name: pool-\(i)\n  template: t\n  network: vm-net\n  numCPUs: \(i % 7 + 1)\n" + extra(i)
        }.joined()
    }

    static func decode(_ text: String) throws -> ChartValues {
        try RenderPipeline.check(Rendering.request([text])).model.values
    }

    @Test func manyPoolsDecodeAsOneByOne() throws {
        let values = try Self.decode(Self.pools())
        #expect(values.nodePools.count == Self.poolCount)
        for (i, pool) in values.nodePools.enumerated() {
            #expect(pool.name == "pool-\(i)")
            #expect(pool.numCPUs == i % 7 + 1)
        }
    }

    @Test func anUnknownKeyInOneOfManyPoolsIsFound() {
        // Decoding itself finds nothing wrong here; the key is found afterwards among the mappings
        // each pool's decoding registered.
        let errors = Rendering.errors(Self.pools { $0 == 30 ? "  numCPU: 4\n" : "" })
        #expect(errors.map(\.path) == ["nodePools[30].numCPU"])
        #expect(errors.first?.location?.line == 2 + 30 * 4 + 4)
    }

    @Test func problemsInManyPoolsAreReportedInOrder() {
        let errors = Rendering.errors(Self.pools { i in
            switch i {
            case 3: return "  numCPU: 4\n"  // unknown key, found after decoding by the merged mappings
            case 17: return "  diskGiB: lots\n"
            case Self.poolCount - 1: return "  memoryMiB: [1]\n"
            default: return ""
            }
        })
        #expect(errors.map(\.path) == ["nodePools[17].diskGiB", "nodePools[39].memoryMiB", "nodePools[3].numCPU"])
        #expect(errors.first { $0.path == "nodePools[3].numCPU" }?.hint?.contains("did you mean \"numCPUs\"") == true)
        #expect(errors.allSatisfy { $0.location?.line != nil })
    }
}

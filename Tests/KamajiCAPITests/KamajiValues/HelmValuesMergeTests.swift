import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

// Rules of Helm 3.17's `-f` merging (`mergeMaps`) and chart coalescing (`CoalesceValues`), on small
// trees. Each rule was observed with helm 3.17.2 (`helm template` with a `{{ toJson .Values }}`
// template; the end-to-end runs against a chart are in HelmValuesComposerTests and the commands in
// docs/helm-values-semantics.md).

@Suite struct HelmValuesMergeTests {
    // MARK: mergeValueFiles

    @Test func laterFileDeepMergesMaps() throws {
        let a: YAMLValue = ["vSphere": ["server": "vc-a", "identityRef": ["name": "creds-a"]], "extra": ["keep": 1]]
        let b: YAMLValue = ["vSphere": ["identityRef": ["type": "ClusterIdentity"]], "extra": ["added": true]]
        #expect(try ValuesMerger.mergeValueFiles([a, b]) == [
            "vSphere": ["server": "vc-a", "identityRef": ["name": "creds-a", "type": "ClusterIdentity"]],
            "extra": ["keep": 1, "added": true],
        ])
    }

    @Test func laterFileReplacesListsWhole() throws {
        let a: YAMLValue = ["extra": ["list": [1, 2, 3]], "nodePools": [["name": "a1", "replicas": 5], ["name": "a2"]]]
        let b: YAMLValue = ["extra": ["list": [9]], "nodePools": [["numCPUs": 4]]]
        #expect(try ValuesMerger.mergeValueFiles([a, b]) == ["extra": ["list": [9]], "nodePools": [["numCPUs": 4]]])
    }

    @Test func laterNullIsKeptForTheCoalesceStep() throws {
        let a: YAMLValue = ["extra": ["keep": 1], "x": 1]
        let b: YAMLValue = ["extra": .null, "nested": ["gone": .null]]
        #expect(try ValuesMerger.mergeValueFiles([a, b]) == ["extra": .null, "x": 1, "nested": ["gone": .null]])
    }

    @Test func laterMapReplacesAnEarlierNullOrScalar() throws {
        let a: YAMLValue = ["extra": .null, "s": "text"]
        let b: YAMLValue = ["extra": ["back": 1], "s": ["now": "map"]]
        #expect(try ValuesMerger.mergeValueFiles([a, b]) == ["extra": ["back": 1], "s": ["now": "map"]])
    }

    @Test func laterScalarReplacesAnEarlierMap() throws {
        let a: YAMLValue = ["m": ["k": 1]]
        let b: YAMLValue = ["m": "flat"]
        #expect(try ValuesMerger.mergeValueFiles([a, b]) == ["m": "flat"])
    }

    @Test func emptyFilesAndNoFilesMergeToAnEmptyMap() throws {
        #expect(try ValuesMerger.mergeValueFiles([]) == [:])
        #expect(try ValuesMerger.mergeValueFiles([.null, [:]]) == [:])
        #expect(try ValuesMerger.mergeValueFiles([.null, ["a": 1]]) == ["a": 1])
    }

    @Test func aFileThatIsNotAMapIsRejected() throws {
        // helm: "failed to parse f/toplist.yaml: ... cannot unmarshal array into Go value of type map"
        do {
            _ = try ValuesMerger.mergeValueFiles([["a": 1], ["a", "b"], "text"])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 2)
            #expect(error.diagnostics.map(\.location?.file) == ["values file #2", "values file #3"])
            #expect(error.diagnostics.allSatisfy { $0.code == .typeMismatch && $0.hint != nil })
            #expect(error.diagnostics.first?.message.contains("a list") == true)
        }
    }

    // MARK: coalesce

    @Test func userValuesWinAndDefaultsFillTheRest() {
        let defaults: YAMLValue = ["a": 1, "m": ["x": 1, "y": 2], "l": [1, 2]]
        let user: YAMLValue = ["a": 2, "m": ["y": 3], "l": [9], "new": "n"]
        #expect(ValuesMerger.coalesce(user: user, defaults: defaults) == ["a": 2, "m": ["x": 1, "y": 3], "l": [9], "new": "n"])
    }

    @Test func listsAreNeverMergedElementByElement() {
        let defaults: YAMLValue = ["nodePools": [["name": "pool-a", "numCPUs": 2], ["name": "pool-b"]]]
        let user: YAMLValue = ["nodePools": [["numCPUs": 8]]]
        #expect(ValuesMerger.coalesce(user: user, defaults: defaults) == ["nodePools": [["numCPUs": 8]]])
    }

    @Test func userNullDeletesADefaultKeyAtAnyDepth() {
        let defaults: YAMLValue = [
            "cluster": ["controlPlane": ["addons": ["konnectivity": ["server": ["port": 8132]], "coreDNS": [:]]]],
            "vSphere": ["server": "vc", "identityRef": ["name": "creds"]],
            "nodePools": [["name": "a"]],
        ]
        let user: YAMLValue = [
            "cluster": ["controlPlane": ["addons": ["konnectivity": .null]]],
            "vSphere": ["identityRef": .null],
            "nodePools": .null,
        ]
        #expect(ValuesMerger.coalesce(user: user, defaults: defaults) == [
            "cluster": ["controlPlane": ["addons": ["coreDNS": [:]]]],
            "vSphere": ["server": "vc"],
        ])
    }

    @Test func userNullWithoutADefaultStaysNull() {
        // helm 3.17.2 leaves these nulls in .Values (newer Helm versions differ here).
        let defaults: YAMLValue = ["cluster": ["controlPlane": ["replicas": 2, "addons": ["coreDNS": [:]]]]]
        let user: YAMLValue = [
            "extra": .null,
            "cluster": ["controlPlane": ["brandNew": .null, "addons": ["coreDNS": ["x": .null]]]],
            "newTop": ["child": .null, "deeper": ["gone": .null, "kept": 1]],
        ]
        #expect(ValuesMerger.coalesce(user: user, defaults: defaults) == [
            "cluster": ["controlPlane": ["replicas": 2, "addons": ["coreDNS": ["x": .null]], "brandNew": .null]],
            "extra": .null,
            "newTop": ["child": .null, "deeper": ["gone": .null, "kept": 1]],
        ])
    }

    @Test func defaultNullsStayUnlessTheUserSetsOrDeletesThem() {
        let defaults: YAMLValue = ["nullDefault": .null, "nested": ["nullInDefault": .null, "keep": 1]]
        #expect(ValuesMerger.coalesce(user: [:], defaults: defaults) == defaults)
        #expect(ValuesMerger.coalesce(user: ["nullDefault": ["now": "table"], "nested": ["nullInDefault": 5]], defaults: defaults)
            == ["nullDefault": ["now": "table"], "nested": ["nullInDefault": 5, "keep": 1]])
        #expect(ValuesMerger.coalesce(user: ["nullDefault": .null, "nested": ["nullInDefault": .null]], defaults: defaults)
            == ["nested": ["keep": 1]])
    }

    @Test func userMapOverADefaultScalarWinsWithAWarning() {
        let (values, warnings) = ValuesMerger.coalesceReportingWarnings(
            user: ["scalarDefault": ["now": "table"], "cluster": ["replicas": ["nested": "table"]]],
            defaults: ["scalarDefault": "hello", "cluster": ["replicas": 2]])
        #expect(values == ["scalarDefault": ["now": "table"], "cluster": ["replicas": ["nested": "table"]]])
        #expect(warnings.map(\.path) == ["scalarDefault", "cluster.replicas"])
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.code == .typeMismatch })
    }

    @Test func userScalarOverADefaultMapWinsAndWarnsOnlyBelowTheTop() {
        // helm 3.17.2 warns "cannot overwrite table with non table" for nested keys only.
        let (values, warnings) = ValuesMerger.coalesceReportingWarnings(
            user: ["tableDefault": "just-a-string", "cluster": ["labels": "scalar-now", "args": ["a"]]],
            defaults: ["tableDefault": ["x": 1], "cluster": ["labels": ["cni": "calico"], "args": ["k": "v"]]])
        #expect(values == ["tableDefault": "just-a-string", "cluster": ["labels": "scalar-now", "args": ["a"]]])
        #expect(warnings.map(\.path) == ["cluster.labels", "cluster.args"])
        #expect(warnings.first?.message.contains("a map") == true)
    }

    @Test func userMapOverADefaultNullGivesNoWarning() {
        let (values, warnings) = ValuesMerger.coalesceReportingWarnings(
            user: ["n": ["a": 1], "m": ["n": ["b": 2]]], defaults: ["n": .null, "m": ["n": .null]])
        #expect(values == ["n": ["a": 1], "m": ["n": ["b": 2]]])
        #expect(warnings.isEmpty)
    }

    @Test func emptyOrNullTreesCoalesce() {
        #expect(ValuesMerger.coalesce(user: .null, defaults: ["a": 1]) == ["a": 1])
        #expect(ValuesMerger.coalesce(user: ["a": 1], defaults: .null) == ["a": 1])
        #expect(ValuesMerger.coalesce(user: .null, defaults: .null) == [:])
    }

    @Test func keyOrderIsTheDefaultsOrderThenTheUsersNewKeys() {
        let values = ValuesMerger.coalesce(user: ["z": 1, "b": 2, "new": 3], defaults: ["b": 0, "a": 0, "z": 0])
        #expect(values.mapping?.keys == ["b", "a", "z", "new"])
    }
}

import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

// End-to-end: chart defaults + `-f` files + set flags, compared with what helm 3.17.2 printed for
// `helm template x /tmp/helmlab <args>` where /tmp/helmlab/values.yaml is `chartDefaults` below and
// the only template is `{{ toJson .Values }}`. Helm prints keys sorted, so trees are compared with
// `isEquivalent` (key order ignored, types and list order kept). Commands and outputs:
// docs/helm-values-semantics.md.

/// The project's location type (Testing has a `SourceLocation` too).
private typealias Location = KamajiDiagnostics.SourceLocation

/// /tmp/helmlab/values.yaml, shaped like the real chart's defaults.
private let chartDefaults: YAMLValue = [
    "vSphere": ["server": "vcenter.local", "identityRef": ["type": "Secret", "name": "creds"]],
    "ipamProvider": ["enabled": false, "prefix": "24", "ranges": []],
    "cluster": ["controlPlane": [
        "replicas": 2,
        "labels": ["cni": "calico"],
        "addons": ["coreDNS": [:], "kubeProxy": [:], "konnectivity": ["server": ["port": 8132]]],
    ]],
    "nodePools": [
        ["name": "pool-a", "replicas": 3, "numCPUs": 2, "nameServers": ["8.8.8.8"]],
        ["name": "pool-b", "replicas": 1, "numCPUs": 4],
    ],
    "scalarDefault": "hello",
    "tableDefault": ["x": 1, "z": 2],
    "nullDefault": .null,
    "nested": ["nullInDefault": .null, "keep": 1],
]

/// What helm 3.17.2 printed for the chart with no user values (`--set dummy=1`, without `dummy`).
private let helmBaseline: YAMLValue = [
    "cluster": ["controlPlane": ["addons": ["coreDNS": [:], "konnectivity": ["server": ["port": 8132]], "kubeProxy": [:]], "labels": ["cni": "calico"], "replicas": 2]],
    "ipamProvider": ["enabled": false, "prefix": "24", "ranges": []],
    "nested": ["keep": 1, "nullInDefault": .null],
    "nodePools": [["name": "pool-a", "nameServers": ["8.8.8.8"], "numCPUs": 2, "replicas": 3], ["name": "pool-b", "numCPUs": 4, "replicas": 1]],
    "nullDefault": .null,
    "scalarDefault": "hello",
    "tableDefault": ["x": 1, "z": 2],
    "vSphere": ["identityRef": ["name": "creds", "type": "Secret"], "server": "vcenter.local"],
]

/// Helm's printed tree, written as the baseline with the top-level keys whose printed value
/// differed replaced by what helm printed for them (`nil`: helm printed no such key).
private func helmPrinted(_ changes: KeyValuePairs<String, YAMLValue?>) -> YAMLValue {
    var mapping = helmBaseline.mapping!
    for (key, value) in changes { mapping[key] = value }
    return .mapping(mapping)
}

// The user files of the runs (as the YAML reader yields them; `added: yes` is true in YAML 1.1).
private let fileA: YAMLValue = [
    "vSphere": ["server": "vc-a", "identityRef": ["name": "creds-a"]],
    "nodePools": [["name": "a1", "replicas": 5]],
    "extra": ["keep": 1, "list": [1, 2, 3]],
]
private let fileB: YAMLValue = ["vSphere": ["identityRef": ["type": "ClusterIdentity"]], "extra": ["list": [9], "added": true]]
private let fileNull1: YAMLValue = ["cluster": ["controlPlane": ["addons": ["konnectivity": .null]]], "vSphere": ["identityRef": .null]]
private let fileNull2: YAMLValue = ["extra": .null]
private let fileMapOverNull: YAMLValue = ["extra": ["back": 1]]
private let fileNestedNull: YAMLValue = [
    "cluster": ["controlPlane": ["brandNew": .null, "addons": ["coreDNS": ["x": .null]]]],
    "newTop": ["child": .null, "deeper": ["gone": .null, "kept": 1]],
]
private let fileTypes: YAMLValue = [
    "scalarDefault": ["now": "table"],
    "tableDefault": "just-a-string",
    "cluster": ["controlPlane": ["replicas": ["nested": "table"], "labels": "scalar-now"]],
]
private let fileTypes2: YAMLValue = ["cluster": ["controlPlane": ["labels": .null]]]
private let fileNullPools: YAMLValue = ["nodePools": .null, "cluster": .null]
private let fileStrScalar: YAMLValue = ["vSphere": "not-a-map"]
private let fileOverNull: YAMLValue = ["nullDefault": ["now": "table"], "nested": ["nullInDefault": 5]]
private let fileOverNull2: YAMLValue = ["nullDefault": .null, "nested": ["nullInDefault": .null]]
private let fileListOfPools: YAMLValue = ["nodePools": [["name": "u0", "numCPUs": 1], ["name": "u1", "numCPUs": 2]]]

private func compose(
    _ files: [YAMLValue], _ flags: [HelmSetFlag] = [], readFile: (String) throws -> String = { _ in "true" }
) throws -> ValuesComposer.Composed {
    try ValuesComposer(defaults: chartDefaults).compose(
        files: files.enumerated().map { ValuesComposer.File(name: "f\($0.offset).yaml", values: $0.element) },
        flags: flags, readFile: readFile)
}

private func expectHelm(_ actual: YAMLValue, _ expected: YAMLValue, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(actual.isEquivalent(to: expected), "got \(actual)", sourceLocation: sourceLocation)
}

@Suite struct HelmValuesComposerTests {
    @Test func noUserValuesGiveTheDefaults() throws {
        expectHelm(try compose([]).values, helmBaseline)
    }

    // MARK: -f files

    @Test func twoFilesDeepMerge() throws {
        // helm template x /tmp/helmlab -f f/a.yaml -f f/b.yaml
        expectHelm(try compose([fileA, fileB]).values, helmPrinted([
            "extra": ["added": true, "keep": 1, "list": [9]],
            "nodePools": [["name": "a1", "replicas": 5]],
            "vSphere": ["identityRef": ["name": "creds-a", "type": "ClusterIdentity"], "server": "vc-a"],
        ]))
    }

    @Test func laterNullOverAKeyWithoutDefaultStaysNull() throws {
        // helm template x /tmp/helmlab -f f/a.yaml -f f/null2.yaml
        expectHelm(try compose([fileA, fileNull2]).values, helmPrinted([
            "extra": .null,
            "nodePools": [["name": "a1", "replicas": 5]],
            "vSphere": ["identityRef": ["name": "creds-a", "type": "Secret"], "server": "vc-a"],
        ]))
    }

    @Test func nullThenMapAgain() throws {
        // helm template x /tmp/helmlab -f f/a.yaml -f f/nullover.yaml -f f/mapovernull.yaml
        expectHelm(try compose([fileA, fileNull2, fileMapOverNull]).values, helmPrinted([
            "extra": ["back": 1],
            "nodePools": [["name": "a1", "replicas": 5]],
            "vSphere": ["identityRef": ["name": "creds-a", "type": "Secret"], "server": "vc-a"],
        ]))
    }

    @Test func nullDeletesDefaultMaps() throws {
        // helm template x /tmp/helmlab -f f/null1.yaml
        expectHelm(try compose([fileNull1]).values, helmPrinted([
            "cluster": ["controlPlane": ["addons": ["coreDNS": [:], "kubeProxy": [:]], "labels": ["cni": "calico"], "replicas": 2]],
            "vSphere": ["server": "vcenter.local"],
        ]))
    }

    @Test func nestedNullsWithoutDefaultsStay() throws {
        // helm template x /tmp/helmlab -f f/nested-null.yaml
        expectHelm(try compose([fileNestedNull]).values, helmPrinted([
            "cluster": ["controlPlane": ["addons": ["coreDNS": ["x": .null], "konnectivity": ["server": ["port": 8132]], "kubeProxy": [:]], "brandNew": .null, "labels": ["cni": "calico"], "replicas": 2]],
            "newTop": ["child": .null, "deeper": ["gone": .null, "kept": 1]],
        ]))
    }

    @Test func nullDeletesANestedDefaultMap() throws {
        // helm template x /tmp/helmlab -f f/types2.yaml
        expectHelm(try compose([fileTypes2]).values, helmPrinted([
            "cluster": ["controlPlane": ["addons": ["coreDNS": [:], "konnectivity": ["server": ["port": 8132]], "kubeProxy": [:]], "replicas": 2]],
        ]))
    }

    @Test func nullDeletesTopLevelListsAndMaps() throws {
        // helm template x /tmp/helmlab -f f/nullpools.yaml
        expectHelm(try compose([fileNullPools]).values, helmPrinted(["cluster": nil, "nodePools": nil]))
    }

    @Test func tablesOverScalarsAndScalarsOverTables() throws {
        // helm template x /tmp/helmlab -f f/types.yaml: three coalesce.go warnings on stderr.
        let composed = try compose([fileTypes])
        expectHelm(composed.values, helmPrinted([
            "cluster": ["controlPlane": ["addons": ["coreDNS": [:], "konnectivity": ["server": ["port": 8132]], "kubeProxy": [:]], "labels": "scalar-now", "replicas": ["nested": "table"]]],
            "scalarDefault": ["now": "table"],
            "tableDefault": "just-a-string",
        ]))
        #expect(Set(composed.warnings.map(\.path)) == ["scalarDefault", "cluster.controlPlane.labels", "cluster.controlPlane.replicas"])
    }

    @Test func topLevelScalarOverADefaultMap() throws {
        // helm template x /tmp/helmlab -f f/strscalar.yaml: no warning.
        let composed = try compose([fileStrScalar])
        expectHelm(composed.values, helmPrinted(["vSphere": "not-a-map"]))
        #expect(composed.warnings.isEmpty)
    }

    @Test func userValuesOverDefaultNulls() throws {
        // helm template x /tmp/helmlab -f f/overnull.yaml, then -f f/overnull2.yaml
        expectHelm(try compose([fileOverNull]).values, helmPrinted([
            "nested": ["keep": 1, "nullInDefault": 5], "nullDefault": ["now": "table"],
        ]))
        expectHelm(try compose([fileOverNull2]).values, helmPrinted(["nested": ["keep": 1], "nullDefault": nil]))
    }

    @Test func emptyFilesChangeNothing() throws {
        // helm template x /tmp/helmlab -f f/emptyfile.yaml (a comment only) and -f f/tilde.yaml (`~`)
        expectHelm(try compose([.null, [:]]).values, helmBaseline)
    }

    @Test func fileThatIsAListIsRejectedWithItsName() throws {
        // helm: Error: failed to parse f/toplist.yaml: ... cannot unmarshal array into ... map
        do {
            _ = try ValuesComposer(defaults: chartDefaults).compose(files: [.init(name: "toplist.yaml", values: ["a", "b"])])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.location?.file) == ["toplist.yaml"])
            #expect(error.diagnostics.first?.code == .typeMismatch)
        }
    }

    // MARK: flags with defaults

    @Test func setNullDeletesADefault() throws {
        // --set 'cluster.controlPlane.addons.konnectivity=null'
        expectHelm(try compose([], [HelmSetFlag(.typed, "cluster.controlPlane.addons.konnectivity=null")]).values, helmPrinted([
            "cluster": ["controlPlane": ["addons": ["coreDNS": [:], "kubeProxy": [:]], "labels": ["cni": "calico"], "replicas": 2]],
        ]))
        // --set 'vSphere.identityRef=null,nullDefault.x=1'
        expectHelm(try compose([], [HelmSetFlag(.typed, "vSphere.identityRef=null,nullDefault.x=1")]).values, helmPrinted([
            "nullDefault": ["x": 1], "vSphere": ["server": "vcenter.local"],
        ]))
    }

    @Test func setNullOfANewKeyStaysNull() throws {
        // --set 'newKey=null'
        expectHelm(try compose([], [HelmSetFlag(.typed, "newKey=null")]).values, helmPrinted(["newKey": .null]))
    }

    @Test func setTurnsAQuotedDefaultIntoAnInteger() throws {
        // --set 'ipamProvider.prefix=25': the default "24" is a string, the flag makes an int.
        let composed = try compose([], [HelmSetFlag(.typed, "ipamProvider.prefix=25")])
        expectHelm(composed.values, helmPrinted(["ipamProvider": ["enabled": false, "prefix": 25, "ranges": []]]))
        #expect(try compose([], [HelmSetFlag(.string, "ipamProvider.prefix=25")]).values["ipamProvider", "prefix"] == "25")
    }

    @Test func setTableOverScalarAndScalarOverTable() throws {
        // --set 'vSphere.server.x=1' (warning), --set 'scalarDefault.x=1' (warning), --set 'tableDefault=flat'
        let server = try compose([], [HelmSetFlag(.typed, "vSphere.server.x=1")])
        expectHelm(server.values, helmPrinted(["vSphere": ["identityRef": ["name": "creds", "type": "Secret"], "server": ["x": 1]]]))
        #expect(server.warnings.map(\.path) == ["vSphere.server"])
        let scalar = try compose([], [HelmSetFlag(.typed, "scalarDefault.x=1")])
        expectHelm(scalar.values, helmPrinted(["scalarDefault": ["x": 1]]))
        #expect(scalar.warnings.map(\.path) == ["scalarDefault"])
        let table = try compose([], [HelmSetFlag(.typed, "tableDefault=flat")])
        expectHelm(table.values, helmPrinted(["tableDefault": "flat"]))
        #expect(table.warnings.isEmpty)
    }

    @Test func setIntoANullFromAFileFails() throws {
        // helm template x /tmp/helmlab -f f/nullpools.yaml --set 'cluster.controlPlane.replicas=5'
        // helm: unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}
        #expect(throws: DiagnosticError.self) { try compose([fileNullPools], [HelmSetFlag(.typed, "cluster.controlPlane.replicas=5")]) }
        // helm template x /tmp/helmlab -f f/strscalar.yaml --set 'vSphere.server=x'
        #expect(throws: DiagnosticError.self) { try compose([fileStrScalar], [HelmSetFlag(.typed, "vSphere.server=x")]) }
    }

    @Test func indexIntoTheUsersListMatchesHelm() throws {
        // helm template x /tmp/helmlab -f f/list-of-pools.yaml --set 'nodePools[1].numCPUs=8'
        expectHelm(try compose([fileListOfPools], [HelmSetFlag(.typed, "nodePools[1].numCPUs=8")]).values, helmPrinted([
            "nodePools": [["name": "u0", "numCPUs": 1], ["name": "u1", "numCPUs": 8]],
        ]))
    }

    // MARK: the deliberate difference

    @Test func indexIntoTheDefaultListKeepsTheOtherElementsAndFields() throws {
        // helm 3.17.2 prints nodePools: [null, {numCPUs: 8}] for --set 'nodePools[1].numCPUs=8'.
        expectHelm(try compose([], [HelmSetFlag(.typed, "nodePools[1].numCPUs=8")]).values, helmPrinted([
            "nodePools": [["name": "pool-a", "nameServers": ["8.8.8.8"], "numCPUs": 2, "replicas": 3], ["name": "pool-b", "numCPUs": 8, "replicas": 1]],
        ]))
        // helm 3.17.2 prints nodePools: ["x"] for --set 'nodePools[0]=x'.
        expectHelm(try compose([], [HelmSetFlag(.typed, "nodePools[0]=x")]).values, helmPrinted([
            "nodePools": ["x", ["name": "pool-b", "numCPUs": 4, "replicas": 1]],
        ]))
        // helm 3.17.2 prints nodePools: [] for --set 'nodePools[0]'.
        expectHelm(try compose([], [HelmSetFlag(.typed, "nodePools[0]")]).values, helmBaseline)
    }

    // MARK: order

    @Test func filesComeBeforeFlagsWhateverTheCommandLineOrder() throws {
        // helm template x /tmp/helmlab --set 'a=1' -f f/a2.yaml  (a2.yaml: `a: 2`) prints a: 1.
        #expect(try compose([["a": 2]], [HelmSetFlag(.typed, "a=1")]).values["a"] == 1)
    }

    @Test func flagKindsApplyInHelmsOrder() throws {
        // --set-file 'a=f/truefile.txt' --set-string 'a=str' --set 'a=typed' prints a: "true" (the file).
        let all = [HelmSetFlag(.file, "a=f/truefile.txt"), HelmSetFlag(.string, "a=str"), HelmSetFlag(.typed, "a=typed")]
        #expect(try compose([], all) { $0 == "f/truefile.txt" ? "true" : "?" }.values["a"] == "true")
        // --set-string 'a=str' --set 'a=typed' prints a: "str".
        #expect(try compose([], [HelmSetFlag(.string, "a=str"), HelmSetFlag(.typed, "a=typed")]).values["a"] == "str")
        #expect(ValuesComposer.helmOrder(all + [HelmSetFlag(.typed, "b=1")]).map(\.expression) == ["a=typed", "b=1", "a=str", "a=f/truefile.txt"])
    }

    // MARK: diagnostics and warnings

    @Test func everyProblemIsReportedAtOnce() throws {
        do {
            _ = try ValuesComposer(defaults: chartDefaults).compose(
                files: [.init(name: "bad.yaml", values: "text"), .init(name: "ok.yaml", values: ["a": 1])],
                flags: [HelmSetFlag(.typed, "a"), HelmSetFlag(.typed, "fine=1"), HelmSetFlag(.string, "b[x]=1"), HelmSetFlag(.file, "c=missing")],
                readFile: { path in throw HelmSetParser.NoFileReader(path: path) })
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.typeMismatch, .setSyntax, .setSyntax, .io])
            #expect(error.diagnostics.map(\.location?.file) == ["bad.yaml", "--set #1 (a)", "--set-string #1 (b)", "--set-file #1 (c)"])
        }
    }

    @Test func halfIgnoredFlagsAreWarnedAbout() throws {
        let composed = try compose([], [HelmSetFlag(.typed, "=x"), HelmSetFlag(.typed, "a.")])
        expectHelm(composed.values, helmBaseline)
        #expect(composed.warnings.count == 2)
        #expect(composed.warnings.allSatisfy { $0.severity == .warning })
    }

    // MARK: locations

    @Test func locationsFollowTheWinningSource() throws {
        let defaultLocations: [ValuePath: Location] = [
            "nodePools": Location(file: "values.yaml", line: 20),
            "nodePools[0].numCPUs": Location(file: "values.yaml", line: 23),
            "nodePools[1].numCPUs": Location(file: "values.yaml", line: 27),
            "vSphere.identityRef": Location(file: "values.yaml", line: 3),
            "vSphere.identityRef.name": Location(file: "values.yaml", line: 5),
            "vSphere.server": Location(file: "values.yaml", line: 2),
            "scalarDefault": Location(file: "values.yaml", line: 30),
            "tableDefault.x": Location(file: "values.yaml", line: 32),
        ]
        let a = ValuesComposer.File(name: "a.yaml", values: fileA, locations: [
            "vSphere.server": Location(file: "a.yaml", line: 2),
            "nodePools": Location(file: "a.yaml", line: 5),
            "nodePools[0].name": Location(file: "a.yaml", line: 6),
        ])
        let null1 = ValuesComposer.File(name: "null1.yaml", values: fileNull1, locations: [
            "vSphere.identityRef": Location(file: "null1.yaml", line: 6),
        ])
        let composed = try ValuesComposer(defaults: chartDefaults, defaultLocations: LocationMap(value: defaultLocations)).compose(
            files: [a, null1],
            flags: [HelmSetFlag(.typed, "nodePools[0].numCPUs=8"), HelmSetFlag(.string, "scalarDefault=x")])
        #expect(composed.locations.value == [
            "nodePools": Location(file: "a.yaml", line: 5),
            "nodePools[0].name": Location(file: "a.yaml", line: 6),
            "nodePools[0].numCPUs": Location(flag: "--set", position: 1, key: "nodePools[0].numCPUs"),
            "vSphere.server": Location(file: "a.yaml", line: 2),
            "scalarDefault": Location(flag: "--set-string", position: 1, key: "scalarDefault"),
            "tableDefault.x": Location(file: "values.yaml", line: 32),
        ])
    }

    @Test func defaultListLocationsSurviveAnIndexIntoIt() throws {
        let composed = try ValuesComposer(defaults: chartDefaults, defaultLocations: [
            "nodePools[0].numCPUs": Location(file: "values.yaml", line: 23),
            "nodePools[1].numCPUs": Location(file: "values.yaml", line: 27),
        ]).compose(files: [], flags: [HelmSetFlag(.typed, "nodePools[1].numCPUs=8")])
        #expect(composed.locations.value == [
            "nodePools[0].numCPUs": Location(file: "values.yaml", line: 23),
            "nodePools[1].numCPUs": Location(flag: "--set", position: 1, key: "nodePools[1].numCPUs"),
        ])
    }

    @Test func aListReplacedByALaterFileForgetsWhereTheOldElementsCameFrom() throws {
        // The later file's location map names only the list; the old element positions would still
        // resolve in the new list, but they describe values that are gone.
        let composed = try ValuesComposer(defaults: chartDefaults, defaultLocations: [
            "nodePools[1].numCPUs": Location(file: "values.yaml", line: 27),
        ]).compose(files: [
            .init(name: "one.yaml", values: ["nodePools": [["numCPUs": 2], ["numCPUs": 3]]], locations: [
                "nodePools[0].numCPUs": Location(file: "one.yaml", line: 2),
            ]),
            .init(name: "two.yaml", values: ["nodePools": [["numCPUs": 4], ["numCPUs": 5]]], locations: [
                "nodePools": Location(file: "two.yaml", line: 1),
            ]),
        ])
        #expect(composed.locations.value == ["nodePools": Location(file: "two.yaml", line: 1)])
    }

    @Test func aFlagThatSetsAListOwnsItsElements() throws {
        let composed = try ValuesComposer(defaults: chartDefaults, defaultLocations: [
            "nodePools[0].numCPUs": Location(file: "values.yaml", line: 23),
        ]).compose(files: [], flags: [HelmSetFlag(.typed, "nodePools={a,b}")])
        #expect(composed.locations.value == [
            "nodePools": Location(flag: "--set", position: 1, key: "nodePools"),
            "nodePools[0]": Location(flag: "--set", position: 1, key: "nodePools"),
            "nodePools[1]": Location(flag: "--set", position: 1, key: "nodePools"),
        ])
    }

    /// A key's dots are escaped in its one spelling (`ValuePath`), from files and flags alike.
    @Test func keysWithDotsKeepTheirLocations() throws {
        let file = ValuesComposer.File(name: "a.yaml", values: ["labels": ["cluster.x-k8s.io/name": "x", "gone": 1]], locations: [
            #"labels.cluster\.x-k8s\.io/name"#: Location(file: "a.yaml", line: 2),
            #"labels.team"#: Location(file: "a.yaml", line: 3),
        ])
        let composed = try ValuesComposer(defaults: [:]).compose(files: [file], flags: [HelmSetFlag(.typed, #"labels.app\.kubernetes\.io/part-of=k"#)])
        #expect(composed.locations.value == [
            #"labels.cluster\.x-k8s\.io/name"#: Location(file: "a.yaml", line: 2),
            #"labels.app\.kubernetes\.io/part-of"#: Location(flag: "--set", position: 1, key: #"labels.app\.kubernetes\.io/part-of"#),
        ])
    }

    @Test func userPathsAreWhatTheUserWroteAndStillExists() throws {
        let composed = try compose(
            [["vSphere": ["server": "vc-a"], "extra": ["keep": 1]], ["extra": .null, "cluster": ["controlPlane": ["addons": ["konnectivity": .null]]]]],
            [HelmSetFlag(.typed, "nodePools[1].numCPUs=8"), HelmSetFlag(.string, #"labels.app\.io/x={a}"#)])
        #expect(composed.userPaths.value == [
            "vSphere", "vSphere.server", "extra", "cluster", "cluster.controlPlane", "cluster.controlPlane.addons",
            "nodePools", "nodePools[1]", "nodePools[1].numCPUs", "labels", "labels.app\\.io/x", "labels.app\\.io/x[0]",
        ])
    }

    @Test func warningsPointAtTheUsersValue() throws {
        let file = ValuesComposer.File(name: "types.yaml", values: fileTypes, locations: [
            "cluster.controlPlane.labels": Location(file: "types.yaml", line: 7),
        ])
        let composed = try ValuesComposer(defaults: chartDefaults).compose(files: [file])
        let labels = try #require(composed.warnings.first { $0.path == "cluster.controlPlane.labels" })
        #expect(labels.location == Location(file: "types.yaml", line: 7))
    }

    @Test func warningsFindLocationsOfDottedKeys() throws {
        let file = ValuesComposer.File(name: "a.yaml", values: ["labels": ["app.io/x": ["m": 1]]], locations: [
            #"labels.app\.io/x"#: Location(file: "a.yaml", line: 2),
        ])
        let composed = try ValuesComposer(defaults: ["labels": ["app.io/x": "scalar"]]).compose(files: [file])
        #expect(composed.warnings.map(\.path) == [#"labels.app\.io/x"#])
        #expect(composed.warnings.first?.location == Location(file: "a.yaml", line: 2))
    }
}

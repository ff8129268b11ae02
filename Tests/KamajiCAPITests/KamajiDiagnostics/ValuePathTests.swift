import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiModel
@testable import KamajiValues
@testable import KamajiYAML

/// One value path, one escaping rule: what the reader records, the decoder and the check rules
/// report and `--set` reads are the same text, so a key with `--set` syntax in it is found at its
/// own line and its printed path can be pasted back into `--set`.
struct ValuePathTests {
    /// Keys holding each character `--set` gives a meaning to, with the text each is written as.
    static let specialKeys: [(key: String, escaped: String)] = [
        ("a]b", #"a\]b"#), ("a.b", #"a\.b"#), ("a[0]", #"a\[0\]"#), (#"a\b"#, #"a\\b"#), ("a,b", #"a\,b"#), ("a=b", #"a\=b"#),
    ]

    @Test func keysEscapeEveryCharacterSetReadsAsSyntax() {
        let path = ValuePath.root / "labels" / "cluster.x-k8s.io/name" / 2 / #"a=b,c[d]\"#
        #expect(path.description == #"labels.cluster\.x-k8s\.io/name[2].a\=b\,c\[d\]\\"#)
        #expect(path.components == [.key("labels"), .key("cluster.x-k8s.io/name"), .index(2), .key(#"a=b,c[d]\"#)])
        #expect(ValuePath.root.description == "")
        #expect(ValuePath([.key("a"), .index(3)]).description == "a[3]")
        for (key, escaped) in Self.specialKeys {
            #expect((ValuePath.root / "x" / key).description == "x." + escaped)
        }
    }

    @Test func parsingReadsSetTextBackIntoTheSamePath() throws {
        for (key, escaped) in Self.specialKeys {
            let path = try #require(ValuePath(parsing: "nodePools[1]." + escaped + "[0]"))
            #expect(path.components == [.key("nodePools"), .index(1), .key(key), .index(0)])
            #expect(path == ValuePath.root / "nodePools" / 1 / key / 0)
        }
        // As in Helm's strvals, a backslash takes any next character literally.
        #expect(ValuePath(parsing: #"a\bc.d"#)?.components == [.key("abc"), .key("d")])
        #expect(ValuePath(parsing: "[2].a")?.components == [.index(2), .key("a")])
        // Text is kept in the one spelling, however it was written.
        #expect(("cluster.name" as ValuePath) == ValuePath.root / "cluster" / "name")
        #expect(ValuePath(parsing: "a=b.c,d")?.description == #"a\=b.c\,d"#)
        #expect(ValuePath(parsing: #"a\xb"#)?.description == "axb")
        for text in ["a[", "a[x]", "a[]", #"a\"#, "a]b", "a[0]b"] {
            #expect(ValuePath(parsing: text) == nil, "\(text)")
        }
    }

    @Test func parentsAndEnclosingPathsFollowStepsNotCharacters() {
        let path: ValuePath = #"cluster.labels.a\.b[1]"#
        #expect(path.parent == #"cluster.labels.a\.b"#)
        #expect(path.selfAndAncestors == [path, #"cluster.labels.a\.b"#, "cluster.labels", "cluster", .root])
        #expect(path.last == .index(1))
        #expect(ValuePath.root.parent == nil)
        #expect(path.isWithin("cluster.labels"))
        #expect(!(ValuePath.root / "a.b").isWithin("a"))
        #expect(!(ValuePath.root / "ab").isWithin("a"))
        #expect(("items[2]" as ValuePath).appending("metadata.name") == "items[2].metadata.name")
        #expect(("items" as ValuePath).appending("[0]") == "items[0]")
    }

    @Test func nearestLocationWalksUpByStep() {
        let map: LocationMap = [
            "cluster": SourceLocation(file: "f", line: 1),
            #"cluster.a\.b"#: SourceLocation(file: "f", line: 2),
        ]
        #expect(map.nearest(to: #"cluster.a\.b.c"#)?.line == 2)
        #expect(map.nearest(to: #"cluster.a\]b"#)?.line == 1)
        #expect(map.nearest(to: "other") == nil)
    }

    /// `key` as a double-quoted YAML key.
    static func quoted(_ key: String) -> String { "\"" + key.replacingOccurrences(of: "\\", with: "\\\\") + "\"" }

    /// A values file whose key `KEY` under `cluster` is unknown, and whose label `KEY` holds a list.
    static func valuesFile(_ key: String) -> String {
        let quoted = Self.quoted(key)
        return """
            # a comment, so no value starts on line 1
            cluster:
              name: demo
              \(quoted): 1
              controlPlane:
                labels:
                  tier: x
                  \(quoted): [1]
            """
    }

    static func decodingProblems(files: [ValuesFile], flags: [HelmSetFlag] = []) throws -> [Diagnostic] {
        let merged = try ValuesLoader.load(files: files, chart: nil, setFlags: flags, readFile: { _ in "" })
        do {
            _ = try ValuesDecoder(locations: merged.locations).decode(ChartValues.self, from: merged.values)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test(arguments: specialKeys.map(\.key))
    func aKeyWithSetSyntaxIsReportedAtItsOwnLine(key: String) throws {
        let escaped = try #require(Self.specialKeys.first { $0.key == key }).escaped
        let problems = try Self.decodingProblems(files: [ValuesFile(name: "values.yaml", text: Self.valuesFile(key))])
        let unknown = try #require(problems.first { $0.code == .unknownKey })
        #expect(unknown.path == "cluster." + escaped)
        #expect(unknown.location == SourceLocation(file: "values.yaml", line: 4, column: 3))
        let mismatch = try #require(problems.first { $0.code == .typeMismatch })
        #expect(mismatch.path == "cluster.controlPlane.labels." + escaped)
        #expect(mismatch.location?.line == 8)
    }

    @Test(arguments: specialKeys.map(\.key))
    func aPrintedPathPastedIntoSetNamesTheSameValue(key: String) throws {
        let escaped = try #require(Self.specialKeys.first { $0.key == key }).escaped
        let flag = HelmSetFlag(.typed, "cluster.controlPlane.labels." + escaped + "={1}")
        let problems = try Self.decodingProblems(files: [], flags: [flag])
        let mismatch = try #require(problems.first { $0.code == .typeMismatch })
        #expect(mismatch.path == "cluster.controlPlane.labels." + escaped)
        #expect(mismatch.location == flag.location(key: mismatch.path))
        // The printed path, pasted back, sets that same key.
        let tree = try HelmSetParser.parse(HelmSetFlag(.typed, mismatch.path + "=x"))
        #expect(tree == ["cluster": ["controlPlane": ["labels": .mapping(YAMLMapping([.init(key: key, value: "x")]))]]])
    }

    /// A check rule's finding about a label key is at that key's line, under its escaped path.
    @Test(arguments: specialKeys.map(\.key).filter { $0 != "a.b" })  // `a.b` is a valid label key
    func aCheckRuleFindsTheLineOfAKeyWithSetSyntax(key: String) throws {
        let escaped = try #require(Self.specialKeys.first { $0.key == key }).escaped
        let quoted = Self.quoted(key)
        let text = """
            # a comment, so no value starts on line 1
            cluster:
              controlPlane:
                labels:
                  tier: x
                  \(quoted): v
            """
        let request = RenderRequest(releaseName: "test", valueFiles: [ValuesFile(name: "values.yaml", text: text)])
        let finding = try #require(try RenderPipeline.check(request).diagnostics.first { $0.rule == "KC105" })
        #expect(finding.path == "cluster.controlPlane.labels." + escaped)
        #expect(finding.location?.line == 6)
    }
}

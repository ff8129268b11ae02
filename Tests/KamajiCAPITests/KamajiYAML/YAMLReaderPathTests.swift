import Testing
@testable import KamajiDiagnostics
@testable import KamajiValues
@testable import KamajiYAML

/// The reader converts a stream once and names every problem it finds there by its value's path,
/// from the steps it keeps while it descends: through lists, merge keys (whose entries are read
/// under the mapping they are merged into) and aliases (read under the alias's path). Values
/// files (`ValuesLoader`) are read the same way, with no second conversion to find the paths.
@Suite("YAMLReader: problems named by path and position in one pass")
struct YAMLReaderPathTests {
    static let items = 193

    static func list(_ item: (Int) -> String) -> String {
        "base: &b {x: 1}\nitems:\n" + (0..<items).map { "- " + item($0) + "\n" }.joined()
    }

    static func problems(_ text: String, limits: YAMLReader.Limits = .init(), sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            let docs = try YAMLReader.documents(text, file: "list.yaml", limits: limits)
            Issue.record("expected problems, read \(docs.map(\.value))", sourceLocation: sourceLocation)
        } catch let error as DiagnosticError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        return []
    }

    /// Duplicates inside lists, in a mapping merged into a list item, in an aliased mapping, and a
    /// key written before `<<` that the merge also sets.
    static let deep = """
        pool: &pool
          labels: {role: worker}
          taints: [{key: a, key: b}]
        extra: &extra
          size: 1
        clusters:
          - name: one
            nodePools:
              - size: 2
                <<: [*pool, *extra]
                name: p0
                labels:
                  tier: gold
                  "a.b": x
                  "a.b": y
              - name: p1
                users:
                  - {name: ubuntu, name: root}
            spare: *pool

        """

    /// Path, line and column of each problem in `deep`, in the order they are met.
    static let deepProblems: [(path: String, line: Int, column: Int)] = [
        ("pool.taints[0].key", 3, 21),
        // The anchored mapping merged into the pool: its entries sit at the pool's path, and a
        // problem in them points at the anchored text, which is what to edit.
        ("clusters[0].nodePools[0].taints[0].key", 3, 21),
        ("clusters[0].nodePools[0].size", 9, 9),
        (#"clusters[0].nodePools[0].labels.a\.b"#, 15, 11),
        ("clusters[0].nodePools[1].users[0].name", 18, 28),
        ("clusters[0].spare.taints[0].key", 3, 21),
    ]

    @Test("duplicate keys deep in lists, merge keys and aliases carry their full path and position")
    func duplicatesDeepInListsAndMerges() {
        let found = Self.problems(Self.deep)
        #expect(found.map(\.code) == [.duplicateKey, .duplicateKey, .duplicateKey, .duplicateKey, .duplicateKey, .duplicateKey])
        #expect(found.map(\.path) == Self.deepProblems.map(\.path))
        #expect(found.map { $0.location?.line } == Self.deepProblems.map(\.line))
        #expect(found.map { $0.location?.column } == Self.deepProblems.map(\.column))
        #expect(found.allSatisfy { $0.location?.file == "list.yaml" })
        #expect(found[3].message.hasPrefix("key `a.b` appears twice in the same mapping (first on line 14)"))
        #expect(found[2].message.hasPrefix("key `size` is written before `<<` and also comes from the merged mapping"))
    }

    @Test("a values file is read as any stream is: the same problems, paths and positions")
    func valuesFilesNameTheSameProblems() {
        let expected = Self.problems(Self.deep).map(\.description)
        do {
            _ = try ValuesLoader.parse(Self.deep, file: "list.yaml")
            Issue.record("expected problems")
        } catch {
            #expect(error.diagnostics.map(\.description) == expected)
        }
    }

    @Test("the steps are taken back after a problem: the next entries have their own paths")
    func pathsAfterProblems() {
        // A refused key, a refused tag and a limit-free problem in a list, then siblings.
        let found = Self.problems("a:\n  - [1, !!binary x, 3]\n  - {? [k]: v, ok: !!int x}\nb: {c: !!float y}\n")
        #expect(found.map(\.path) == ["a[0][1]", "a[1]", "a[1].ok", "b.c"])
        #expect(found.map { $0.location?.line } == [2, 3, 3, 4])
    }

    @Test func longListsKeepEveryPosition() throws {
        let text = Self.list { "{name: item-\($0), n: \($0), on: yes, <<: *b, nested: [\($0), [a, b]]}" }
        let document = try #require(try YAMLReader.documents(text, file: "list.yaml").first)
        #expect(document.value["items"]?.sequence?[100]["name"] == "item-100")
        #expect(document.value["items"]?.sequence?[100]["x"] == 1)
        #expect(document.location(of: "items[100].name")?.line == 103)
        #expect(document.locations["items[100].nested[1][0]"]?.line == 103)
        // A merged value points at the anchored text.
        #expect(document.location(of: "items[100].x")?.line == 1)
    }

    @Test("a problem deep in a long list is reported with its path")
    func problemsInLongLists() {
        let text = Self.list { $0 == 150 ? "{name: a, name: b}" : $0 == 170 ? "!!binary x" : "{name: item-\($0)}" }
        let found = Self.problems(text)
        #expect(found.map(\.path) == ["items[150].name", "items[170]"])
        #expect(found.map { $0.location?.line } == [153, 173])
    }

    @Test func theNodeLimitNamesThePathWhereItIsPassed() {
        let text = Self.list { "[\($0), \($0)]" }
        let found = Self.problems(text, limits: YAMLReader.Limits(maxNodes: Self.items * 2))
        #expect(found.map(\.code) == [.inputLimit])
        #expect(found.first?.path.hasPrefix("items[") == true)
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

private func read(_ text: String, limits: YAMLReader.Limits = .init()) throws -> YAMLReader.Document {
    try YAMLReader.document(text, file: "values.yaml", limits: limits)
}

/// The diagnostics a read throws; records an issue when it does not throw.
private func problems(_ text: String, limits: YAMLReader.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        let docs = try YAMLReader.documents(text, file: "values.yaml", limits: limits)
        Issue.record("expected an error, read \(docs.map(\.value))", sourceLocation: sourceLocation)
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected error type \(error)", sourceLocation: sourceLocation)
        return []
    }
}

private typealias SourceLocation = Testing.SourceLocation

private func fixtureFiles() throws -> [URL] {
    let root = try #require(Bundle.module.url(forResource: "Fixtures/conformance", withExtension: nil))
    let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
    return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
}

@Suite("YAMLReader: Helm's reading of values files")
struct YAMLReaderTests {
    @Test("every conformance fixture reads without problems")
    func fixtures() throws {
        let files = try fixtureFiles()
        #expect(files.count >= 30)
        for url in files {
            let docs = try YAMLReader.documents(Data(contentsOf: url), file: url.lastPathComponent)
            #expect(!docs.isEmpty, "\(url.path)")
            for doc in docs where doc.value != .null {
                #expect(doc.locations[""] != nil, "\(url.path)")
            }
        }
    }

    @Test("anchors and aliases in the fixtures expand to the anchored value")
    func fixtureAliases() throws {
        let url = try #require(try fixtureFiles().first { $0.path.hasSuffix("four-pools/values.yaml") })
        let doc = try YAMLReader.document(Data(contentsOf: url), file: "values.yaml")
        let pools = try #require(doc.value["nodePools"]?.sequence)
        #expect(pools.count == 4)
        let users = pools.compactMap { $0["users"] }
        #expect(users.count == 4)
        // Pools b and c alias the user anchored in pool a; pool d has none.
        #expect(users[1] == users[0] && users[2] == users[0])
        #expect(users[3] == [])
        #expect(users[0].sequence?.first?["name"] == "ubuntu")
        #expect(users[0].sequence?.first?["sshAuthorizedKeys"] == [])
        // A value reached through an alias points at the anchored text.
        #expect(doc.locations["nodePools[1].users[0].name"]?.line == doc.locations["nodePools[0].users[0].name"]?.line)
    }

    @Test("plain scalars resolve like go-yaml v2, quoted ones stay strings")
    func resolution() throws {
        let doc = try read("""
            a: on
            b: "on"
            c: y
            d: 0x1F
            e: 1_000
            f: 1.10
            g: '1.10'
            h: ~
            i:
            j: 2001-12-14
            k: 1:20
            l: .inf
            m: 0777
            big: 9223372036854775808
            n: the key n is the boolean false
            """)
        let v = doc.value
        #expect(v["a"] == true)
        #expect(v["b"] == "on")
        #expect(v["c"] == true)
        #expect(v["d"] == 31)
        #expect(v["e"] == 1000)
        #expect(v["f"] == .float(1.1))
        #expect(v["g"] == "1.10")
        #expect(v["h"] == .null)
        #expect(v["i"] == .null)
        #expect(v["j"] == "2001-12-14")
        #expect(v["k"] == "1:20")
        #expect(v["l"] == .float(.infinity))
        #expect(v["m"] == 511)
        #expect(v["big"] == .float(9223372036854775808.0))
        #expect(v.mapping?.keys == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "big", "false"])
    }

    @Test("every value has its position under its --set path")
    func locations() throws {
        let doc = try read("""
            cluster:
              name: demo
            nodePools:
            - name: a
              numCPUs: 2
            - name: b
              numCPUs: 4
              labels: {tier: "gold", x.y/z: 1}
            """)
        #expect(doc.locations[""]?.line == 1)
        #expect(doc.locations["cluster"]?.line == 2)
        #expect(doc.locations["cluster.name"] == KamajiDiagnostics.SourceLocation(file: "values.yaml", line: 2, column: 9))
        #expect(doc.locations["nodePools[1].numCPUs"] == KamajiDiagnostics.SourceLocation(file: "values.yaml", line: 7, column: 12))
        #expect(doc.locations["nodePools[1].labels.tier"]?.line == 8)
        #expect(doc.locations["nodePools[1].labels.x\\.y/z"]?.column == 33)
        #expect(doc.location(of: "nodePools[0]")?.line == 4)
    }

    @Test("scalar keys become strings the way Helm converts them")
    func keyConversion() throws {
        let v = try read("""
            1: a
            0x1F: b
            yes: c
            1.5: d
            3.0: e
            1e10: f
            off: g
            "quoted": h
            2001-12-14: i
            """).value
        #expect(v.mapping?.keys == ["1", "31", "true", "1.5", "3", "1e+10", "false", "quoted", "2001-12-14"])
    }

    @Test("keys Helm cannot use are errors", arguments: [
        ("~: a\n", 1), ("a: 1\nnull: b\n", 2), ("? [a, b]\n: c\n", 1), ("{a: 1}: b\n", 1), ("18446744073709551615: x\n", 1),
    ])
    func badKeys(_ text: String, _ line: Int) {
        let found = problems(text)
        #expect(found.map(\.code) == [.typeMismatch])
        #expect(found.first?.location?.line == line)
    }

    @Test("a key given twice is ambiguous", arguments: [
        ("a: 1\nb: 2\na: 3\n", 3), ("a: 1\n'a': 2\n", 2), ("1: x\n0x1: y\n", 2), ("yes: 1\ntrue: 2\n", 2),
        ("top:\n  x: 1\n  y: 2\n  x: 3\n", 4), ("- a: 1\n  a: 2\n", 2), ("m: {a: 1, a: 2}\n", 1),
        ("\"a\": 1\n\"a\": 2\n", 2),
    ])
    func duplicateKeys(_ text: String, _ line: Int) {
        let found = problems(text)
        #expect(found.map(\.code) == [.duplicateKey])
        #expect(found.first?.location?.line == line)
    }

    @Test("the same key in different mappings is fine")
    func sameKeyElsewhere() throws {
        let v = try read("a:\n  x: 1\nb:\n  x: 2\nlist:\n- x: 1\n- x: 2\n").value
        #expect(v["b", "x"] == 2)
    }

    @Test("standard tags are honoured")
    func tags() throws {
        let v = try read("""
            a: !!int "12"
            b: !!str 12
            c: !!float 1
            d: !!bool "yes"
            e: !!null ""
            f: ! 12
            g: !!map {x: 1}
            h: !!seq [1]
            i: !!str
            """).value
        #expect(v["a"] == 12)
        #expect(v["b"] == "12")
        #expect(v["c"] == .float(1))
        #expect(v["d"] == true)
        #expect(v["e"] == .null)
        #expect(v["f"] == "12")
        #expect(v["g"] == ["x": 1])
        #expect(v["h"] == [1])
        #expect(v["i"] == "")
    }

    @Test("other tags are refused", arguments: [
        ("a: !!binary aGVsbG8=\n", 1), ("a: 1\nb: !!python/object:os.system x\n", 2), ("a: !custom x\n", 1),
        ("a: !!timestamp 2001-12-14\n", 1), ("a: !!set {x}\n", 1), ("a:\n- !<tag:example.com,2000:x> y\n", 2),
        ("a: !!omap [b: 1]\n", 1),
    ])
    func unsupportedTags(_ text: String, _ line: Int) {
        let found = problems(text)
        #expect(found.map(\.code) == [.unsupportedTag])
        #expect(found.first?.location?.line == line)
    }

    @Test("a tag that does not fit the value is a type mismatch", arguments: [
        "a: !!int abc\n", "a: !!int 1.5\n", "a: !!bool 1\n", "a: !!null x\n", "a: !!map [1]\n", "a: !!seq {b: 1}\n",
        "a: !!float x\n",
    ])
    func tagMismatch(_ text: String) {
        let found = problems(text)
        #expect(found.map(\.code) == [.typeMismatch])
        #expect(found.first?.location?.line == 1)
    }

    @Test("merge keys: written keys win, earlier sources win")
    func merges() throws {
        let doc = try read("""
            base: &base {x: 1, w: 2}
            more: &more
              w: 20
              z: 30
            one:
              <<: *base
              w: 3
            two:
              <<: [*more, *base]
            three:
              "<<": literal
            """)
        let v = doc.value
        #expect(v["one"] == ["x": 1, "w": 3])
        #expect(v["two"] == ["w": 20, "z": 30, "x": 1])
        #expect(v["three"] == ["<<": "literal"])
        #expect(doc.locations["one.x"]?.line == 1)
        #expect(doc.locations["one.w"]?.line == 7)
        #expect(doc.locations["two.z"]?.line == 4)
    }

    @Test("a key written before `<<` that the merge also sets is ambiguous")
    func mergeConflict() {
        let found = problems("base: &b {x: 1}\nd:\n  x: 2\n  <<: *b\n")
        #expect(found.map(\.code) == [.duplicateKey])
        #expect(found.first?.location?.line == 3)
    }

    @Test("merging something other than mappings is an error", arguments: ["a:\n  <<: 1\n", "a:\n  <<: [1]\n", "a:\n  <<:\n"])
    func badMerge(_ text: String) {
        let found = problems(text)
        #expect(found.map(\.code) == [.typeMismatch])
        #expect(found.first?.location?.line == 2)
    }

    @Test("syntax errors are reported with their line", arguments: [
        ("a: [1, 2\nb: 3\n", 2), ("a:\n\t- b\n", 2), ("a: 'unclosed\n", 2), ("a: b: c\n", 1), ("- a\nb: c\n", 2),
        ("a: *nowhere\n", 1), ("a:\n  - b\n c: d\n", 3), ("{a: 1\n", 2), ("a: \"x\n", 2), ("]\n", 1),
    ])
    func syntaxErrors(_ text: String, _ line: Int) {
        let found = problems(text)
        #expect(found.map(\.code) == [.yamlSyntax])
        #expect(found.first?.location?.line == line)
        #expect(found.first?.hint != nil)
    }

    @Test("control characters are refused at their position", arguments: [
        ("a: b\u{7F}\n", 1, 5), ("a: 1\nb: x\u{1}y\n", 2, 5), ("a: é\u{85}\u{80}\n", 2, 1), ("a: \u{FFFE}\n", 1, 4),
    ])
    func controlCharacters(_ text: String, _ line: Int, _ column: Int) {
        let found = problems(text)
        #expect(found.map(\.code) == [.yamlSyntax])
        #expect(found.first?.location?.line == line)
        #expect(found.first?.location?.column == column)
    }

    @Test("bytes that are not UTF-8 are reported with their offset")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("a: 1\nb: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        do {
            _ = try YAMLReader.documents(bytes, file: "v.yaml")
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.map(\.code) == [.yamlSyntax])
            #expect(error.diagnostics.first?.location?.line == 2)
            #expect(error.diagnostics.first?.location?.column == 4)
            #expect(error.diagnostics.first?.message.contains("offset 8") == true)
        } catch {
            Issue.record("\(error)")
        }
        #expect(YAMLReader.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)
        #expect(YAMLReader.firstInvalidUTF8([0xC0, 0xAF]) == 0)
        #expect(YAMLReader.firstInvalidUTF8([0x61, 0xF4, 0x90, 0x80, 0x80]) == 1)
        #expect(YAMLReader.firstInvalidUTF8(Array("ok é 日本 🚀".utf8)) == nil)
    }

    @Test("UTF-8 with a byte-order mark and UTF-16 with one are read")
    func encodings() throws {
        let text = "a: é\nb: [1, 2]\n"
        let expected: YAMLValue = ["a": "é", "b": [1, 2]]
        #expect(try YAMLReader.document([0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "v").value == expected)
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try YAMLReader.document(le, file: "v").value == expected)
        #expect(try YAMLReader.document(Data(be), file: "v").value == expected)
    }

    @Test("empty input, empty documents and streams")
    func documents() throws {
        #expect(try YAMLReader.documents("", file: "v").isEmpty)
        #expect(try YAMLReader.documents("# only a comment\n", file: "v").isEmpty)
        #expect(try read("").value == .null)
        #expect(try YAMLReader.documents("---\n", file: "v").map(\.value) == [.null])
        let stream = try YAMLReader.documents("a: 1\n---\n---\nb: 2\n...\n", file: "v")
        #expect(stream.map(\.value) == [["a": 1], .null, ["b": 2]])
        #expect(stream[2].locations["b"]?.line == 4)
        #expect(try YAMLReader.documents("a: 1\n---\nb: 2\n", file: "v").count == 2)  // fine for `documents`...
        do {
            _ = try read("a: 1\n---\nb: 2\n")
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            // ...but not for a values file.
            #expect(error.diagnostics.first?.location?.line == 3)
        }
    }

    @Test("input over the size limit is refused before parsing")
    func sizeLimit() {
        let text = String(repeating: "a: 1\n", count: 1000)
        let found = problems(text, limits: .init(maxBytes: 4096))
        #expect(found.map(\.code) == [.inputLimit])
        do {
            _ = try YAMLReader.documents(Array(text.utf8), file: "v", limits: .init(maxBytes: 4096))
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.map(\.code) == [.inputLimit])
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("too many documents are refused")
    func documentLimit() {
        let found = problems(String(repeating: "---\na: 1\n", count: 5), limits: .init(maxDocuments: 3))
        #expect(found.map(\.code) == [.inputLimit])
        #expect(found.first?.location?.line == 8)
    }

    @Test("deep flow nesting is refused before it reaches the recursive composer", .timeLimit(.minutes(1)))
    func deepFlow() {
        for text in [String(repeating: "[", count: 100_000), "a: " + String(repeating: "{b: ", count: 100_000)] {
            let found = problems(text)
            #expect(found.map(\.code) == [.inputLimit])
            #expect(found.first?.location?.line == 1)
        }
    }

    @Test("deep block nesting is refused at the line that goes too deep", .timeLimit(.minutes(1)))
    func deepBlock() {
        var text = ""
        for i in 0..<300 { text += String(repeating: " ", count: i) + "k:\n" }
        let found = problems(text)
        #expect(found.map(\.code) == [.inputLimit])
        #expect(found.first?.location?.line == 257)

        let dashes = problems(String(repeating: "- ", count: 50_000) + "x\n")
        #expect(dashes.map(\.code) == [.inputLimit])
        #expect(dashes.first?.location?.line == 1)

        // k:\n- k:\n  - k:\n    - ... : a mapping and an indentless sequence per column
        let indentless = "k:\n" + (0..<200).map { String(repeating: "  ", count: $0) + "- k:\n" }.joined()
            + String(repeating: "  ", count: 200) + "- x\n"
        #expect(problems(indentless).map(\.code) == [.inputLimit])
    }

    @Test("nesting up to the limit is read")
    func depthBoundary() throws {
        let limits = YAMLReader.Limits(maxDepth: 5)
        #expect(try read("[[[[[1]]]]]", limits: limits).value == [[[[[1]]]]])
        #expect(try read("a:\n  b:\n    c:\n    - - x\n", limits: limits).value == ["a": ["b": ["c": [["x"]]]]])
        #expect(problems("[[[[[[1]]]]]]", limits: limits).map(\.code) == [.inputLimit])
        #expect(problems("a:\n  b:\n    c:\n    - - [x]\n", limits: limits).map(\.code) == [.inputLimit])
    }

    @Test("a billion-laughs alias bomb is refused quickly", .timeLimit(.minutes(1)))
    func aliasBomb() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        let start = Date()
        let found = problems(text)
        #expect(found.map(\.code) == [.inputLimit])
        #expect(found.first?.location?.line ?? 0 >= 6)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("an alias bomb hidden in mapping keys does not hang", .timeLimit(.minutes(1)))
    func aliasBombInKeys() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            text += "\(name): &\(name)\n" + (0..<9).map { _ in "- *\(previous)\n" }.joined()
            previous = name
        }
        text += "z: {*\(previous) : 1, *\(previous) : 2}\n"
        let start = Date()
        let found = problems(text)
        #expect(found.map(\.code) == [.inputLimit])
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("node counting includes alias expansions, within the limit all is well")
    func nodeLimit() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
        #expect(try read(text).value["b"] == [[1, 2, 3], [1, 2, 3], [1, 2, 3]])
        let found = problems(text, limits: .init(maxNodes: 12))
        #expect(found.map(\.code) == [.inputLimit])
        #expect(try read(text, limits: .init(maxNodes: 40)).value["a"] == [1, 2, 3])
    }

    @Test("chains of merges are bounded like nesting")
    func mergeChains() throws {
        var text = "a0: &a0 {x: 0}\n"
        for i in 1...20 { text += "a\(i): &a\(i) {<<: *a\(i - 1), y\(i): \(i)}\n" }
        let v = try read(text, limits: .init(maxDepth: 30)).value
        #expect(v["a20"]?.mapping?.count == 21)
        let found = problems(text, limits: .init(maxDepth: 10))
        #expect(found.map(\.code) == [.inputLimit])
        #expect(found.first?.path == "a11")
    }

    @Test("a flood of problems is cut short")
    func problemCap() {
        let text = (0..<1000).map { "k\($0): !!binary x\n" }.joined()
        let found = problems(text)
        #expect(found.count == NodeConverter.maxReportedProblems + 1)
        #expect(found.last?.code == .inputLimit)
        let dups = problems(String(repeating: "a: 1\n", count: 1000))
        #expect(dups.count == NodeConverter.maxReportedProblems + 1)
        #expect(dups.dropLast().allSatisfy { $0.code == .duplicateKey })
    }

    @Test("all problems of a document are reported together")
    func severalProblems() {
        let found = problems("a: !!binary x\nb: !!int y\nc: 1\n\"c\": 2\n")
        #expect(found.map(\.code) == [.unsupportedTag, .typeMismatch, .duplicateKey])
        #expect(found.map { $0.location?.line } == [1, 2, 4])
    }

    @Test("the reader is safe to call from concurrent tasks")
    func concurrency() async throws {
        try await withThrowingTaskGroup(of: YAMLValue.self) { group in
            for i in 0..<16 { group.addTask { try YAMLReader.document("n: \(i)\nl: [a, b]\n", file: "v").value } }
            var seen = 0
            for try await value in group {
                #expect(value["l"] == ["a", "b"])
                seen += 1
            }
            #expect(seen == 16)
        }
    }
}

@Suite("YAMLReader: valid YAML the pre-scan must not misjudge")
struct YAMLReaderValidInputTests {
    @Test("block scalars, multi-line quotes, comments and flow collections that look like keys")
    func lookalikes() throws {
        let doc = try YAMLReader.document("""
            # a: 1
            # a: 2
            script: |
              a: 1
              a: 2
              [[[[[[[[[[
            folded: >-
              b: 1
              b: 2
            kept: |+
              x

            quoted: "line one
              c: 1
              c: 1"
            single: 'it''s: here
              d: 1'
            flows: [{e: 1}, {e: 1}, [e: 1, e: 2]]
            multi: {
              f: 1,
              g: [1,
                  2],
            }
            explicit:
              ? h
              : 1
            indicated: |2
                 starts with spaces
            tabbed:\t1
            crlf: yes
            list:
            - a: 1
              b: 2
            - a: 3
              b: 4
            - - x
              - w
            -
              z: 1
            url: http://a:b@host:80/p?q=1#frag
            "key with: colon": v
            'single key': v
            a#b: not a comment
            last: end # trailing comment
            """.replacingOccurrences(of: "crlf: yes\n", with: "crlf: yes\r\n"), file: "v")
        let v = doc.value
        #expect(v["script"] == "a: 1\na: 2\n[[[[[[[[[[\n")
        #expect(v["folded"] == "b: 1 b: 2")
        #expect(v["kept"] == "x\n\n")
        #expect(v["quoted"] == "line one c: 1 c: 1")
        #expect(v["single"] == "it's: here d: 1")
        #expect(v["flows"] == [["e": 1], ["e": 1], [["e": 1], ["e": 2]]])
        #expect(v["multi"] == ["f": 1, "g": [1, 2]])
        #expect(v["explicit"] == ["h": 1])
        #expect(v["indicated"] == "   starts with spaces\n")
        #expect(v["tabbed"] == 1)
        #expect(v["crlf"] == true)
        #expect(v["list"] == [["a": 1, "b": 2], ["a": 3, "b": 4], ["x", "w"], ["z": 1]])
        #expect(v["url"] == "http://a:b@host:80/p?q=1#frag")
        #expect(v["key with: colon"] == "v")
        #expect(v["single key"] == "v")
        #expect(v["a#b"] == "not a comment")
        #expect(v["last"] == "end")
        #expect(doc.locations["list[3].z"] == KamajiDiagnostics.SourceLocation(file: "v", line: 39, column: 6))
        #expect(doc.locations["last"]?.line == 44)
    }

    @Test("many aliases of a moderate anchor stay within the node limit")
    func manyAliases() throws {
        var text = "base: &base\n" + (0..<50).map { "  k\($0): v\($0)\n" }.joined() + "uses:\n"
        text += (0..<1000).map { _ in "- *base\n" }.joined()
        let v = try YAMLReader.document(text, file: "v").value
        #expect(v["uses"]?.sequence?.count == 1000)
        #expect(v["uses"]?.sequence?.last?["k49"] == "v49")
    }

    /// Found by the fuzzer: the emitter folds a long plain scalar, and its continuation lines that
    /// start with brackets were counted as nesting by the pre-scan.
    @Test("continuation lines of a plain scalar are text, not structure")
    func plainScalarContinuation() throws {
        let brackets = String(repeating: "[", count: 300)
        let doc = try read("k: a\n  \(brackets)\n\n  {b\nl:\n- x\n  \(brackets)\n? long\n  \(brackets)\n: v\n")
        #expect(doc.value["k"] == .string("a \(brackets)\n{b"))
        #expect(doc.value["l"] == [.string("x \(brackets)")])
        #expect(doc.value["long \(brackets)"] == "v")
        // A comment ends a plain scalar: what follows at the same depth is structure again.
        #expect(problems("k: a # note\n  " + brackets + "\n").map(\.code) == [.inputLimit])
        let long = "x " + String(repeating: "[[ ", count: 200) + "y"
        let emitted = YAMLEmitter(lineWidth: 20).emit(["k": .string(long)])
        #expect(emitted.split(separator: "\n").count > 10, "folded")
        #expect(try read(emitted).value["k"] == .string(long))
    }

    @Test("a root block scalar and a root flow collection")
    func roots() throws {
        #expect(try YAMLReader.document("--- |\n  text\n  more\n", file: "v").value == "text\nmore\n")
        #expect(try YAMLReader.document("[a, {b: c}]\n", file: "v").value == ["a", ["b": "c"]])
        #expect(try YAMLReader.document("plain scalar\n", file: "v").value == "plain scalar")
    }
}

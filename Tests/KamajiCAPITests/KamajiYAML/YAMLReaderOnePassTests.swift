import Testing
@testable import KamajiDiagnostics
@testable import KamajiYAML

/// The checks a separate pre-scan of the text used to make, now made in the one pass over
/// libyaml's events: each points where the problem is written.
@Suite("YAMLReader: limits and refusals found in the one pass over the events")
struct YAMLReaderOnePassTests {
    static func problems(_ text: String, limits: YAMLReader.Limits = .init(), sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            let docs = try YAMLReader.documents(text, file: "v.yaml", limits: limits)
            Issue.record("expected an error, read \(docs.map(\.value))", sourceLocation: sourceLocation)
        } catch let error as DiagnosticError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        return []
    }

    @Test("an alias that passes the node limit is refused at the alias, not in the anchored text")
    func aliasPassingTheLimit() {
        // map, key, sequence, x, x, key, sequence: 7 nodes; the first alias brings 3 more.
        let found = Self.problems("a: &a [x, x]\nb: [*a, *a]\n", limits: .init(maxNodes: 8))
        #expect(found.map(\.code) == [.inputLimit])
        #expect(found.first?.location == KamajiDiagnostics.SourceLocation(file: "v.yaml", line: 2, column: 5))
        #expect(found.first?.message.contains("8 nodes") == true)
    }

    @Test("text past the node limit by itself is reported where it passes, even with an alias bomb after it")
    func plainNodesPastTheLimitBeforeABomb() {
        // 26 levels of nine aliases expand to more than Int.max nodes: the count must not overflow.
        var text = "list: [1, 2, 3, 4, 5, 6, 7, 8]\nl0: &l0 [x]\n"
        for level in 1...26 { text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]\n" }
        let found = Self.problems(text, limits: .init(maxNodes: 6))
        #expect(found.map(\.code) == [.inputLimit])
        #expect(found.first?.path.hasPrefix("list[") == true, "\(found)")
        #expect(found.first?.location?.line == 1)
    }

    @Test("a control character's line and column count CRLF, CR, NEL and LS as line breaks", arguments: [
        ("a: 1\r\nb: x\u{1}\n", 2, 5), ("a: 1\rb: \u{1}\n", 2, 4), ("a: \"x\u{2028}y\u{7F}\"\n", 2, 2), ("a: x\u{85}y\u{1}\n", 2, 2),
    ])
    func controlCharacterAfterOtherLineBreaks(_ text: String, _ line: Int, _ column: Int) {
        let found = Self.problems(text)
        #expect(found.map(\.code) == [.yamlSyntax])
        #expect(found.first?.location == KamajiDiagnostics.SourceLocation(file: "v.yaml", line: line, column: column))
        #expect(found.first?.message.hasPrefix("control character U+") == true)
    }

    @Test("a key or a block scalar that starts with U+FEFF is refused with its path")
    func leadingBOMInKeysAndBlockScalars() {
        let key = Self.problems("m:\n  \"\u{FEFF}k\": 1\n")
        #expect(key.map(\.code) == [.invalidValue])
        #expect(key.first?.path == "m")
        #expect(key.first?.location?.line == 2)
        let block = Self.problems("m:\n  k: |\n    \u{FEFF}text\n")
        #expect(block.map(\.code) == [.invalidValue])
        #expect(block.first?.path == "m.k")
    }

    @Test("nesting read ahead by libyaml's scanner is reported as nesting, at its line")
    func nestingReadAhead() {
        for text in ["a: 1\nb: " + String(repeating: "[", count: 5_000) + "\n", "k: a # note\n  " + String(repeating: "{", count: 300) + "\n"] {
            let found = Self.problems(text)
            #expect(found.map(\.code) == [.inputLimit])
            #expect(found.first?.location?.line == 2)
            #expect(found.first?.message == "nesting deeper than 256 levels")
        }
    }
}

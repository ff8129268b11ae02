import Foundation
import Testing
import Yams
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Strings that are hard to write as YAML: type look-alikes, indicators, whitespace at the edges,
/// control characters, line breaks of every kind, non-ASCII text and lines long enough to fold.
private let awkwardStrings: [String] = [
    "y", "n", "Y", "N", "yes", "no", "on", "off", "On", "OFF", "true", "False", "~", "null", "Null", "NULL", "",
    "0x1F", "1e3", "1.30", "1.5", "+1", "-1", ".5", "0.", "012", "08", "1_000", "0o17", "0b101", ".inf", "-.Inf",
    ".nan", "1:20", "190:20:30", "2001-12-14", "2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43Z", "<<", "=",
    "- x", "-", "--", "---", "--- x", "...", "... x", ": ", ":", "a: b", "a:b", "a #b", "a#b", "#", "# x", "?", "? x",
    "?x", "[", "]", "{", "}", "[a, b]", "{a: b}", ",", "a, b", "*x", "&x", "!x", "%x", "@x", "`x", "|", ">", "|-",
    "'", "\"", "''", "\"\"", "\\", "a'b", "a\"b", "a\\b", "'quoted'", "\"dq\"",
    " ", "  ", " lead", "  lead", "trail ", "trail  ", " both ", "\t", "tab\tin", "\ttab", "tab\t",
    "\u{0}", "\u{1}", "bell\u{7}", "esc\u{1B}[0m", "del\u{7F}", "c1\u{80}\u{9F}", "nel\u{85}x", "nbsp\u{A0}in",
    "\u{A0}", "ls\u{2028}sep", "ps\u{2029}sep", "\u{FEFF}bom first", "bom\u{FEFF}in", "\u{FFFD}",
    "a\nb", "a\n", "\n", "\n\n", "a\n\n", "\na", " a\nb", "a \nb", "a\n b", "a\n\n b", "a\nb ", "a\r\nb", "a\rb",
    "cr\r", "\r\n", "two\n\nblank", "  \"quoted\nwords\" x", "multi\nline\ncommand\n",
    "é", "日本語", "unicode é ñ 日本", "emoji 🚀 ok", "🚀", "𝄞 music", "Ω≈ç√", "ü" + String(repeating: "ü", count: 100),
    String(repeating: "word ", count: 40), String(repeating: "word ", count: 40) + "end",
    String(repeating: "x", count: 200), String(repeating: "ab  ", count: 40) + "z",
    String(repeating: "a b ", count: 30) + "\n" + String(repeating: "c d ", count: 30),
    "sed -i 's/#foo/bar/' /etc/x.conf", "echo \"::1 localhost\" >/etc/hosts", "http://x.y/z?q=1#f",
    "ALL=(ALL) NOPASSWD:ALL", "key: value # comment", String(repeating: "'sq' ", count: 30),
    String(repeating: "\"dq\" ", count: 30), String(repeating: "é ", count: 60), "\t" + String(repeating: "tab x ", count: 30),
]

/// What the round trips can check: Foundation-based readers (Yams) drop a leading U+FEFF from any
/// scalar, so the reader refuses such values (tested separately) instead of passing them on.
private let roundTripStrings = awkwardStrings.filter { $0.unicodeScalars.first != "\u{FEFF}" }

/// Parses emitted YAML back with the project's reader.
private func readBack(_ text: String) throws -> YAMLValue {
    try YAMLReader.document(text, file: "emitted.yaml").value
}

@Suite("YAMLEmitter: go-yaml v2 block style")
struct YAMLEmitterTests {
    let go = YAMLEmitter(lineWidth: 80, compatibility: .goYAMLv2)
    let portable = YAMLEmitter()

    @Test("sequences under a mapping key are not indented; nested collections are")
    func layout() {
        let value: YAMLValue = [
            "a": ["x", "y"],
            "b": ["c": ["d": 1]],
            "e": [["f": 1, "g": [2, 3]], [4, [5]]],
        ]
        #expect(go.emit(value) == """
            a:
            - x
            - "y"
            b:
              c:
                d: 1
            e:
            - f: 1
              g:
              - 2
              - 3
            - - 4
              - - 5

            """)
    }

    @Test("empty collections are written in flow style")
    func emptyCollections() {
        #expect(go.emit(["a": [], "b": [:], "c": [[], [:]]]) == "a: []\nb: {}\nc:\n- []\n- {}\n")
        #expect(go.emit([]) == "[]\n")
        #expect(go.emit([:]) == "{}\n")
    }

    @Test("top-level scalars end with a newline")
    func topLevelScalars() {
        #expect(go.emit("x") == "x\n")
        #expect(go.emit(.null) == "null\n")
        #expect(go.emit(true) == "true\n")
        #expect(go.emit(42) == "42\n")
        #expect(go.emit(.float(3)) == "3\n")
        #expect(go.emit(.float(1.5)) == "1.5\n")
        #expect(go.emit(.float(1e6)) == "1000000\n")
        #expect(go.emit(.float(.infinity)) == ".inf\n")
        #expect(go.emit("true") == "\"true\"\n")
    }

    @Test("scalar styles", arguments: [
        ("plain text", "plain text"), ("true", "\"true\""), ("y", "\"y\""), ("1e3", "\"1e3\""), ("", "\"\""),
        ("# x", "'# x'"), ("key: value", "'key: value'"), ("  lead", "'  lead'"), ("it's", "it's"),
        ("'q'", "'''q'''"), ("tab\tin", "\"tab\\tin\""), ("bell\u{7}", "\"bell\\a\""), ("del\u{7F}", "\"del\\x7F\""),
        ("nel\u{85}", "\"nel\\N\""), ("esc\u{1B}", "\"esc\\e\""), ("nul\u{0}", "\"nul\\0\""),
        ("a\nb", "|-\n  a\n  b"), ("a\n", "|\n  a"), ("a\n\n", "|+\n  a\n"), (" a\nb", "|2-\n   a\n  b"),
        ("\na", "|2-\n\n  a"), ("a\nb ", "\"a\\nb \""), ("a \nb", "\"a \\nb\""), ("a\r\nb", "\"a\\r\\nb\""),
        ("é", "é"), ("emoji 🚀", "\"emoji \\U0001F680\""), ("\u{FEFF}ab", "\"\\uFEFF\\x61\\x62\""),
    ])
    func goStyles(_ input: String, _ expected: String) {
        #expect(go.emit(["k": .string(input)]) == "k: " + expected + "\n")
    }

    @Test("the portable mode writes emoji as they are and escapes YAML 1.1-only line breaks")
    func portableStyles() {
        #expect(portable.emit(["k": "emoji 🚀 ok"]) == "k: emoji 🚀 ok\n")
        #expect(portable.emit(["k": "ls\u{2028}sep"]) == "k: \"ls\\Lsep\"\n")
        #expect(go.emit(["k": "ls\u{2028}sep"]) == "k: 'ls\u{2028}  sep'\n")
        #expect(portable.emit(["k": "<<", "v": "=", "t": "2001-12-14 21:59:43.10 -5"])
            == "k: \"<<\"\nv: \"=\"\nt: \"2001-12-14 21:59:43.10 -5\"\n")
        #expect(go.emit(["k": "<<", "v": "="]) == "k: <<\nv: =\n")
    }

    @Test("keys are quoted like values, and unusual keys use the explicit form")
    func keys() {
        #expect(go.emit(["true": 1, "a b": 2, "#x": 3, "": 4]) == "\"true\": 1\na b: 2\n'#x': 3\n\"\": 4\n")
        let long = String(repeating: "k", count: 129)
        #expect(go.emit([long: 1]) == "? \(long)\n: 1\n")
        #expect(go.emit(.mapping(YAMLMapping([.init(key: "a\nb", value: 1)]))) == "? |-\n  a\n  b\n: 1\n")
        #expect(go.emit(.mapping(YAMLMapping([.init(key: String(repeating: "k", count: 128), value: 1)])))
            == String(repeating: "k", count: 128) + ": 1\n")
    }

    @Test("long plain and quoted scalars fold at the line width")
    func folding() {
        let e = YAMLEmitter(lineWidth: 20, compatibility: .goYAMLv2)
        #expect(e.emit(["k": "aaa bbb ccc ddd eee fff ggg"]) == "k: aaa bbb ccc ddd eee\n  fff ggg\n")
        #expect(e.emit(["k": "#aa bbb ccc ddd eee fff ggg"]) == "k: '#aa bbb ccc ddd eee\n  fff ggg'\n")
        #expect(e.emit(["k": "\taa bbb ccc ddd eee fff ggg"]) == "k: \"\\taa bbb ccc ddd eee\n  fff ggg\"\n")
        #expect(e.emit(["k": "\taa bbb ccc ddd eee  ff ggg"]) == "k: \"\\taa bbb ccc ddd eee\n  \\ ff ggg\"\n")
        #expect(YAMLEmitter().emit(["k": .string(String(repeating: "word ", count: 40) + "end")])
            == "k: " + String(repeating: "word ", count: 40) + "end\n")
    }

    @Test("line widths of 4 or less mean 80, negative widths never fold, as in libyaml")
    func widthEdges() {
        let long = String(repeating: "word ", count: 30) + "end"
        #expect(YAMLEmitter(lineWidth: 3).emit(.string(long)) == YAMLEmitter(lineWidth: 80).emit(.string(long)))
        #expect(YAMLEmitter(lineWidth: -1).emit(.string(long)) == long + "\n")
        #expect(YAMLEmitter(lineWidth: 80).emit(.string(long)).contains("\n  "))
    }

    @Test("awkward strings survive a round trip through the reader", arguments: roundTripStrings)
    func roundTrip(_ s: String) throws {
        for emitter in [go, portable, YAMLEmitter(lineWidth: 20, compatibility: .portable), YAMLEmitter(lineWidth: nil, compatibility: .goYAMLv2)] {
            let value: YAMLValue = .mapping(YAMLMapping([
                .init(key: "value", value: .string(s)),
                .init(key: "list", value: [.string(s), ["nested": .string(s)], [.string(s)]]),
                // go-yaml v2 writes the key `<<` plain, which every reader then takes for a merge key.
                .init(key: s.isEmpty || (s == "<<" && emitter.compatibility == .goYAMLv2) ? "other" : s, value: .string(s)),
            ]))
            let text = emitter.emit(value)
            #expect(try readBack(text) == value, "\(emitter.compatibility) \(String(describing: emitter.lineWidth)):\n\(text)")
            #expect(try readBack(emitter.emit(.string(s))) == .string(s))
        }
    }

    @Test("portable output of awkward strings reads back as the same strings with Yams' own loader", arguments: roundTripStrings)
    func yamsRoundTrip(_ s: String) throws {
        let text = portable.emit(["value": .string(s), "list": [.string(s)]])
        let loaded = try #require(try Yams.load(yaml: text) as? [String: Any], "\(text)")
        #expect(loaded["value"] as? String == s, "\(text)")
        #expect((loaded["list"] as? [Any])?.first as? String == s, "\(text)")
    }

    @Test("a value starting with U+FEFF is refused by the reader rather than read back changed")
    func leadingBOM() throws {
        for emitter in [go, portable] {
            let text = emitter.emit(["k": "\u{FEFF}bom first", "l": ["\u{FEFF}x\ny"]])
            #expect(throws: DiagnosticError.self) { try readBack(text) }
        }
        #expect(throws: DiagnosticError.self) { try readBack("k: '\u{FEFF}x'\n") }
        #expect(throws: DiagnosticError.self) { try readBack("k: [\u{FEFF}x]\n") }
        #expect(throws: DiagnosticError.self) { try readBack("k: \"\\ufeffx\"\n") }
        #expect(try readBack("k: \"x\\ufeff\"\n") == ["k": "x\u{FEFF}"])
    }

    @Test("numbers, booleans and null read back with their type")
    func typedRoundTrip() throws {
        let value: YAMLValue = [
            "i": 42, "neg": -7, "max": .int(Int.max), "min": .int(Int.min), "f": .float(1.5), "tiny": .float(1.5e-7),
            "big": .float(1234567.5), "t": true, "no": false, "nil": .null, "s": "42",
        ]
        #expect(try readBack(go.emit(value)) == value)
        #expect(try readBack(portable.emit(value)) == value)
    }

    @Test("the style query agrees with the emitted text")
    func styleQuery() {
        #expect(go.style(of: "x") == .plain)
        #expect(go.style(of: "true") == .doubleQuoted)
        #expect(go.style(of: "# x") == .singleQuoted)
        #expect(go.style(of: "a\nb") == .literal)
        #expect(portable.style(of: "=") == .doubleQuoted)
        #expect(go.style(of: "=") == .plain)
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// One record of the Helm 3.17.2 reference corpus: what `toYaml` and `quote` printed for `input`.
private struct HelmRecord: Decodable, CustomTestStringConvertible {
    let input: JSONInput
    let toYaml: String
    let quote: String

    var testDescription: String { "\(input.value)" }
}

/// The corpus inputs are JSON strings or JSON objects of strings, booleans and lists.
private struct JSONInput: Decodable {
    let value: YAMLValue

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let b = try? container.decode(Bool.self) {
            value = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            value = .int(i)
        } else if let d = try? container.decode(Double.self) {
            value = .float(d)
        } else if let s = try? container.decode(String.self) {
            value = .string(s)
        } else if let a = try? container.decode([JSONInput].self) {
            value = .sequence(a.map(\.value))
        } else {
            let m = try container.decode([String: JSONInput].self)
            value = .mapping(YAMLMapping(m.sorted { $0.key < $1.key }.map { YAMLMapping.Entry(key: $0.key, value: $0.value.value) }))
        }
    }
}

private func loadCorpus() throws -> [HelmRecord] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/conformance/helm-toyaml-quote", withExtension: "json"))
    return try JSONDecoder().decode([HelmRecord].self, from: Data(contentsOf: url))
}

private let corpus: [HelmRecord] = (try? loadCorpus()) ?? []

private let representabilityCases: [(YAMLValue, Bool)] = [
    (.float(.nan), false), (.float(.infinity), false), (["k": .float(-.infinity)], false),
    (["ok\u{7F}": "v"], false), ([["x\u{9F}"]], false), ("\u{FFFF}", false), ("\u{85}", true), ("\u{1}", true),
    ("\u{A0}", true), (["a": [1, "b", true, .null]], true),
]

@Suite("Helm toYaml and quote against Helm 3.17.2")
struct HelmTemplateFunctionsTests {
    @Test("the corpus holds all 196 records")
    func corpusIsComplete() throws {
        #expect(try loadCorpus().count == 196)
    }

    @Test("toYaml matches Helm byte for byte", arguments: corpus)
    fileprivate func toYamlMatchesHelm(_ record: HelmRecord) {
        #expect(HelmTemplateFunctions.toYaml(record.input.value) == record.toYaml)
    }

    @Test("quote matches Helm byte for byte", arguments: corpus)
    fileprivate func quoteMatchesHelm(_ record: HelmRecord) {
        #expect(HelmTemplateFunctions.quote(record.input.value) == record.quote)
    }

    @Test("records Helm rendered empty are exactly the unrepresentable ones", arguments: corpus)
    fileprivate func representability(_ record: HelmRecord) {
        #expect(HelmTemplateFunctions.toYamlRepresentable(record.input.value) == !record.toYaml.isEmpty)
    }

    @Test("toYaml orders keys as go-yaml v2 does, not in byte order")
    func keyOrder() {
        let keys = ["b", "a10", "a9", "a_b", "aB", "ab", "sshKeys", "ssh_keys", "x01", "x1", "A", "~", "a", "1", "10", "2"]
        let value = YAMLValue.mapping(YAMLMapping(keys.map { .init(key: $0, value: 1) }))
        let emitted = HelmTemplateFunctions.toYaml(value).split(separator: "\n").map { String($0.split(separator: ":")[0]) }
        // A non-digit run counts as 0, so `~` sorts before `1`; letters sort after everything else.
        #expect(emitted == ["\"~\"", "\"1\"", "\"2\"", "\"10\"", "A", "a", "a_b", "a9", "a10", "aB", "ab", "b", "ssh_keys", "sshKeys", "x1", "x01"])
        #expect(HelmTemplateFunctions.goYAMLKeyLess("a9", "a10"))
        #expect(!HelmTemplateFunctions.goYAMLKeyLess("a10", "a9"))
        #expect(HelmTemplateFunctions.goYAMLKeyLess("ssh_keys", "sshKeys"))
        #expect(HelmTemplateFunctions.goYAMLKeyLess("x1", "x01"))
        #expect(!HelmTemplateFunctions.goYAMLKeyLess("a", "a"))
    }

    @Test("toYaml sorts nested mappings and keeps list order")
    func nestedSorting() {
        let value: YAMLValue = ["z": [["b": 1, "a": 2], "x"], "m": ["d": ["c": true]]]
        #expect(HelmTemplateFunctions.toYaml(value) == "m:\n  d:\n    c: true\nz:\n- a: 2\n  b: 1\n- x")
    }

    @Test("numbers in toYaml: integral floats as integers, like Helm's JSON round trip")
    func numbers() {
        #expect(HelmTemplateFunctions.toYaml(["a": .float(3), "b": .float(2.5), "c": 7, "d": .float(-0.0), "e": .float(1e6)])
            == "a: 3\nb: 2.5\nc: 7\nd: 0\ne: 1000000")
        #expect(HelmTemplateFunctions.toYaml(.null) == "null")
        #expect(HelmTemplateFunctions.toYaml([]) == "[]")
    }

    @Test("values Helm cannot print are flagged", arguments: representabilityCases)
    fileprivate func representable(_ value: YAMLValue, _ expected: Bool) {
        #expect(HelmTemplateFunctions.toYamlRepresentable(value) == expected)
        #expect(HelmTemplateFunctions.toYaml(value).isEmpty == !expected)
    }

    @Test("quote formats non-strings with %v first")
    func quoteValues() {
        #expect(HelmTemplateFunctions.quote(YAMLValue.null) == "")
        #expect(HelmTemplateFunctions.quote(YAMLValue.float(1e6)) == "\"1e+06\"")
        #expect(HelmTemplateFunctions.quote(YAMLValue.float(3)) == "\"3\"")
        #expect(HelmTemplateFunctions.quote(YAMLValue.int(42)) == "\"42\"")
        #expect(HelmTemplateFunctions.quote(YAMLValue.bool(false)) == "\"false\"")
        #expect(HelmTemplateFunctions.goFormat(["b": [], "a": [:], "c": .null, "d": [1, "x y"]]) == "map[a:map[] b:[] c:<nil> d:[1 x y]]")
    }

    @Test("quote escapes like Go's strconv.Quote", arguments: [
        ("plain", "\"plain\""), ("a\"b\\c", "\"a\\\"b\\\\c\""), ("\u{7}\u{8}\u{C}\n\r\t\u{B}", "\"\\a\\b\\f\\n\\r\\t\\v\""),
        ("\u{0}\u{1F}\u{7F}", "\"\\x00\\x1f\\x7f\""), ("\u{80}\u{9F}\u{AD}", "\"\\u0080\\u009f\\u00ad\""),
        ("\u{A0}\u{2028}\u{200B}\u{FEFF}", "\"\\u00a0\\u2028\\u200b\\ufeff\""), ("é日本🚀", "\"é日本🚀\""),
        ("\u{E000}\u{10FFFF}", "\"\\ue000\\U0010ffff\""), ("\u{301}", "\"\u{301}\""), ("'", "\"'\""),
    ])
    func goQuote(_ input: String, _ expected: String) {
        #expect(HelmTemplateFunctions.quote(input) == expected)
    }
}

import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The strict JSON reader the embedded schemas are parsed with.
@Suite struct JSONReaderTests {
    @Test func readsEveryValueKindAndKeepsKeyOrder() throws {
        let value = try JSONReader.parse(#" {"b": [1, -2, 1.5, 1e3, true, false, null], "a": {}, "c": []} "#)
        #expect(value == ["b": [1, -2, .float(1.5), .float(1000), true, false, .null], "a": [:], "c": []])
        #expect(value.mapping?.keys == ["b", "a", "c"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSONReader.parse(#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#) == "a\"\\/\u{08}\u{0C}\n\r\té😀")
    }

    @Test(arguments: [#"{"a" 1}"#, "[1,]", "[1 2]", #""\x""#, #""\ud83d""#, "01x", "{} {}", #""a"#, "tru"])
    func refusesMalformedInput(text: String) {
        #expect(throws: JSONReader.SyntaxError.self) { try JSONReader.parse(text) }
    }
}

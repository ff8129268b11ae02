import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// A plain scalar and what go-yaml v2 (Helm) makes of it.
private struct ResolverCase: CustomTestStringConvertible, Sendable {
    let plain: String
    let expected: YAMLValue
    init(_ plain: String, _ expected: YAMLValue) {
        self.plain = plain
        self.expected = expected
    }
    var testDescription: String { "\(plain.debugDescription) -> \(expected)" }
}

private let resolverTable: [ResolverCase] = [
    // nulls
    .init("", .null), .init("~", .null), .init("null", .null), .init("Null", .null), .init("NULL", .null),
    .init("nULL", "nULL"), .init("nil", "nil"), .init("None", "None"),
    // YAML 1.1 booleans, including the one-letter forms go-yaml v2 keeps
    .init("y", true), .init("Y", true), .init("yes", true), .init("Yes", true), .init("YES", true),
    .init("true", true), .init("True", true), .init("TRUE", true), .init("on", true), .init("On", true), .init("ON", true),
    .init("n", false), .init("N", false), .init("no", false), .init("No", false), .init("NO", false),
    .init("false", false), .init("False", false), .init("FALSE", false), .init("off", false), .init("Off", false),
    .init("OFF", false),
    .init("yEs", "yEs"), .init("oN", "oN"), .init("tRUE", "tRUE"), .init("t", "t"), .init("f", "f"),
    // integers in every form Go's ParseInt(s, 0, 64) takes, after underscores are dropped
    .init("0", 0), .init("+1", 1), .init("-1", -1), .init("-0", 0), .init("42", 42),
    .init("0x1F", 31), .init("0X1f", 31), .init("-0x1F", -31), .init("+0x1F", 31),
    .init("0o17", 15), .init("0O17", 15), .init("0b101", 5), .init("0B101", 5), .init("-0b101", -5),
    .init("0777", 511), .init("-0777", -511), .init("00", 0),
    .init("1_000", 1000), .init("1__0", 10), .init("0x_1F", 31), .init("1_000_000", 1_000_000),
    .init("9223372036854775807", .int(Int.max)), .init("-9223372036854775808", .int(Int.min)),
    // beyond Int64: v2 gives uint64 (a float for Helm), then float
    .init("9223372036854775808", .float(9223372036854775808.0)),
    .init("18446744073709551615", .float(18446744073709551615.0)),
    .init("18446744073709551616", .float(18446744073709551616.0)),
    .init("-9223372036854775809", .float(-9223372036854775809.0)),
    .init("0xFFFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFF"),
    // leading-zero forms that are not octal fall through to v2's float pattern
    .init("08", .float(8)), .init("09.5", .float(9.5)), .init("0089", .float(89)),
    // floats
    .init("1.5", .float(1.5)), .init("-1.5", .float(-1.5)), .init("+1.5", .float(1.5)), .init("1.30", .float(1.3)),
    .init("1e3", .float(1000)), .init("1E3", .float(1000)), .init("1e+3", .float(1000)), .init("-1.5e-3", .float(-0.0015)),
    .init(".5", .float(0.5)), .init("+.5", .float(0.5)), .init("-.5", .float(-0.5)), .init(".5e1", .float(5)),
    .init("0.", .float(0)), .init("1.", .float(1)), .init("1_0.5", .float(10.5)),
    .init(".inf", .float(.infinity)), .init(".Inf", .float(.infinity)), .init(".INF", .float(.infinity)),
    .init("+.inf", .float(.infinity)), .init("+.Inf", .float(.infinity)), .init("+.INF", .float(.infinity)),
    .init("-.inf", .float(-.infinity)), .init("-.Inf", .float(-.infinity)), .init("-.INF", .float(-.infinity)),
    .init("1e-400", .float(0)),
    // things that look numeric but are strings for v2
    .init("1e400", "1e400"), .init(".5e400", ".5e400"), .init(".e3", ".e3"), .init(".", "."), .init("...", "..."),
    .init("1.2.3", "1.2.3"), .init("1,000", "1,000"), .init("0x1.8p1", "0x1.8p1"), .init("inf", "inf"),
    .init("nan", "nan"), .init("Infinity", "Infinity"), .init(".inF", ".inF"), .init(".Nan", ".Nan"), .init("_1", "_1"),
    .init("+", "+"), .init("-", "-"), .init("0x", "0x"), .init("0b2", "0b2"), .init("1e", "1e"), .init(".5_0", ".5_0"),
    .init("v1.0", "v1.0"), .init("1.0.0-rc1", "1.0.0-rc1"),
    // base 60 is a string for v2 (it only quotes it on output)
    .init("1:20", "1:20"), .init("12:30", "12:30"), .init("190:20:30", "190:20:30"), .init("1:20.5", "1:20.5"),
    // timestamps decode into Helm's values as their text
    .init("2001-12-14", "2001-12-14"), .init("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
    // merge and value keys are plain strings as values
    .init("<<", "<<"), .init("=", "="),
]

@Suite("GoYAMLScalar: go-yaml v2's resolver")
struct GoYAMLScalarTests {
    @Test("resolve matches go-yaml v2", arguments: resolverTable)
    fileprivate func resolve(_ c: ResolverCase) {
        let got = GoYAMLScalar.resolve(c.plain)
        if case .float(let e) = c.expected, e.isNaN {
            if case .float(let g) = got { #expect(g.isNaN) } else { Issue.record("expected NaN, got \(got)") }
        } else {
            #expect(got == c.expected)
        }
    }

    @Test("NaN spellings", arguments: [".nan", ".NaN", ".NAN"])
    func nan(_ s: String) {
        guard case .float(let d) = GoYAMLScalar.resolve(s) else {
            Issue.record("\(s) is not a float")
            return
        }
        #expect(d.isNaN)
    }

    @Test("timestamps follow Go's time.Parse with v2's four layouts", arguments: [
        ("2001-12-14", true), ("2001-1-2", true), ("2000-02-29", true), ("2001-02-29", false), ("2001-13-01", false),
        ("2001-12-32", false), ("2001-00-10", false), ("2001-12-14T21:59:43Z", true), ("2001-12-14t21:59:43Z", true),
        ("2001-12-14T21:59:43.10-05:00", true), ("2001-12-14T21:59:43.123456789123+01:00", true),
        ("2001-12-14 21:59:43.10", true), ("2001-12-14  21:59:43", true), ("2001-12-14 21:59:43,5", true),
        ("2001-12-14 21:59:43.10 -5", false), ("2001-12-14T24:00:00Z", false), ("2001-12-14T21:60:00Z", false),
        ("2001-12-14T21:59:60Z", false), ("2001-12-14T21:59:43", false), ("2001-12-14T21:59:43+0500", false),
        ("2001-12-14T21:59:43+25:00", false), ("2001-12-14 ", false), ("2001-12-14x", false), ("20011-12-14", false),
        ("2001-123-14", false), ("12001-12-14", false), ("2001/12/14", false), ("2001-12-14T1:2:3Z", true),
    ])
    func timestamps(_ text: String, _ expected: Bool) {
        #expect(GoYAMLScalar.isGoTimestamp(text) == expected)
        #expect((GoYAMLScalar.resolution(of: text) == .timestamp) == expected)
    }

    @Test("base-60 detection", arguments: [
        ("1:20", true), ("-1:20", true), ("+1:20:30", true), ("1:20.5", true), ("1_0:20", true), ("1:5", true),
        ("1:60", false), ("1:123", false), ("1:", false), (":20", false), ("a1:20", false), ("1:20a", false),
        ("12:30", true), ("1:2:3:4", true), ("1.5:20", false),
    ])
    func base60(_ text: String, _ expected: Bool) {
        #expect(GoYAMLScalar.isBase60Float(text) == expected)
    }

    @Test("unsigned and timestamp resolutions are distinguished")
    func resolutions() {
        #expect(GoYAMLScalar.resolution(of: "9223372036854775808") == .uint(9_223_372_036_854_775_808))
        #expect(GoYAMLScalar.resolution(of: "2001-12-14") == .timestamp)
        #expect(GoYAMLScalar.resolution(of: "abc") == .string)
    }

    /// Strings go-yaml v2 itself quotes: anything it resolves to a non-string, base 60, timestamps.
    @Test("go-yaml v2 quoting", arguments: [
        ("true", true), ("y", true), ("N", true), ("off", true), ("1e3", true), ("0x1F", true), ("1:20", true),
        ("2001-12-14", true), ("", true), ("null", true), ("~", true), ("+1", true), (".5", true), ("0.", true),
        ("1_000", true), ("0o17", true), ("0b101", true), (".inf", true), ("-.Inf", true), (".NaN", true),
        ("12:30", true), ("08", true),
        ("<<", false), ("=", false), ("1.2.3", false), ("abc", false), ("a:b", false), ("yEs", false),
        ("2001-12-14 21:59:43.10 -5", false), ("0b_", false), ("0xFFFFFFFFFFFFFFFFF", false), ("1,000", false),
    ])
    func goQuoting(_ text: String, _ expected: Bool) {
        #expect(GoYAMLScalar.goYAMLv2NeedsQuoting(text) == expected)
    }

    /// The portable rule adds what YAML 1.1 and 1.2 readers would read as non-strings.
    @Test("portable quoting", arguments: [
        ("<<", true), ("=", true), ("2001-12-14 21:59:43.10 -5", true), ("2001-13-45", true), ("0b_", true),
        ("0xFFFFFFFFFFFFFFFFF", true), ("1_", true), ("+0o17", true), ("-.5", true), ("+.inf", true),
        ("true", true), ("y", true), ("1:20", true), ("", true),
        ("1.2.3", false), ("abc", false), ("v1.0", false), ("a:b", false), ("yEs", false), ("1,000", false),
        ("echo hello", false), ("Yesterday", false), ("nginx:1.25", false), ("-x", false), (".x", false),
    ])
    func portableQuoting(_ text: String, _ expected: Bool) {
        #expect(GoYAMLScalar.needsQuoting(text) == expected)
    }

    @Test("every string go-yaml v2 quotes is quoted by the portable rule too", arguments: resolverTable)
    fileprivate func portableIsWider(_ c: ResolverCase) {
        if GoYAMLScalar.goYAMLv2NeedsQuoting(c.plain) { #expect(GoYAMLScalar.needsQuoting(c.plain)) }
    }

    @Test("Go %g float formatting", arguments: [
        (1.5, "1.5"), (1000000.0, "1e+06"), (123456.0, "123456"), (1234567.5, "1.2345675e+06"), (0.0001, "0.0001"),
        (0.00001, "1e-05"), (1e21, "1e+21"), (-2.5, "-2.5"), (0.1, "0.1"), (100.0, "100"), (3.0, "3"),
        (1e-7, "1e-07"), (1.5e-7, "1.5e-07"), (123456789.0, "1.23456789e+08"), (0.0, "0"), (-0.0, "-0"),
        (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    ])
    func formatG(_ value: Double, _ expected: String) {
        #expect(GoFloatFormat.g(value) == expected)
    }

    @Test("float32 key formatting", arguments: [(1.5, "1.5"), (0.1, "0.1"), (3.0, "3"), (1e10, "1e+10"), (16777217.0, "1.6777216e+07")])
    func formatG32(_ value: Double, _ expected: String) {
        #expect(GoFloatFormat.g32(value) == expected)
    }

    @Test("YAML float output: integral values in full, others as %g", arguments: [
        (3.0, "3"), (-3.0, "-3"), (-0.0, "0"), (1e6, "1000000"), (1e21, "1000000000000000000000"),
        (1e300, "1" + String(repeating: "0", count: 300)),
        (9007199254740993.0, "9007199254740992"), (-1e19, "-10000000000000000000"),
        (18446744073709551616.0, "18446744073709552000"), (1.5, "1.5"), (1234567.5, "1.2345675e+06"),
        (1e-7, "1e-07"), (Double.infinity, ".inf"), (-Double.infinity, "-.inf"), (Double.nan, ".nan"),
    ])
    func yamlFloat(_ value: Double, _ expected: String) {
        #expect(GoFloatFormat.yaml(value) == expected)
    }

    @Test("floats written by the emitter read back as the same number")
    func floatRoundTrip() throws {
        for d in [1.5, -2.25, 1e-7, 1.5e-7, 1234567.5, 0.1, 1.0 / 3.0, 6.02214076e23 + 0.5e8, Double.leastNonzeroMagnitude, 123456789.123] {
            let text = GoFloatFormat.yaml(d)
            #expect(GoYAMLScalar.resolve(text) == .float(d), "\(d) written as \(text)")
        }
    }
}

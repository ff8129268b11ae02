import Foundation
import KamajiDiagnostics

/// How go-yaml v2 (the YAML library inside Helm 3 and `sigs.k8s.io/yaml`) reads a plain scalar, and
/// which strings must therefore be quoted when they are written back.
///
/// Helm reads values files with go-yaml v2, so `enabled: yes` is the boolean `true`, `port: 0x1F` is
/// the integer 31 and `tag: 1.10` is the float 1.1. Reproducing the chart's output means resolving
/// plain scalars exactly as v2 does (its `resolve.go`), not as a YAML 1.2 library such as Yams does.
/// The same rules decide quoting on output: a string that would read back as anything but itself
/// must not be written plain.
public enum GoYAMLScalar {
    /// What go-yaml v2 makes of a plain scalar before any conversion to the project's value tree.
    /// Kept separate from `YAMLValue` because two outcomes have no value of their own there:
    /// integers above `Int.max` (v2 yields `uint64`) and timestamps (v2 yields the text itself
    /// when decoding into `interface{}`, yet quotes such strings on output).
    public enum Resolution: Equatable, Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case uint(UInt64)
        case float(Double)
        case timestamp
        case string
    }

    /// The value a plain scalar has for Helm: v2's resolution, with timestamps kept as their text
    /// (v2 decodes them into `interface{}` as strings) and unsigned integers above `Int.max` as
    /// floats (Helm turns every number into a JSON float64 anyway).
    public static func resolve(_ plain: String) -> YAMLValue {
        switch resolution(of: plain) {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .float(Double(u))
        case .float(let d): return .float(d)
        case .timestamp, .string: return .string(plain)
        }
    }

    /// go-yaml v2's `resolve("", plain)`: a table lookup for the YAML 1.1 spellings, then a
    /// timestamp, an integer in any Go base-0 form (underscores removed), an unsigned integer and
    /// finally a float matching v2's `yamlStyleFloat` pattern. Base-60 numbers are *not* numbers
    /// for v2 (they stay strings) although v2 quotes them on output.
    public static func resolution(of plain: String) -> Resolution {
        guard let first = plain.utf8.first else { return .null }
        let hint: UInt8
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"): hint = UInt8(ascii: "S")
        case UInt8(ascii: "0")...UInt8(ascii: "9"): hint = UInt8(ascii: "D")
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            hint = UInt8(ascii: "M")
        case UInt8(ascii: "."): hint = UInt8(ascii: ".")
        default: return .string
        }
        // No spelling is longer than five bytes (`+.inf`, `False`): longer words skip the lookup.
        if plain.utf8.count <= 5, let known = spellings[plain] { return known }
        let bytes = Array(plain.utf8)
        switch hint {
        case UInt8(ascii: "M"):
            return .string
        case UInt8(ascii: "."):
            // v2 hands the text to strconv.ParseFloat, which (after a leading dot) accepts only
            // digits and an exponent; no underscores, no hex.
            if matchesDotFloat(bytes), let d = Double(plain), d.isFinite { return .float(d) }
            return .string
        default:
            if isGoTimestamp(bytes) { return .timestamp }
            let digits = bytes.filter { $0 != UInt8(ascii: "_") }
            if let i = goParseInt(digits) { return .int(i) }
            if let u = goParseUint(digits) { return .uint(u) }
            if matchesYAMLStyleFloat(digits), let d = Double(String(decoding: digits, as: UTF8.self)), d.isFinite {
                return .float(d)
            }
            return .string
        }
    }

    /// Exactly go-yaml v2's encoder rule (`stringv`): quote when the plain form resolves to
    /// anything but a string, or looks like a YAML 1.1 base-60 number. This is what `toYaml`
    /// must follow to match Helm byte for byte, even where other readers would disagree
    /// (v2 writes `<<` and `=` plain).
    public static func goYAMLv2NeedsQuoting(_ s: String) -> Bool {
        if resolution(of: s) != .string { return true }
        return isBase60Float(s)
    }

    /// Whether a string written plain could be read back as something other than that string by
    /// go-yaml v2, a YAML 1.1 reader (PyYAML, libyaml-based readers such as Yams' default
    /// resolver) or a YAML 1.2 core-schema reader. Manifests are read by all of these (kubectl,
    /// Python tooling, editors), so the project's own output quotes the union. Only the *type*
    /// question is answered here; whether the characters allow a plain scalar at all (indicators,
    /// spaces, line breaks) is the emitter's analysis.
    public static func needsQuoting(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return true }
        // Most strings the emitter writes (names, kinds, keys) start with a letter that begins
        // no spelling of a non-string: nothing to resolve, for any reader.
        switch first | 0x20 {
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            switch first | 0x20 {
            case UInt8(ascii: "y"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "o"): break
            default: return false
            }
        default: break
        }
        if goYAMLv2NeedsQuoting(s) { return true }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: "="),
             UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"):
            break
        default:
            return false
        }
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) {
            return otherReadersWords.contains(s)
        }
        return OtherReaderForms.matches(Array(s.utf8))
    }

    /// The forms of `OtherReaderForms` that start with a letter.
    private static let otherReadersWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ]

    /// go-yaml v2's `isBase60Float`: `1:20`, `-1:30:00.5`. v2 itself reads these as strings but
    /// quotes them so YAML 1.1 readers do not turn them into sexagesimal numbers.
    public static func isBase60Float(_ s: String) -> Bool {
        guard let c = s.utf8.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || isDigit(c) else { return false }
        let b = Array(s.utf8)
        guard b.contains(UInt8(ascii: ":")) else { return false }
        // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
        var i = 0
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return false }
        i += 1
        while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            var n = 0
            let start = i
            while i < b.count, isDigit(b[i]), n < 2 { i += 1; n += 1 }
            guard n > 0 else { return false }
            if n == 2 {
                guard b[start] <= UInt8(ascii: "5") else {
                    // `[0-5]?[0-9]` also matches a single digit followed by more text; with two
                    // digits the first must be 0-5, otherwise only one digit belongs to the group.
                    i = start + 1
                    groups += 1
                    continue
                }
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == b.count
    }

    /// go-yaml v2's `parseTimestamp`: a four-digit year and a dash, then one of the layouts
    /// `2006-1-2T15:4:5.999999999Z07:00`, the same with a lower-case `t`, `2006-1-2 15:4:5.999999999`
    /// and `2006-1-2`, with Go's `time.Parse` rules (one- or two-digit fields, range checks,
    /// optional fraction, nothing left over).
    public static func isGoTimestamp(_ s: String) -> Bool { isGoTimestamp(Array(s.utf8)) }

    // MARK: - Internals

    private static let spellings: [String: Resolution] = {
        var m: [String: Resolution] = [:]
        for s in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { m[s] = .bool(true) }
        for s in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { m[s] = .bool(false) }
        for s in ["", "~", "null", "Null", "NULL"] { m[s] = .null }
        for s in [".nan", ".NaN", ".NAN"] { m[s] = .float(.nan) }
        for s in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { m[s] = .float(.infinity) }
        for s in ["-.inf", "-.Inf", "-.INF"] { m[s] = .float(-.infinity) }
        return m
    }()

    package static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// `^\.[0-9]+([eE][-+]?[0-9]+)?$`: what strconv.ParseFloat accepts after a leading dot.
    private static func matchesDotFloat(_ b: [UInt8]) -> Bool {
        var i = 1
        let start = i
        while i < b.count, isDigit(b[i]) { i += 1 }
        guard i > start else { return false }
        return matchesExponent(b, from: i)
    }

    /// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    package static func matchesYAMLStyleFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            guard i > start else { return false }
        } else {
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            guard i > start else { return false }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                while i < b.count, isDigit(b[i]) { i += 1 }
            }
        }
        return matchesExponent(b, from: i)
    }

    private static func matchesExponent(_ b: [UInt8], from index: Int) -> Bool {
        var i = index
        if i == b.count { return true }
        guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return false }
        i += 1
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        let start = i
        while i < b.count, isDigit(b[i]) { i += 1 }
        return i > start && i == b.count
    }

    /// Go's `strconv.ParseUint(s, 0, 64)`: base from the prefix (`0b`, `0o`, `0x`, a bare leading
    /// `0` for octal), letters as digits up to the base, `nil` on any syntax or range error.
    /// Underscores were removed by the caller, as v2 does before parsing.
    package static func goParseUint(_ s: ArraySlice<UInt8>) -> UInt64? {
        guard !s.isEmpty else { return nil }
        var digits = s
        var base: UInt64 = 10
        if digits.first == UInt8(ascii: "0") {
            let second = digits.count >= 3 ? (digits[digits.startIndex + 1] | 0x20) : 0
            switch second {
            case UInt8(ascii: "b"): base = 2; digits = digits.dropFirst(2)
            case UInt8(ascii: "o"): base = 8; digits = digits.dropFirst(2)
            case UInt8(ascii: "x"): base = 16; digits = digits.dropFirst(2)
            default: base = 8; digits = digits.dropFirst(1)
            }
        }
        var n: UInt64 = 0
        for c in digits {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard d < base else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            n = a
        }
        return n
    }

    package static func goParseUint(_ s: [UInt8]) -> UInt64? { goParseUint(s[...]) }

    /// Go's `strconv.ParseInt(s, 0, 64)`: an optional sign, then `ParseUint`, then the int64 range.
    package static func goParseInt(_ s: [UInt8]) -> Int? {
        guard let first = s.first else { return nil }
        var body = s[...]
        var negative = false
        if first == UInt8(ascii: "+") {
            body = body.dropFirst()
        } else if first == UInt8(ascii: "-") {
            negative = true
            body = body.dropFirst()
        }
        guard let magnitude = goParseUint(body) else { return nil }
        if negative {
            if magnitude <= UInt64(Int.max) { return -Int(magnitude) }
            if magnitude == UInt64(Int.max) + 1 { return Int.min }
            return nil
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    // MARK: Timestamps

    private enum LayoutElement {
        case year, month, day, hour, minute, second, fraction, zone
        case literal(UInt8)
        case spaces
    }

    private static let timestampLayouts: [[LayoutElement]] = {
        let date: [LayoutElement] = [.year, .literal(UInt8(ascii: "-")), .month, .literal(UInt8(ascii: "-")), .day]
        let time: [LayoutElement] = [.hour, .literal(UInt8(ascii: ":")), .minute, .literal(UInt8(ascii: ":")), .second, .fraction]
        return [
            date + [.literal(UInt8(ascii: "T"))] + time + [.zone],
            date + [.literal(UInt8(ascii: "t"))] + time + [.zone],
            date + [.spaces] + time,
            date,
        ]
    }()

    package static func isGoTimestamp(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count, isDigit(b[i]) { i += 1 }
        guard i == 4, i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        return timestampLayouts.contains { matches(b, layout: $0) }
    }

    /// One `time.Parse` attempt. Go's `getnum` takes one digit, or two when the second is a
    /// digit too; range errors make the layout fail just as syntax errors do.
    private static func matches(_ b: [UInt8], layout: [LayoutElement]) -> Bool {
        var i = 0
        var year = 0, month = 0, day = 0
        func number() -> Int? {
            guard i < b.count, isDigit(b[i]) else { return nil }
            var n = Int(b[i] - UInt8(ascii: "0"))
            i += 1
            if i < b.count, isDigit(b[i]) {
                n = n * 10 + Int(b[i] - UInt8(ascii: "0"))
                i += 1
            }
            return n
        }
        for element in layout {
            switch element {
            case .year:
                guard i + 4 <= b.count, b[i..<i + 4].allSatisfy(isDigit) else { return false }
                year = b[i..<i + 4].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                i += 4
            case .month:
                guard let m = number(), (1...12).contains(m) else { return false }
                month = m
            case .day:
                guard let d = number() else { return false }
                day = d
            case .hour:
                guard let h = number(), h < 24 else { return false }
            case .minute:
                guard let m = number(), m < 60 else { return false }
            case .second:
                guard let s = number(), s < 60 else { return false }
            case .fraction:
                // Optional: a '.' or ',' followed by at least one digit, then any number of digits.
                if i + 1 < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ","), isDigit(b[i + 1]) {
                    i += 2
                    while i < b.count, isDigit(b[i]) { i += 1 }
                }
            case .zone:
                if i < b.count, b[i] == UInt8(ascii: "Z") {
                    i += 1
                } else {
                    guard i + 6 <= b.count, b[i + 3] == UInt8(ascii: ":"),
                          b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
                          isDigit(b[i + 1]), isDigit(b[i + 2]), isDigit(b[i + 4]), isDigit(b[i + 5])
                    else { return false }
                    let hh = Int(b[i + 1] - 48) * 10 + Int(b[i + 2] - 48)
                    let mm = Int(b[i + 4] - 48) * 10 + Int(b[i + 5] - 48)
                    guard hh <= 24, mm <= 60 else { return false }
                    i += 6
                }
            case .literal(let c):
                guard i < b.count, b[i] == c else { return false }
                i += 1
            case .spaces:
                // A space in a Go layout matches one or more spaces in the value.
                guard i < b.count, b[i] == UInt8(ascii: " ") else { return false }
                while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
            }
        }
        guard i == b.count else { return false }
        return day >= 1 && day <= daysIn(month: month, year: year)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

// MARK: - Go number formatting

/// Go's float formatting, which both `toYaml` (via go-yaml's `strconv.FormatFloat(f, 'g', -1, 64)`)
/// and Helm's `%v` (same digits and exponent rule) use, plus the project's own rule for integral
/// floats. Swift's `description` already yields the shortest round-tripping digits, as Go does;
/// only the layout differs.
package enum GoFloatFormat {
    /// Whole numbers in full, never Go's `1e+06`; others in the shortest form that reads back the
    /// same: how kamaji-capi writes a number a string field was given.
    package static func full(_ f: Double) -> String {
        if f.rounded() == f, abs(f) < 1e18 { return String(Int(f)) }
        return "\(f)"
    }

    /// `strconv.FormatFloat(d, 'g', -1, 64)`, with Go's `+Inf`, `-Inf`, `NaN` spellings.
    package static func g(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        return layoutG(digitsOf(d.description), negative: d.sign == .minus)
    }

    /// `strconv.FormatFloat(float64(f), 'g', -1, 32)`: the shortest digits that identify the
    /// value as a float32, as sigs.k8s.io/yaml uses to turn float map keys into strings.
    package static func g32(_ d: Double) -> String {
        let f = Float(d)
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Inf" : "+Inf" }
        return layoutG(digitsOf(f.description), negative: f.sign == .minus)
    }

    /// How the project writes a float in YAML: `.nan`/`.inf` like go-yaml, integral values in full
    /// decimal (Helm's JSON round trip writes `3.0` as `3`, and the project never writes `1e+06`),
    /// everything else as Go's shortest `%g`, which go-yaml and YAML 1.2 readers read back as
    /// the same float.
    package static func yaml(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        if d == d.rounded(.towardZero) { return integralDecimal(d) }
        return g(d)
    }

    /// An integral double in full decimal: its shortest round-tripping digits padded with zeros
    /// (Go's `'f'` format with precision -1), so `1e21` is `1000000000000000000000`; `-0` is
    /// written `0` as Helm's JSON round trip writes it.
    package static func integralDecimal(_ d: Double) -> String {
        if d == 0 { return "0" }
        if Swift.abs(d) < 9.0e18 { return String(Int64(d)) }
        let (digits, point) = digitsOf(d.description)
        var text = d < 0 ? "-" : ""
        text += String(decoding: digits, as: UTF8.self)
        if point > digits.count { text += String(repeating: "0", count: point - digits.count) }
        return text
    }

    /// Decimal digits without leading/trailing zeros and the decimal point position, from any
    /// of Swift's renderings (`0.001`, `1e-05`, `1.5e+20`, `123.0`).
    private static func digitsOf(_ text: String) -> (digits: [UInt8], point: Int) {
        var chars = Array(text.utf8)
        if chars.first == UInt8(ascii: "-") { chars.removeFirst() }
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            exponent = Int(String(decoding: chars[(e + 1)...], as: UTF8.self)) ?? 0
            chars = Array(chars[..<e])
        }
        var digits: [UInt8] = []
        var point: Int?
        for c in chars {
            if c == UInt8(ascii: ".") { point = digits.count } else { digits.append(c) }
        }
        var dp = (point ?? digits.count) + exponent
        while let first = digits.first, first == UInt8(ascii: "0") { digits.removeFirst(); dp -= 1 }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { dp = 0 }
        return (digits, dp)
    }

    /// strconv's `%g` with shortest precision: `%e` when the exponent is below -4 or at least
    /// 6 (Go fixes the threshold at 6 for shortest output), `%f` otherwise.
    private static func layoutG(_ parts: (digits: [UInt8], point: Int), negative: Bool) -> String {
        let (digits, dp) = parts
        var out = negative ? "-" : ""
        if digits.isEmpty { return out + "0" }
        let exp = dp - 1
        if exp < -4 || exp >= 6 {
            out.append(Character(Unicode.Scalar(digits[0])))
            if digits.count > 1 {
                out += "."
                out += String(decoding: digits[1...], as: UTF8.self)
            }
            out += exp < 0 ? "e-" : "e+"
            let e = Swift.abs(exp)
            out += e < 10 ? "0\(e)" : "\(e)"
            return out
        }
        if dp > 0 {
            let integral = digits.prefix(dp)
            out += String(decoding: integral, as: UTF8.self)
            if dp > digits.count { out += String(repeating: "0", count: dp - digits.count) }
        } else {
            out += "0"
        }
        if digits.count > dp {
            out += "."
            if dp < 0 { out += String(repeating: "0", count: -dp) }
            out += String(decoding: digits[max(dp, 0)...], as: UTF8.self)
        }
        return out
    }
}

import KamajiDiagnostics

/// The forms of non-strings that YAML 1.1 readers (PyYAML, and libyaml-based readers such as Yams'
/// default resolver, whichever is wider) and YAML 1.2 core-schema readers see in a plain scalar
/// that does not start with a letter, plus the merge key `<<` and the YAML 1.1 value key `=`.
/// `GoYAMLScalar.needsQuoting` quotes a string of any of these forms.
///
/// It is the regular expression below, matched whole, written out by hand: compiling it with
/// `NSRegularExpression` loaded ICU and cost a fifth of the start of every command.
/// `Tests/.../OtherReaderFormsTests.swift` checks the two agree.
///
///     ~ | << | =
///     [-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
///     [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
///     [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)? | [-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
///     [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
///     [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
///     [0-9]{4}-[0-9]{2}-[0-9]{2}
///     [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
///         (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?
package enum OtherReaderForms {
    package static let pattern = "^(?:~|<<|=|[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
        + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
        + "|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
        + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)|[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
        + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
        + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"

    package static func matches(_ b: [UInt8]) -> Bool {
        switch b {
        case [0x7E], [0x3C, 0x3C], [0x3D]: return true  // ~ << =
        default: break
        }
        if isTimestamp(b) { return true }
        if b.count == 4, b[0] == dot, ["nan", "NaN", "NAN"].contains(String(decoding: b[1...], as: UTF8.self)) { return true }
        let sign = b.first == plus || b.first == minus ? 1 : 0
        let r = b[sign...]
        guard let first = r.first else { return false }
        if r.count == 4, first == dot, ["inf", "Inf", "INF"].contains(String(decoding: r.dropFirst(), as: UTF8.self)) { return true }
        if first == zero, r.count > 2 {
            let marker = r[r.startIndex + 1], rest = r.dropFirst(2)
            if marker == UInt8(ascii: "b"), rest.allSatisfy({ $0 == zero || $0 == zero + 1 || $0 == underscore }) { return true }
            if marker == UInt8(ascii: "x"), rest.allSatisfy({ isHex($0) || $0 == underscore }) { return true }
        }
        if first == zero {
            var octal = r.dropFirst()
            if octal.first == UInt8(ascii: "o") { octal = octal.dropFirst() }
            if !octal.isEmpty, octal.allSatisfy({ ($0 >= zero && $0 <= zero + 7) || $0 == underscore }) { return true }
        }
        if first == dot {
            // \.[0-9_]+ and an exponent
            var i = r.startIndex + 1
            let start = i
            while i < r.endIndex, isDigit(r[i]) || r[i] == underscore { i += 1 }
            return i > start && exponent(r, from: i)
        }
        guard isDigit(first) else { return false }
        // [0-9][0-9_]* and then a float's fraction and exponent, or base-60 groups (an integer
        // when the first digit is not 0, or a float with a fraction after the groups).
        var i = r.startIndex + 1
        while i < r.endIndex, isDigit(r[i]) || r[i] == underscore { i += 1 }
        if i == r.endIndex { return true }  // 0 | [1-9][0-9_]* | float without fraction
        if r[i] == colon {
            while i < r.endIndex, r[i] == colon {
                i += 1
                guard i < r.endIndex, isDigit(r[i]) else { return false }
                if i + 1 < r.endIndex, r[i] <= zero + 5, isDigit(r[i + 1]) { i += 2 } else { i += 1 }
            }
            if i == r.endIndex { return first != zero }
            guard r[i] == dot else { return false }
            i += 1
            while i < r.endIndex, isDigit(r[i]) || r[i] == underscore { i += 1 }
            return i == r.endIndex
        }
        if r[i] == dot {
            i += 1
            while i < r.endIndex, isDigit(r[i]) || r[i] == underscore { i += 1 }
        }
        return exponent(r, from: i)
    }

    private static let dot = UInt8(ascii: "."), plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-")
    private static let zero = UInt8(ascii: "0"), underscore = UInt8(ascii: "_"), colon = UInt8(ascii: ":")

    private static func isDigit(_ c: UInt8) -> Bool { c >= zero && c <= zero + 9 }

    private static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }

    /// `(?:[eE][-+]?[0-9]+)?` from `i` to the end.
    private static func exponent(_ r: ArraySlice<UInt8>, from start: Int) -> Bool {
        var i = start
        if i == r.endIndex { return true }
        guard r[i] == UInt8(ascii: "e") || r[i] == UInt8(ascii: "E") else { return false }
        i += 1
        if i < r.endIndex, r[i] == plus || r[i] == minus { i += 1 }
        let digits = i
        while i < r.endIndex, isDigit(r[i]) { i += 1 }
        return i > digits && i == r.endIndex
    }

    /// The two timestamp forms.
    private static func isTimestamp(_ b: [UInt8]) -> Bool {
        var i = 0
        /// Between `least` and `most` digits at `i`.
        func digits(_ least: Int, _ most: Int) -> Bool {
            let start = i
            while i < b.count, i - start < most, isDigit(b[i]) { i += 1 }
            return i - start >= least
        }
        func byte(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        func blanks() -> Int {
            let start = i
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            return i - start
        }
        guard digits(4, 4), byte(minus), digits(1, 2), byte(minus), digits(1, 2) else { return false }
        if i == b.count { return b.count == 10 }
        if !(byte(UInt8(ascii: "T")) || byte(UInt8(ascii: "t")) || blanks() > 0) { return false }
        guard digits(1, 2), byte(colon), digits(2, 2), byte(colon), digits(2, 2) else { return false }
        if byte(dot) { _ = digits(0, Int.max) }
        if i == b.count { return true }
        _ = blanks()
        if byte(UInt8(ascii: "Z")) { return i == b.count }
        guard byte(plus) || byte(minus), digits(1, 2) else { return false }
        if byte(colon) { guard digits(2, 2) else { return false } }
        return i == b.count
    }
}

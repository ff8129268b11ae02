import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The two Helm template functions whose exact output the chart hashes into machine-template names:
/// `toYaml` and `quote`. A single differing byte changes the hash, renames the template and rolls
/// every machine of the pool, so these reproduce Helm 3.17's results byte for byte rather than
/// producing merely equivalent YAML.
public enum HelmTemplateFunctions {
    /// Helm's `toYaml`: `sigs.k8s.io/yaml.Marshal` (JSON round trip, then go-yaml v2 with its key
    /// order and 80-column folding), with the final newline removed.
    ///
    /// The JSON round trip is why integral floats print as integers (`3.0` becomes `3`). Where
    /// Helm prints nothing because the value cannot survive that round trip (a DEL or C1 control
    /// character, which go-yaml refuses to read back, or a NaN/infinite float, which JSON cannot
    /// hold), this returns `""` too; check `toYamlRepresentable(_:)` first and refuse the value.
    public static func toYaml(_ value: YAMLValue) -> String {
        guard toYamlRepresentable(value) else { return "" }
        let emitter = YAMLEmitter(lineWidth: 80, compatibility: .goYAMLv2)
        var text = emitter.emit(sortedForGoYAML(value))
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Whether Helm's `toYaml` prints the value at all. Helm marshals to JSON and parses that JSON
    /// with go-yaml v2, whose reader rejects raw U+007F–U+0084, U+0086–U+009F, U+FFFE and U+FFFF
    /// (JSON escapes only characters below U+0020), and JSON cannot hold NaN or infinities; in
    /// those cases Helm silently renders an empty string.
    public static func toYamlRepresentable(_ value: YAMLValue) -> Bool {
        switch value {
        case .null, .bool, .int: return true
        case .float(let d): return d.isFinite
        case .string(let s): return jsonRoundTripSafe(s)
        case .sequence(let items): return items.allSatisfy(toYamlRepresentable)
        case .mapping(let m):
            return m.entries.allSatisfy { jsonRoundTripSafe($0.key) && toYamlRepresentable($0.value) }
        }
    }

    /// Helm's `quote` on a string: Go's `%q`, i.e. `strconv.Quote`.
    public static func quote(_ s: String) -> String { goQuote(s) }

    /// Helm's `quote` on any value: sprig formats it with `%v` first (`map[a:1 b:[x y]]`), then
    /// quotes; a nil value yields nothing at all.
    public static func quote(_ value: YAMLValue) -> String {
        if value.isNull { return "" }
        return goQuote(goFormat(value))
    }

    /// Go's `%v` of the value as Helm holds it: maps as `map[k:v ...]` with keys in byte order,
    /// lists as `[a b]`, nil as `<nil>`, floats in `%g` form (`1e+06`).
    public static func goFormat(_ value: YAMLValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return GoFloatFormat.g(d)
        case .string(let s): return s
        case .sequence(let items): return "[" + items.map(goFormat).joined(separator: " ") + "]"
        case .mapping(let m):
            let sorted = m.sortedByKey()
            return "map[" + sorted.entries.map { $0.key + ":" + goFormat($0.value) }.joined(separator: " ") + "]"
        }
    }

    /// Go's `strconv.Quote`: `"` and `\` escaped, `\a \b \f \n \r \t \v`, other control characters
    /// and DEL as `\xHH`, every other non-printable rune as `\uHHHH` or `\UHHHHHHHH`, printable
    /// runes (Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols, ASCII space)
    /// as they are.
    public static func goQuote(_ s: String) -> String {
        // Printable ASCII without a quote or a backslash is quoted as it is: names, paths, addresses.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if scalar == "\"" || scalar == "\\" {
                out.append("\\")
                out.unicodeScalars.append(scalar)
                continue
            }
            if goIsPrint(scalar) {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch v {
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x0B: out += "\\v"
            default:
                if v < 0x20 || v == 0x7F {
                    out += "\\x" + hex(v, digits: 2)
                } else if v < 0x10000 {
                    out += "\\u" + hex(v, digits: 4)
                } else {
                    out += "\\U" + hex(v, digits: 8)
                }
            }
        }
        out += "\""
        return out
    }

    /// The value with every mapping's keys in go-yaml v2's order, as its encoder writes Go maps.
    public static func sortedForGoYAML(_ value: YAMLValue) -> YAMLValue {
        switch value {
        case .mapping(let m):
            let entries = m.entries
                .map { YAMLMapping.Entry(key: $0.key, value: sortedForGoYAML($0.value)) }
                .sorted { goYAMLKeyLess($0.key, $1.key) }
            return .mapping(YAMLMapping(entries))
        case .sequence(let items):
            return .sequence(items.map(sortedForGoYAML))
        default:
            return value
        }
    }

    /// go-yaml v2's `keyList.Less` for string keys, which is *not* byte order: at the first
    /// difference a letter sorts after a non-letter, and runs of digits compare as numbers
    /// (`a9` before `a10`, `ssh_keys` before `sshKeys`). Helm's `toYaml` goes through it because
    /// sigs.k8s.io/yaml re-encodes the JSON document with go-yaml v2.
    public static func goYAMLKeyLess(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars), br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                i += 1
                continue
            }
            let al = isLetter(ar[i]), bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0, bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(ar[ai].value) &- 48)
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(br[bi].value) &- 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    // MARK: - Internals

    private static func jsonRoundTripSafe(_ s: String) -> Bool {
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x7F || (v >= 0x80 && v <= 0x9F && v != 0x85) || v == 0xFFFE || v == 0xFFFF { return false }
        }
        return true
    }

    // ASCII first: a general-category lookup per character was most of the cost of sorting keys.
    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s >= "0" && s <= "9" }
        return s.properties.generalCategory == .decimalNumber
    }

    /// Go's `strconv.IsPrint`.
    package static func goIsPrint(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v <= 0xFF {
            if v >= 0x20 && v <= 0x7E { return true }
            if v >= 0xA1 && v <= 0xFF { return v != 0xAD }
            return false
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ v: UInt32, digits: Int) -> String {
        let text = String(v, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

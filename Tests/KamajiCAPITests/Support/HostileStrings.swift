/// Deterministic hostile strings for property tests: a seeded generator (SplitMix64), so a failure
/// names a seed and an index that reproduce it, and no dependency.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum HostileStrings {
    /// Whole strings known to break text templating: each would add a key, a document or an object,
    /// or change a type, if it were spliced into YAML text.
    static let notorious: [String] = [
        "",
        " ",
        "\n",
        "a\nb",
        "---",
        "x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: injected\n",
        "...",
        "a: b",
        "key: value\nother: 1",
        "- item",
        "# comment",
        "value # comment",
        "'",
        "\"",
        "\\",
        "\"quoted\"",
        "it's",
        "\t",
        "\r\n",
        "trailing \n",
        "  leading",
        "null", "~", "true", "no", "on", "0x1F", "1e3", "0o17", "1_000", ".inf", "-.nan", "2001-12-14",
        "<<", "=", "&anchor", "*alias", "!!binary", "!!python/object:os.system", "!tag", "%TAG", "@", "`",
        "{a: 1}", "[1, 2]", "}", "]", "|", ">-", "? key",
        "{{ .Values.secret }}", "${HOME}", "$(rm -rf /)",
        "\u{0}", "\u{7}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "a\u{FEFF}b", "\u{FEFF}",
        "\u{FFFE}", "\u{FFFF}", "\u{202E}evil", "é", "日本語", "🚀", "e\u{301}", "\u{1F468}\u{200D}\u{1F469}",
        String(repeating: "a", count: 70) + " " + String(repeating: "b", count: 70),
        String(repeating: "x", count: 100_000),
        String(repeating: "a: b\n", count: 2_000),
    ]

    /// The few that cover each way of breaking YAML text (the long one last): a line break with an injected
    /// document, a key and a list item; quotes, comments and tabs; characters YAML must escape or
    /// treats as line breaks; Unicode; a scalar that is another type; a long value.
    static let structural: [String] = [
        "x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: injected\n",
        "a: b\n- c\n...",
        "'\"# \t\\ {[&a *a !!str |>",
        // DEL, the C1 controls and U+FFFE/U+FFFF are refused in every value (KC204): here they would
        // make the string of all these refused in every field. The random strings still bring them.
        "\u{0}\u{1B}\u{2028}\u{FEFF}\u{2029}",
        "é 日本語 🚀 \u{202E}",
        "null",
        String(repeating: "long: value # ", count: 500),
    ]

    /// Pieces random strings are made of.
    static let pieces: [String] = [
        "\n", "\n\n", "\r", "\r\n", "\t", " ", "  ", "---", "...", ": ", ":", "#", " #", "- ", "? ", "'", "\"", "\\",
        "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "|", ">", "%", "@", "`", "<<", "=",
        "apiVersion: v1", "kind: Secret", "metadata:", "name: injected", "null", "true", "0x10", "1e3",
        "\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{85}", "\u{A0}",
        "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{10FFFF}", "é", "ß", "日本", "🚀", "\u{301}",
        "a", "b", "z", "0", "9", "-", ".", "_", "/", "word", "value",
    ]

    /// `count` strings: every notorious one first, then random ones from `seed`.
    static func make(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        var strings = Array(notorious.prefix(count))
        while strings.count < count {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                // A very long value with structure in it.
                let piece = pieces.randomElement(using: &generator)!
                strings.append(String(repeating: "x" + piece, count: Int.random(in: 500...5_000, using: &generator)))
            default:
                let length = Int.random(in: 1...12, using: &generator)
                strings.append((0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined())
            }
        }
        return strings
    }
}

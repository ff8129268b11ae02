import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// `render` is the default subcommand, so without this a mistyped subcommand renders a cluster of
/// that name: `kamaji-capi chek -f prod.yaml` would print manifests, and piped into `kubectl apply`
/// apply them. A first argument this close to a command word is refused with the word it resembles.
public enum CommandWordTypo {
    /// Words users bring from other tools, with the subcommand that does what they expect.
    public static let borrowedWords = ["template": "render"]  // `helm template`

    /// The subcommand `argument` is a near miss of (or stands for, for a borrowed word), or `nil`
    /// when it is a subcommand itself, an option, or far enough from every word to be a cluster name.
    public static func suggestion(for argument: String, subcommands: [String]) -> String? {
        let word = argument.lowercased()
        guard !argument.hasPrefix("-"), !subcommands.contains(argument) else { return nil }
        let candidates = subcommands.map { ($0, $0) } + borrowedWords.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let scored = candidates.map { (meant: $0.1, distance: distance(word, $0.0), length: $0.0.count) }
        // One edit for short words, two for words of six letters or more: `hello` stays a cluster
        // name, `chek` and `rendr-fleet` do not.
        let near = scored.filter { $0.distance <= ($0.length >= 6 ? 2 : 1) }
        return near.min { $0.distance < $1.distance }?.meant
    }

    /// The usage error for a near miss, with the way to render a cluster of that name after all.
    public static func diagnostic(for argument: String, subcommands: [String]) -> Diagnostic? {
        suggestion(for: argument, subcommands: subcommands).map { meant in
            Diagnostic(
                code: .usage, message: "\"\(argument)\" is not a command; did you mean \"\(meant)\"?",
                hint: "to render a cluster named \"\(argument)\", write `kamaji-capi render \(argument) ...`")
        }
    }

    /// Edit distance counting a swap of two neighbouring letters as one edit (optimal string
    /// alignment): the commonest slip in a typed word (`chekc`). `DidYouMean`'s Levenshtein distance
    /// counts it as two, which suits keys but would let `hlep` through as a cluster name.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// A line diff (Myers' O(ND) algorithm, the one `diff` and git use) and its unified format, so
/// `kamaji-capi diff` needs no external tool. Not the standard library's `difference(from:)`: on the
/// per-object diffs of a 5,000-pool change it took 2.7 times as long (docs/performance.md).
public enum LineDiff {
    public enum Edit: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// A shortest edit script turning `old` into `new`.
    public static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let middle = myers(Array(old[prefix..<(old.count - suffix)]), Array(new[prefix..<(new.count - suffix)]))
        return old[..<prefix].map(Edit.same) + middle + old[(old.count - suffix)...].map(Edit.same)
    }

    static func myers(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        if n == 0 { return b.map(Edit.added) }
        if m == 0 { return a.map(Edit.removed) }
        let limit = n + m
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        // Forward: for each number of edits d, the furthest x reached on each diagonal k = x - y.
        // Only the diagonals -d-1...d+1 are read back at step d, so only they are kept: memory grows
        // with the square of the edits, not with the edits times the lines (a 500-pool stream kept
        // gigabytes).
        search: for d in 0...limit {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]) ? v[k + 1 + offset] : v[k - 1 + offset] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[k + offset] = x
                if x >= n, y >= m { break search }
            }
        }
        // Backward through the recorded frontiers, collecting the path.
        var x = n, y = m
        var edits: [Edit] = []
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let frontier = trace[d]  // diagonal k at index k + d + 1
            let k = x - y
            let previousK = k == -d || (k != d && frontier[k + d] < frontier[k + d + 2]) ? k + 1 : k - 1
            let previousX = frontier[previousK + d + 1]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                edits.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            guard d > 0 else { break }
            if x == previousX {
                edits.append(.added(b[y - 1]))
                y -= 1
            } else {
                edits.append(.removed(a[x - 1]))
                x -= 1
            }
        }
        return edits.reversed()
    }

    /// Colors for a terminal, or none.
    public struct Style: Sendable {
        public var header: (String, String)
        public var hunk: (String, String)
        public var removed: (String, String)
        public var added: (String, String)

        public static let plain = Style(header: ("", ""), hunk: ("", ""), removed: ("", ""), added: ("", ""))
        public static let ansi = Style(
            header: ("\u{1B}[1m", "\u{1B}[0m"), hunk: ("\u{1B}[36m", "\u{1B}[0m"),
            removed: ("\u{1B}[31m", "\u{1B}[0m"), added: ("\u{1B}[32m", "\u{1B}[0m"))

        func paint(_ text: String, _ colors: (String, String)) -> String { colors.0 + text + colors.1 }
    }

    /// `--- old`, `+++ new`, then hunks of changes with `context` unchanged lines around them;
    /// empty when the texts are equal.
    public static func unified(
        old: String, new: String, oldName: String, newName: String, context: Int = 3, style: Style = .plain
    ) -> String {
        let edits = edits(lines(old), lines(new))
        let changed = edits.indices.filter { if case .same = edits[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return "" }
        var text = style.paint("--- \(oldName)", style.header) + "\n" + style.paint("+++ \(newName)", style.header) + "\n"
        // Group changes whose context overlaps into one hunk.
        var groups: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(edits.count - 1, index + context)
            if let last = groups.last, range.lowerBound <= last.upperBound + 1 {
                groups[groups.count - 1] = last.lowerBound...range.upperBound
            } else {
                groups.append(range)
            }
        }
        // Line numbers before each edit.
        var oldLine = [Int](), newLine = [Int]()
        var o = 1, n = 1
        for edit in edits {
            oldLine.append(o)
            newLine.append(n)
            switch edit {
            case .same: o += 1; n += 1
            case .removed: o += 1
            case .added: n += 1
            }
        }
        for group in groups {
            var body = ""
            var oldCount = 0, newCount = 0
            for edit in edits[group] {
                switch edit {
                case .same(let line):
                    body += " \(line)\n"
                    oldCount += 1
                    newCount += 1
                case .removed(let line):
                    body += style.paint("-\(line)", style.removed) + "\n"
                    oldCount += 1
                case .added(let line):
                    body += style.paint("+\(line)", style.added) + "\n"
                    newCount += 1
                }
            }
            // As GNU diff: an empty side is numbered by the line before it.
            let oldStart = oldCount == 0 ? oldLine[group.lowerBound] - 1 : oldLine[group.lowerBound]
            let newStart = newCount == 0 ? newLine[group.lowerBound] - 1 : newLine[group.lowerBound]
            text += style.paint("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@", style.hunk) + "\n" + body
        }
        return text
    }

    static func lines(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }
}

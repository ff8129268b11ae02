/// A path to one value of a values tree, in Helm's `--set` notation: keys joined by `.`, list
/// indexes as `[i]` (`nodePools[1].numCPUs`; the root is the empty path). The reader records
/// positions under it, the `--set` parser assigns along it, the decoder and the check rules report
/// problems at it, so a path a diagnostic prints can be pasted back into `--set`.
///
/// One escaping rule: inside a key, each of `\ . [ ] , =` is preceded by a backslash (`a\]b`,
/// `labels.cluster\.x-k8s\.io/name`). Helm 3.17's `strvals` reads a backslash as "take the next
/// character literally" in keys, so every escape here means to `--set` what it means here, and
/// no two keys share a spelling.
///
/// The path is kept as that text: hashing and comparing it cost what a string's do, which matters
/// where every value of a large file is recorded under its path; `components` are read back from
/// the text only when asked.
public struct ValuePath: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The escaped text, the one spelling of this path.
    public let description: String

    private init(text: String) { description = text }

    /// The root: the whole values tree.
    public static let root = ValuePath(text: "")

    public init(_ components: [Component]) {
        var path = ValuePath.root
        for component in components { path = path.appending(component) }
        self = path
    }

    /// A path from its text in `--set` notation, where a backslash takes any next character
    /// literally (as Helm reads keys); nil for text that is not a path (an unclosed or
    /// non-numeric index, a trailing backslash). The result is the canonical spelling.
    public init?(parsing text: String) {
        // Dotted plain keys (nearly every literal) are already written the one way.
        if text.utf8.first != UInt8(ascii: "."), !text.utf8.contains(where: { $0 != UInt8(ascii: ".") && Self.isSpecial($0) }) {
            self.init(text: text)
            return
        }
        guard let components = Self.parse(text) else { return nil }
        self.init(components.map(\.component))
    }

    /// A literal is `--set` text (`"nodePools[0].numCPUs"`); one that is not a path is a
    /// programming error.
    public init(stringLiteral text: String) {
        guard let path = ValuePath(parsing: text) else { preconditionFailure("not a values path: \(text)") }
        self = path
    }

    public var isRoot: Bool { description.isEmpty }

    public func appending(_ component: Component) -> ValuePath {
        switch component {
        case .key(let key): appending(key: key)
        case .index(let index): appending(index: index)
        }
    }

    public func appending(key: String) -> ValuePath {
        let escaped = Self.escape(key)
        return ValuePath(text: description.isEmpty ? escaped : description + "." + escaped)
    }

    public func appending(index: Int) -> ValuePath {
        ValuePath(text: description + "[" + String(index) + "]")
    }

    /// `path` taken from this value instead of the root (`items[2]` then `metadata.name`).
    public func appending(_ path: ValuePath) -> ValuePath {
        if isRoot || path.isRoot { return isRoot ? path : self }
        return ValuePath(text: path.description.utf8.first == UInt8(ascii: "[")
            ? description + path.description : description + "." + path.description)
    }

    /// The path of a key below this one: `path / "numCPUs"`.
    public static func / (path: ValuePath, key: String) -> ValuePath { path.appending(key: key) }

    /// The path of a list item below this one: `path / 2`.
    public static func / (path: ValuePath, index: Int) -> ValuePath { path.appending(index: index) }

    public var components: [Component] { (Self.parse(description) ?? []).map(\.component) }

    /// The last step, nil for the root.
    public var last: Component? { Self.parse(description)?.last?.component }

    /// The enclosing value's path; nil for the root.
    public var parent: ValuePath? {
        guard let steps = Self.parse(description), let last = steps.last else { return nil }
        return ValuePath(text: String(description.unicodeScalars[..<last.start]))
    }

    /// This path and every enclosing one, innermost first, the root last.
    public var selfAndAncestors: [ValuePath] {
        let steps = Self.parse(description) ?? []
        return [self] + steps.reversed().map { ValuePath(text: String(description.unicodeScalars[..<$0.start])) }
    }

    /// Whether `self` is `other` or lies inside it.
    public func isWithin(_ other: ValuePath) -> Bool {
        guard description.hasPrefix(other.description) else { return false }
        if other.isRoot || description.utf8.count == other.description.utf8.count { return true }
        let next = description.utf8[description.utf8.index(description.utf8.startIndex, offsetBy: other.description.utf8.count)]
        // `a\.b` begins with `a\` but is not inside it: a step starts at an unescaped `.` or `[`,
        // and `other` cannot end in a lone backslash, so the byte after it decides.
        return next == UInt8(ascii: ".") || next == UInt8(ascii: "[")
    }

    /// Orders paths by their text, so lists of findings and locations sort the same on every run.
    public static func < (a: ValuePath, b: ValuePath) -> Bool { a.description < b.description }

    /// Whether `byte` must be escaped inside a key: `\`, `.`, `[`, `]`, `,`, `=`.
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x5C, 0x2E, 0x5B, 0x5D, 0x2C, 0x3D: true
        default: false
        }
    }

    /// A key with its special characters escaped; nearly every key has none and is returned as it
    /// is, without a copy (a switch, not a `Set`: hashing per key was a tenth of reading a file).
    private static func escape(_ key: String) -> String {
        guard key.utf8.contains(where: isSpecial) else { return key }
        var escaped = [UInt8]()
        escaped.reserveCapacity(key.utf8.count + 4)
        for byte in key.utf8 {
            if isSpecial(byte) { escaped.append(0x5C) }
            escaped.append(byte)
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// The steps of `text` with the offset each starts at (its `.` or `[`, or the start for a
    /// first key), nil when the text is not a path.
    private static func parse(_ text: String) -> [(component: Component, start: String.Index)]? {
        let bytes = text.utf8
        var cursor = bytes.startIndex
        /// A key up to the next unescaped `.` or `[`; a backslash takes the next byte literally.
        func key() -> Component? {
            var key: [UInt8] = []
            while cursor < bytes.endIndex, bytes[cursor] != UInt8(ascii: "."), bytes[cursor] != UInt8(ascii: "[") {
                if bytes[cursor] == UInt8(ascii: "]") { return nil }
                if bytes[cursor] == 0x5C {
                    cursor = bytes.index(after: cursor)
                    guard cursor < bytes.endIndex else { return nil }
                }
                key.append(bytes[cursor])
                cursor = bytes.index(after: cursor)
            }
            return .key(String(decoding: key, as: UTF8.self))
        }
        var steps: [(component: Component, start: String.Index)] = []
        if cursor < bytes.endIndex, bytes[cursor] != UInt8(ascii: "[") {
            guard let first = key() else { return nil }
            steps.append((first, bytes.startIndex))
        }
        while cursor < bytes.endIndex {
            let start = cursor
            if bytes[cursor] == UInt8(ascii: ".") {
                cursor = bytes.index(after: cursor)
                guard let next = key() else { return nil }
                steps.append((next, start))
                continue
            }
            guard bytes[cursor] == UInt8(ascii: "[") else { return nil }
            cursor = bytes.index(after: cursor)
            let digits = cursor
            while cursor < bytes.endIndex, (0x30...0x39).contains(bytes[cursor]) { cursor = bytes.index(after: cursor) }
            guard cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: "]"), cursor > digits,
                let index = Int(String(decoding: bytes[digits..<cursor], as: UTF8.self))
            else { return nil }
            cursor = bytes.index(after: cursor)
            steps.append((.index(index), start))
        }
        return steps
    }
}

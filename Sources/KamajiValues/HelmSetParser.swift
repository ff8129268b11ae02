import KamajiDiagnostics
import KamajiYAML

/// Which Helm flag a `--set`-style argument came from. The three kinds share one syntax and differ
/// only in how a value's text becomes a value, exactly as in Helm 3.17's `strvals` package.
public enum SetKind: String, Sendable, Equatable, Hashable, CaseIterable {
    /// `--set`: `true`/`false`/`null` (any letter case) and base-10 integers without a leading zero
    /// become typed values; everything else stays a string.
    case typed
    /// `--set-string`: every value stays a string, so `"true"` and `"5"` survive as text.
    case string
    /// `--set-file`: every value is a file path and the value becomes the file's content as a string.
    case file

    /// The command-line flag, as users type it and as diagnostics name it.
    public var flagName: String {
        switch self {
        case .typed: return "--set"
        case .string: return "--set-string"
        case .file: return "--set-file"
        }
    }
}

/// One `--set`, `--set-string` or `--set-file` argument as the user typed it, for example
/// `HelmSetFlag(.typed, "nodePools[1].numCPUs=8,cluster.controlPlane.replicas=3")`.
public struct HelmSetFlag: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Lets this type stand in for a pipeline's own `SetFlag` with a nested `Kind`.
    public typealias Kind = SetKind

    public var kind: SetKind
    /// The flag's argument: one or more comma-separated `path=value` assignments. Never printed:
    /// a value in it may be a password.
    public var expression: String
    /// Which flag of its name this is on the command line, from 1: how diagnostics name it.
    public var position: Int
    /// The option it was given with: `kind.flagName`, or a command's own (`diff --new-set`).
    public var flagName: String

    public init(_ kind: SetKind, _ expression: String, position: Int = 1, flagName: String? = nil) {
        self.kind = kind
        self.expression = expression
        self.position = position
        self.flagName = flagName ?? kind.flagName
    }

    /// The flags of one option, numbered in command-line order.
    public static func numbered(_ kind: SetKind, _ expressions: [String], flagName: String? = nil) -> [HelmSetFlag] {
        expressions.enumerated().map { HelmSetFlag(kind, $1, position: $0 + 1, flagName: flagName) }
    }

    /// Where a value this flag sets at `key` came from: the flag by position and key, not its text.
    public func location(key: String) -> SourceLocation {
        SourceLocation(flag: flagName, position: position, key: key)
    }

    /// `--set #2`: the flag named without its text.
    public var description: String { location(key: "").file }
}

/// Parses one `--set`/`--set-string`/`--set-file` argument and applies it to a values tree with the
/// semantics of Helm 3.17.2's `strvals` parser (verified against the real binary; see
/// docs/helm-values-semantics.md), so a command line that works with the Helm chart produces the
/// same values here.
///
/// The one deliberate difference: an index always applies to the list *as it stands*. Helm starts
/// from the user's own list when the `-f` files gave one, but when only the chart defaults hold the
/// list, `--set nodePools[1].numCPUs=8` makes a new sparse list `[null, {numCPUs: 8}]` that then
/// replaces the whole default list (helm issue 11734). Here, when the user's tree has no value at
/// that key, the list from `defaults` at the same path is copied in first, so the flag changes one
/// field of one element and keeps the rest.
public enum HelmSetParser {
    /// Helm's `strvals.MaxIndex`: `a[65536]=x` is accepted, `a[65537]=x` is rejected, so one flag
    /// cannot make a list of millions of nulls.
    public static let maxIndex = 65536
    /// Helm's `strvals.MaxNestedNameLevel`: at most 30 `.`-separated levels below the first key
    /// (a `.` directly after `]` is not counted, as in Helm).
    public static let maxNestedNameLevel = 30

    /// What one flag did, besides changing the tree.
    public struct Outcome: Sendable, Equatable {
        /// Every path the flag assigned, in order; the composer records them as the origin of
        /// those values.
        public var assignedPaths: [ValuePath]
        /// Things Helm silently accepts but that almost certainly are mistakes (an index with no
        /// `=value`, a path ending in `.`, an empty key); the values still match Helm's.
        public var warnings: [Diagnostic]
    }

    /// Applies `flag` to `values`, which should already hold the merged `-f` files (Helm parses
    /// `--set` into that same map, which is why `--set a.b=1` fails when a file set `a: "x"`).
    ///
    /// - Parameters:
    ///   - values: the user's values so far; a mapping, or `.null` for none. On error it is left
    ///     unchanged.
    ///   - defaults: the chart's default values. Consulted only where an index meets a key that
    ///     `values` does not have: the default list there is what the index then changes.
    ///   - readFile: reads a `--set-file` path and returns its content; called only for `.file`
    ///     flags, so the parser stays pure and tests need no files.
    /// - Throws: one `DiagnosticError` with a single diagnostic describing the first problem, with
    ///   location `--set` (or `--set-string`/`--set-file`) and the flag text quoted in the message.
    @discardableResult
    public static func apply(
        _ flag: HelmSetFlag,
        to values: inout YAMLValue,
        defaults: YAMLValue = .null,
        readFile: (String) throws -> String = { path in throw NoFileReader(path: path) }
    ) throws(DiagnosticError) -> Outcome {
        var root: YAMLMapping
        switch values {
        case .mapping(let mapping): root = mapping
        case .null: root = YAMLMapping()
        default:
            throw DiagnosticError(Diagnostic(
                code: .usage, location: flag.location(key: ""),
                message: "cannot apply the flag: the values are \(describe(values)), not a map",
                hint: "the top level of the values must be a map of keys"))
        }
        let result: Result<Outcome, DiagnosticError> = withoutActuallyEscaping(readFile) { reader in
            var applier = SetApplier(flag: flag, readFile: reader)
            do throws(SetFailure) {
                try applier.run(&root, defaults: defaults)
            } catch {
                return .failure(DiagnosticError(applier.diagnostic(for: error)))
            }
            return .success(Outcome(assignedPaths: applier.assignedPaths, warnings: applier.warnings))
        }
        let outcome = try result.get()
        values = .mapping(root)
        return outcome
    }

    /// Parses `flag` into a fresh tree, as Helm's `strvals.Parse` does; handy for tests and for
    /// showing a user what a flag means.
    public static func parse(
        _ flag: HelmSetFlag,
        readFile: (String) throws -> String = { path in throw NoFileReader(path: path) }
    ) throws(DiagnosticError) -> YAMLValue {
        var values = YAMLValue.mapping(YAMLMapping())
        try apply(flag, to: &values, readFile: readFile)
        return values
    }

    /// Helm's typed conversion for `--set` values (`strvals.typedVal`): case-insensitive
    /// `true`/`false`/`null`, `0`, and base-10 integers that fit in 64 bits and do not start
    /// with `0`; everything else (`0123`, `1.5`, `1e3`, `0x10`, overflowing numbers) is a string.
    public static func typedValue(_ text: String) -> YAMLValue {
        if foldEquals(text, "true") { return .bool(true) }
        if foldEquals(text, "false") { return .bool(false) }
        if foldEquals(text, "null") { return .null }
        if text == "0" { return .int(0) }
        if let first = text.utf8.first, first != UInt8(ascii: "0"), let number = Int64(text, radix: 10) {
            return .int(Int(number))
        }
        return .string(text)
    }

    /// Go's `strings.EqualFold` for the ASCII words `true`, `false` and `null`: simple Unicode case
    /// folding, under which the long s `ſ` (U+017F) also matches `s` (Helm reads `falſe` as false).
    private static func foldEquals(_ text: String, _ word: String) -> Bool {
        let lhs = Array(text.unicodeScalars)
        let rhs = Array(word.unicodeScalars)
        guard lhs.count == rhs.count else { return false }
        for (a, b) in zip(lhs, rhs) {
            var folded = a
            if a.value >= 0x41 && a.value <= 0x5A { folded = Unicode.Scalar(a.value + 0x20)! }
            if a.value == 0x17F { folded = "s" }
            if folded != b { return false }
        }
        return true
    }

    /// The kind of a value, never its text: these messages are made before the passwords of the
    /// values are known, and the path the value sits at says where to look.
    package static func describe(_ value: YAMLValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .float: return "a number"
        case .string: return "a string"
        case .sequence: return "a list"
        case .mapping: return "a map"
        }
    }
}

extension HelmSetParser {
    /// What the default `readFile` throws: a `--set-file` flag needs a real reader from the caller.
    public struct NoFileReader: Error, CustomStringConvertible {
        public var path: String
        public init(path: String) { self.path = path }
        public var description: String { "no file reader was given to read \"\(path)\"" }
    }
}

// MARK: - The parser

/// Why a flag failed; turned into a `Diagnostic` by `SetApplier.diagnostic(for:)`.
private struct SetFailure: Error {
    package var code: Diagnostic.Code
    package var path: ValuePath
    /// 1-based position in the flag text (in Unicode scalars) where the problem was noticed.
    package var position: Int
    package var message: String
    package var hint: String
}

/// A cursor over the flag text in Unicode scalars, which is what Go's `ReadRune` yields.
private struct SetScanner {
    package let scalars: [Unicode.Scalar]
    package var position = 0

    package init(_ text: String) { scalars = Array(text.unicodeScalars) }

    package mutating func read() -> Unicode.Scalar? {
        guard position < scalars.count else { return nil }
        defer { position += 1 }
        return scalars[position]
    }

    package mutating func unread() { position -= 1 }

    /// Reads up to (and consumes) the first unescaped stop character. A backslash takes the next
    /// character literally; a backslash at the very end is dropped. `stop` is nil at end of input.
    package mutating func until(_ stops: Set<Unicode.Scalar>) -> (text: String, stop: Unicode.Scalar?) {
        var text = String.UnicodeScalarView()
        while let scalar = read() {
            if stops.contains(scalar) { return (String(text), scalar) }
            if scalar == "\\" {
                guard let next = read() else { return (String(text), nil) }
                text.append(next)
            } else {
                text.append(scalar)
            }
        }
        return (String(text), nil)
    }
}

/// Whether parsing goes on after a step. Helm signals the end of the flag with `io.EOF`, which
/// several branches return even mid-path (`a[0]`, `a.`): those end the flag silently.
private enum SetStep: Equatable {
    case more
    case end
}

/// Applies one flag, mirroring the structure of Helm's recursive `key`/`listItem` functions so that
/// every corner (write-backs on early end, error precedence) comes out the same. Go maps are shared
/// references while Swift values are copies, so every place where Helm relies on in-place mutation
/// writes the modified copy back explicitly, and only where Helm's mutation would be visible.
private struct SetApplier {
    package let flag: HelmSetFlag
    package let readFile: (String) throws -> String
    package var scanner: SetScanner
    package var assignedPaths: [ValuePath] = []
    package var warnings: [Diagnostic] = []

    package init(flag: HelmSetFlag, readFile: @escaping (String) throws -> String) {
        self.flag = flag
        self.readFile = readFile
        self.scanner = SetScanner(flag.expression)
    }

    private static let keyStops: Set<Unicode.Scalar> = ["=", "[", ",", "."]
    private static let afterIndexStops: Set<Unicode.Scalar> = ["[", ".", "="]

    package mutating func run(_ root: inout YAMLMapping, defaults: YAMLValue) throws(SetFailure) {
        while try key(&root, defaults: defaults, level: 0, path: ValuePath.root, nested: false) == .more {}
    }

    // MARK: keys

    private mutating func key(
        _ data: inout YAMLMapping, defaults: YAMLValue?, level: Int, path: ValuePath, nested: Bool
    ) throws(SetFailure) -> SetStep {
        let start = scanner.position
        let (name, stop) = scanner.until(Self.keyStops)
        let keyPath = path.appending(.key(name))
        switch stop {
        case nil:
            if name.isEmpty {
                if nested { warn(path, "ends after \".\" with no key; nothing is set for \(quoted(path))", hint: "write \(pathHint(path)).key=value") }
                return .end
            }
            throw failure(.setSyntax, keyPath, at: start, "key \"\(name)\" has no value",
                          hint: "write \(keyPath)=value; \(keyPath)= sets an empty string")
        case "[":
            let index = try self.index(path: keyPath)
            var list: [YAMLValue]
            var existed = false
            if let current = data[name] {
                guard case .sequence(let items) = current else {
                    throw failure(.typeMismatch, keyPath, at: start,
                                  "cannot index \(keyPath): it holds \(HelmSetParser.describe(current)), not a list",
                                  hint: typeHint(keyPath, current, wanted: "a list"))
                }
                list = items
                existed = true
            } else if !name.isEmpty, case .sequence(let items)? = defaults?.mapping?[name] {
                // The deliberate difference from Helm: index into the chart default's list.
                list = items
            } else {
                list = []
            }
            let before = list.count
            let step = try listItem(&list, index: index, level: level, path: keyPath)
            if !name.isEmpty {
                data[name] = .sequence(list)
            } else if existed && list.count == before {
                // An empty key is never set, but Go still sees in-place changes to an existing list.
                data[name] = .sequence(list)
            }
            return step
        case "=":
            let (value, step) = try assignedValue(path: keyPath, emptyEndsFlag: true)
            set(&data, name, value, path: keyPath, at: start)
            return step
        case ",":
            throw failure(.setSyntax, keyPath, at: start, "key \"\(name)\" has no value (cannot end with ,)",
                          hint: "every comma-separated item needs =value, as in a=1,b=2; escape a literal comma as \\,")
        default: // "."
            let nextLevel = level + 1
            if nextLevel > HelmSetParser.maxNestedNameLevel {
                throw failure(.inputLimit, keyPath, at: start,
                              "value name nested level is greater than maximum supported nested level of \(HelmSetParser.maxNestedNameLevel)",
                              hint: "Helm accepts at most \(HelmSetParser.maxNestedNameLevel) nested keys in one path; set the deeper part in a values file")
            }
            var inner = YAMLMapping()
            var existed = false
            if let current = data[name] {
                guard case .mapping(let mapping) = current else {
                    throw failure(.typeMismatch, keyPath, at: start,
                                  "cannot set a key inside \(keyPath): it holds \(HelmSetParser.describe(current)), not a map",
                                  hint: typeHint(keyPath, current, wanted: "a map"))
                }
                inner = mapping
                existed = true
            }
            let step = try key(&inner, defaults: defaults?.mapping?[name], level: nextLevel, path: keyPath, nested: true)
            if step == .more && inner.isEmpty {
                throw failure(.setSyntax, keyPath, at: start, "key map \"\(name)\" has no value",
                              hint: "a \".\" must be followed by a key name, as in \(keyPath).key=value; escape a literal dot as \\.")
            }
            if existed {
                data[name] = .mapping(inner)
            } else if !inner.isEmpty && !name.isEmpty {
                data[name] = .mapping(inner)
            }
            return step
        }
    }

    /// Helm's `set`: an empty key is silently skipped.
    private mutating func set(_ data: inout YAMLMapping, _ name: String, _ value: YAMLValue, path: ValuePath, at start: Int) {
        guard !name.isEmpty else {
            warn(path, "has an empty key; Helm ignores this assignment", hint: "put a key name before \"=\"; a literal \"=\" in a key is written \\=")
            return
        }
        data[name] = value
        assignedPaths.append(path)
    }

    // MARK: lists

    /// Reads the index after `[`, which must be a base-10 integer (Go's `strconv.Atoi`).
    private mutating func index(path: ValuePath) throws(SetFailure) -> Int {
        let start = scanner.position
        let (text, stop) = scanner.until(["]"])
        guard stop != nil else {
            throw failure(.setSyntax, path, at: start, "unclosed \"[\": the index has no closing \"]\"",
                          hint: "write \(path)[0]=value")
        }
        if let number = Int(text, radix: 10) { return number }
        let digits = text.drop(while: { $0 == "+" || $0 == "-" })
        let allDigits = !digits.isEmpty && text.count - digits.count <= 1 && digits.allSatisfy { $0.isASCII && $0.isNumber }
        if allDigits {
            throw failure(.inputLimit, path, at: start, "list index \(text) is out of range",
                          hint: "an index is a whole number from 0 to \(HelmSetParser.maxIndex)")
        }
        throw failure(.setSyntax, path, at: start, "list index \"\(text)\" is not a number",
                      hint: "an index is a whole number from 0 to \(HelmSetParser.maxIndex), as in \(path)[0]=value")
    }

    private mutating func listItem(
        _ list: inout [YAMLValue], index: Int, level: Int, path: ValuePath
    ) throws(SetFailure) -> SetStep {
        let itemPath = path.appending(.index(index))
        let start = scanner.position
        if index < 0 {
            throw failure(.setSyntax, itemPath, at: start, "negative \(index) index not allowed",
                          hint: "list indexes start at 0")
        }
        let (junk, stop) = scanner.until(Self.afterIndexStops)
        if !junk.isEmpty {
            throw failure(.setSyntax, itemPath, at: start, "unexpected text \"\(junk)\" after the list index",
                          hint: "after ] write =value, .key=value or [index]=value")
        }
        switch stop {
        case nil:
            warn(itemPath, "has no \"=value\"; Helm only makes sure \(path) is a list and sets nothing",
                 hint: "write \(itemPath)=value")
            return .end
        case "=":
            let (value, _) = try assignedValue(path: itemPath, emptyEndsFlag: false)
            try setIndex(&list, index, value, path: itemPath, at: start)
            assignedPaths.append(itemPath)
            return .more
        case "[":
            let nextIndex = try self.index(path: itemPath)
            var inner: [YAMLValue] = []
            var attached = false
            if list.count > index, list[index] != .null {
                guard case .sequence(let items) = list[index] else {
                    throw failure(.typeMismatch, itemPath, at: start,
                                  "cannot index \(itemPath): it holds \(HelmSetParser.describe(list[index])), not a list",
                                  hint: typeHint(itemPath, list[index], wanted: "a list"))
                }
                inner = items
                attached = true
            }
            let innerCount = inner.count
            let step = try listItem(&inner, index: nextIndex, level: level, path: itemPath)
            if step == .end {
                // Helm returns early; only in-place changes to an existing list survive.
                if attached && inner.count == innerCount { list[index] = .sequence(inner) }
                return .end
            }
            try setIndex(&list, index, .sequence(inner), path: itemPath, at: start)
            return .more
        default: // "."
            var inner = YAMLMapping()
            let inRange = list.count > index
            if inRange {
                if case .mapping(let mapping) = list[index] {
                    inner = mapping
                } else {
                    // Helm replaces a non-map element with an empty map before going on.
                    list[index] = .mapping(YAMLMapping())
                }
            }
            let step = try key(&inner, defaults: nil, level: level, path: itemPath, nested: true)
            if inRange { list[index] = .mapping(inner) }
            if step == .end {
                if !inRange && !inner.isEmpty {
                    warn(itemPath, "is a new list element whose last assignment has an empty value at the end of the flag; Helm drops it",
                         hint: "write the empty value as \(itemPath).key=\"\" in a values file, or end the flag with another assignment")
                }
                return .end
            }
            try setIndex(&list, index, .mapping(inner), path: itemPath, at: start)
            return .more
        }
    }

    /// Helm's `setIndex`: grows the list with nulls, bounded by `maxIndex`.
    private func setIndex(_ list: inout [YAMLValue], _ index: Int, _ value: YAMLValue, path: ValuePath, at start: Int) throws(SetFailure) {
        if index < 0 {
            throw failure(.setSyntax, path, at: start, "negative \(index) index not allowed", hint: "list indexes start at 0")
        }
        if index > HelmSetParser.maxIndex {
            throw failure(.inputLimit, path, at: start,
                          "index of \(index) is greater than maximum supported index of \(HelmSetParser.maxIndex)",
                          hint: "Helm accepts list indexes from 0 to \(HelmSetParser.maxIndex)")
        }
        if list.count <= index {
            list.append(contentsOf: repeatElement(YAMLValue.null, count: index + 1 - list.count))
        }
        list[index] = value
    }

    // MARK: values

    /// The value after `=`: a `{a,b}` list, or text up to the next unescaped comma. At the very end
    /// of the flag the value is the empty string, and after `key=` (not after `list[i]=`) Helm
    /// also ends the flag there, which matters for `a[0].b=` (see `listItem`).
    private mutating func assignedValue(path: ValuePath, emptyEndsFlag: Bool) throws(SetFailure) -> (YAMLValue, SetStep) {
        let start = scanner.position
        guard let first = scanner.read() else {
            return (.string(""), emptyEndsFlag ? .end : .more)
        }
        if first == "{" {
            var items: [YAMLValue] = []
            while true {
                let itemStart = scanner.position
                let (text, stop) = scanner.until([",", "}"])
                guard let stop else {
                    throw failure(.setSyntax, path, at: start, "list must terminate with '}'",
                                  hint: "close the list, as in \(path)={a,b}; escape a literal comma as \\,")
                }
                items.append(try convert(text, path: path.appending(.index(items.count)), at: itemStart))
                if stop == "}" {
                    if let next = scanner.read(), next != "," { scanner.unread() }
                    return (.sequence(items), .more)
                }
            }
        }
        scanner.unread()
        let (text, _) = scanner.until([","])
        return (try convert(text, path: path, at: start), .more)
    }

    private func convert(_ text: String, path: ValuePath, at start: Int) throws(SetFailure) -> YAMLValue {
        switch flag.kind {
        case .typed: return HelmSetParser.typedValue(text)
        case .string: return .string(text)
        case .file:
            do {
                return .string(try readFile(text))
            } catch {
                throw SetFailure(
                    code: .io, path: path, position: start + 1,
                    message: "cannot read \"\(text)\": \(error)",
                    hint: "--set-file key=path sets key to the content of the file at path; check that the file exists and is readable")
            }
        }
    }

    // MARK: diagnostics

    private func failure(
        _ code: Diagnostic.Code, _ path: ValuePath, at start: Int, _ message: String, hint: String
    ) -> SetFailure {
        SetFailure(
            code: code, path: path, position: start + 1,
            message: "at character \(start + 1) of the flag: \(message)",
            hint: hint)
    }

    private mutating func warn(_ path: ValuePath, _ message: String, hint: String) {
        warnings.append(Diagnostic(
            .warning, code: .setSyntax, path: path,
            location: flag.location(key: path.description),
            message: "\(path.description.isEmpty ? "the flag" : path.description) \(message)",
            hint: hint))
    }

    package func diagnostic(for failure: SetFailure) -> Diagnostic {
        Diagnostic(
            code: failure.code, path: failure.path,
            location: flag.location(key: failure.path.description),
            message: failure.message, hint: failure.hint)
    }

    private func quoted(_ path: ValuePath) -> String { "\"\(path)\"" }
    private func pathHint(_ path: ValuePath) -> String { path.description.isEmpty ? "key" : path.description }

    private func typeHint(_ path: ValuePath, _ current: YAMLValue, wanted: String) -> String {
        if current == .null {
            return "\(path) is null in the values files, and Helm cannot set inside a null; remove the null from the file or set \(path) itself"
        }
        return "\(path) must be \(wanted) (or absent) for this; set \(path) itself instead, or change it in the values file or the earlier flag that set it"
    }
}

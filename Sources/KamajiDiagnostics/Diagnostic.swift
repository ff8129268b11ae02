/// Where a value came from: a position in a file, or a command-line flag named by its position and
/// the key it sets (`--set #2 (vSphere.port)`), never by its text, which may hold a password.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public enum Source: Hashable, Sendable {
        case file(String)
        /// The flag (`--set`), which one of its kind on the command line (from 1), and the key.
        case flag(String, position: Int, key: String)
    }

    public var source: Source
    public var line: Int?
    public var column: Int?
    /// Where the key of the value was written, when it is a mapping entry of a file: a problem with
    /// the key itself (a misspelled key) is reported there, not at the value (`atKey`).
    public var keyPosition: Position?

    public struct Position: Sendable {
        public var line: Int
        public var column: Int

        package init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.source = .file(file)
        self.line = line
        self.column = column
    }

    public init(flag: String, position: Int, key: String) {
        self.source = .flag(flag, position: position, key: key)
    }

    /// The file's path, or the flag as `--set #2 (vSphere.port)`.
    public var file: String {
        switch source {
        case .file(let path): path
        case .flag(let flag, let position, let key): key.isEmpty ? "\(flag) #\(position)" : "\(flag) #\(position) (\(key))"
        }
    }

    /// The place of the value's key where it was recorded, else the value's own.
    public var atKey: SourceLocation {
        guard let keyPosition else { return self }
        var location = self
        (location.line, location.column, location.keyPosition) = (keyPosition.line, keyPosition.column, nil)
        return location
    }

    /// The key's position is bookkeeping about the place, not part of it: a value's location is
    /// the same whether its key was recorded or not.
    public static func == (a: SourceLocation, b: SourceLocation) -> Bool {
        a.source == b.source && a.line == b.line && a.column == b.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(line)
        hasher.combine(column)
    }

    public var isFlag: Bool {
        if case .flag = source { true } else { false }
    }

    public var description: String {
        switch (line, column) {
        case let (line?, column?): return "\(file):\(line):\(column)"
        case let (line?, nil): return "\(file):\(line)"
        default: return file
        }
    }
}

/// One problem found in the input, with enough context for a user to fix it without reading code:
/// the value path (`nodePools[1].numCPUs`), the file position where known, and what would be accepted.
/// Diagnostics are collected and reported together; only the executable turns them into exit codes.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public enum Code: String, Sendable {
        case yamlSyntax = "yaml-syntax"
        case inputLimit = "input-limit"
        case duplicateKey = "duplicate-key"
        case unsupportedTag = "unsupported-tag"
        case unknownKey = "unknown-key"
        case typeMismatch = "type-mismatch"
        case missingValue = "missing-value"
        case invalidValue = "invalid-value"
        case setSyntax = "set-syntax"
        case io = "io"
        case usage = "usage"
    }

    public var severity: Severity
    public var code: Code
    /// The values path the problem is about, as `ValuePath` writes it (Helm's `--set` notation, so
    /// it can be pasted into `--set`); empty when it is about a whole file.
    public var path: String
    public var location: SourceLocation?
    public var message: String
    /// What would be accepted, or how to fix it.
    public var hint: String?
    /// The id of the check rule that found it (`KC104`, see docs/checks.md); `nil` for problems found
    /// while reading and decoding the values.
    public var rule: String?

    public init(
        _ severity: Severity = .error, code: Code, path: ValuePath = .root, location: SourceLocation? = nil,
        message: String, hint: String? = nil, rule: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.path = path.description
        self.location = location
        self.message = message
        self.hint = hint
        self.rule = rule
    }

    /// `file:line:col: error[KC104]: path: message (hint)`, the shape compilers and editors recognise.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += severity.rawValue + (rule.map { "[\($0)]" } ?? "") + ": "
        if !path.isEmpty { text += "\(path): " }
        text += message
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// The error every stage throws: all the problems it found, not just the first.
public struct DiagnosticError: Error, Equatable, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

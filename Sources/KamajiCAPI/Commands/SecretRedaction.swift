import Foundation

/// The last guard between a password and stderr. Typed passwords (`SecretString`) and the checks on
/// them never print one, but a stage that quotes its input can: a YAML syntax error shows the line
/// it stopped at, a `--set` error repeats the flag. Every diagnostic of a render passes through here
/// and each password the request holds, in whichever form it was written, becomes `<redacted>`.
struct SecretRedaction {
    /// Longest first, so a password is replaced whole before any shorter one inside it.
    private(set) var secrets: [String]

    /// Collects the passwords of a request from every place they can come from: the merged values
    /// (any `password` key, whichever flag or file set it), the lines of the values files (even one
    /// that does not parse), and `--set`/`--set-string` flags naming a password.
    init(request: RenderRequest, values: YAMLValue?) {
        var found: Set<String> = []
        if let values { Self.collect(values, into: &found) }
        // A file over the reader's size limit is refused before anything in it is quoted.
        for file in request.valueFiles where file.text.utf8.count <= YAMLReader.Limits().maxBytes {
            Self.scan(file.text, into: &found)
        }
        for flag in request.setFlags where flag.kind != .file {
            Self.scan(flag: flag.expression, into: &found)
        }
        secrets = found.filter { !$0.isEmpty }.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The values keys that hold passwords are all named `password`; `lockPassword` is a boolean.
    /// No character outside ASCII lower-cases to a letter of "password", so only an 8-byte key
    /// can be one: the length test spares lower-casing every key of a large file.
    static func isPasswordKey(_ key: String) -> Bool { key.utf8.count == 8 && key.lowercased() == "password" }

    static func collect(_ value: YAMLValue, into found: inout Set<String>) {
        switch value {
        case .mapping(let mapping):
            for entry in mapping.entries {
                if isPasswordKey(entry.key) { scalarTexts(entry.value, into: &found) }
                collect(entry.value, into: &found)
            }
        case .sequence(let items):
            items.forEach { collect($0, into: &found) }
        default:
            break
        }
    }

    /// A password written unquoted may have been read as a number: redact the forms it can take.
    static func scalarTexts(_ value: YAMLValue, into found: inout Set<String>) {
        switch value {
        case .string(let s): found.insert(s)
        case .int(let i): found.insert(String(i))
        case .float(let f):
            found.insert("\(f)")
            found.insert(ScalarString.format(f))
        default: break
        }
    }

    /// Built once: building the set for every line was most of the cost of loading a large file.
    static let keyPadding = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "-#"))

    /// `password: text` lines of a values file, with and without their quotes.
    static func scan(_ text: String, into found: inout Set<String>) {
        // Only ASCII letters lowercase to "password", so only lines holding it in some ASCII case can
        // name a password: one pass over the bytes finds them, and only those become Characters.
        var lines: [Range<Int>] = []
        var text = text
        text.withUTF8 { bytes in
            func isWordByte(_ offset: Int) -> Bool {
                guard offset >= 0, offset < bytes.count else { return false }
                let b = bytes[offset] | 0x20
                return (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9"))
                    || bytes[offset] == UInt8(ascii: "_")
            }
            var i = 0
            while let at = firstPassword(in: bytes, from: i) {
                // Inside a longer word (`lockPassword`, `passwords`) it cannot be the whole key.
                if isWordByte(at - 1) || isWordByte(at + passwordWord.count) {
                    i = at + 1
                    continue
                }
                var start = at, end = at
                while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                lines.append(start ..< end)
                i = end
            }
        }
        let utf8 = text.utf8
        for range in lines {
            let bytes = utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound) ..< utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
            for line in Substring(bytes).split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: keyPadding)
                guard isPasswordKey(key) else { continue }
                addWithoutQuotes(String(line[line.index(after: colon)...]), into: &found)
            }
        }
    }

    private static let passwordWord = Array("password".utf8)

    /// The offset of the next "password" in any ASCII case at or after `start`.
    private static func firstPassword(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard bytes.count >= passwordWord.count else { return nil }
        var i = start
        let last = bytes.count - passwordWord.count
        while i <= last {
            // `| 0x20` lower-cases an ASCII letter and maps no other byte onto one.
            if bytes[i] | 0x20 == UInt8(ascii: "p") {
                var k = 1
                while k < passwordWord.count, bytes[i + k] | 0x20 == passwordWord[k] { k += 1 }
                if k == passwordWord.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// `a.password=text` inside a `--set` flag, up to the next comma and to the end.
    static func scan(flag: String, into found: inout Set<String>) {
        var rest = Substring(flag)
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].split(separator: ",").last.map(String.init) ?? ""
            let value = rest[rest.index(after: equals)...]
            if isPasswordKey(key.split(separator: ".").last.map(String.init) ?? key) {
                addWithoutQuotes(String(value), into: &found)
                addWithoutQuotes(String(value.prefix { $0 != "," }), into: &found)
            }
            rest = value
        }
    }

    /// The value as written, and as YAML reads it: without its quotes (and an opening quote that
    /// was never closed), or without a trailing comment.
    static func addWithoutQuotes(_ raw: String, into found: inout Set<String>) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        found.insert(trimmed)
        if let quote = trimmed.first, quote == "\"" || quote == "'" {
            let inner = trimmed.dropFirst()
            found.insert(String(inner.prefix { $0 != quote }))
            if let last = inner.lastIndex(of: quote) { found.insert(String(inner[..<last])) } else { found.insert(String(inner)) }
        } else if let comment = trimmed.range(of: " #") {
            found.insert(trimmed[..<comment.lowerBound].trimmingCharacters(in: .whitespaces))
        }
    }

    func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: SecretString.redacted) }
    }

    func redact(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !secrets.isEmpty else { return diagnostics }
        return diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.message = redact(diagnostic.message)
            diagnostic.hint = diagnostic.hint.map(redact)
            diagnostic.path = redact(diagnostic.path)
            return diagnostic
        }
    }

    func redact(_ error: DiagnosticError) -> DiagnosticError { DiagnosticError(redact(error.diagnostics)) }
}

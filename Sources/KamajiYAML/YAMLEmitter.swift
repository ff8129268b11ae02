import KamajiDiagnostics

/// Writes a `YAMLValue` as block-style YAML the way go-yaml v2's encoder does (it is a Go port of
/// libyaml's emitter): two-space indentation, sequences under a mapping key not indented, `[]` and
/// `{}` for empty collections, plain scalars where the characters and the type allow, otherwise
/// single quotes, otherwise double quotes with escapes, literal blocks for multi-line strings and
/// folding of long plain and quoted scalars at `lineWidth`.
///
/// Numbers: integers in decimal; floats as Go's shortest `%g` (`2.5`, `1.5e-07`, `1.2345675e+06`),
/// except integral floats, which are written as integers in full (`3.0` as `3`, `1e6` as
/// `1000000`, never `1e+06`). Helm holds every values number as a float64 and its JSON round
/// trip prints integral ones that way, so `3` is what the chart renders; such a value reads back
/// as `.int`, so compare numbers by value, not by case.
///
/// Following that algorithm rather than inventing a style matters twice: `toYaml` output feeds the
/// chart's machine-template hashes, which must match Helm's byte for byte, and manifests that look
/// like Helm's are easy to diff against the chart's.
public struct YAMLEmitter: Sendable {
    /// Which readers the output is written for.
    public enum Compatibility: Sendable, Equatable {
        /// Safe for go-yaml v2, YAML 1.1 and YAML 1.2 readers: strings that any of them would read
        /// as another type are quoted (`<<`, `=`, YAML 1.1 timestamps too), characters that only
        /// YAML 1.1 treats as line breaks (U+2028, U+2029) are escaped, and characters outside the
        /// Basic Multilingual Plane (emoji) are written as they are.
        case portable
        /// Byte-identical to go-yaml v2: only what v2's resolver reads as non-strings is quoted,
        /// and characters outside the BMP are escaped (`\U0001F680`), because v2's printable test
        /// stops at U+FFFD. Used by `toYaml`.
        case goYAMLv2
    }

    /// Column after which long plain and quoted scalars are folded; `nil` never folds. As in
    /// libyaml, a width of 4 or less means 80 and a negative width means unlimited.
    public var lineWidth: Int?
    public var compatibility: Compatibility

    public init(lineWidth: Int? = nil, compatibility: Compatibility = .portable) {
        self.lineWidth = lineWidth
        self.compatibility = compatibility
    }

    /// One document, without a `---` marker, ending with a newline.
    public func emit(_ value: YAMLValue) -> String {
        var bestWidth = Int.max
        if let lineWidth {
            if lineWidth < 0 {
                bestWidth = Int.max
            } else if lineWidth <= 4 {
                bestWidth = 80
            } else {
                bestWidth = lineWidth
            }
        }
        var state = EmitterState(bestWidth: bestWidth, compatibility: compatibility)
        state.emitNode(value, root: true, sequence: false, mapping: false, simpleKey: false)
        state.writeIndent()
        return String(decoding: state.out, as: UTF8.self)
    }

    /// The style go-yaml v2 would pick for a string in block context as a mapping value or
    /// sequence item; exposed so callers and tests can reason about quoting without emitting.
    public enum ScalarStyle: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal
    }

    public func style(of string: String) -> ScalarStyle {
        let state = EmitterState(bestWidth: 80, compatibility: compatibility)
        let requested = state.requestedStyle(for: string)
        var string = string
        return string.withUTF8 { bytes in
            state.selectStyle(requested: requested, analysis: state.analyze(bytes), valueIsEmpty: bytes.isEmpty)
        }
    }
}

/// The libyaml emitter's state, reduced to block style plus the flow forms of empty collections.
/// Field names follow libyaml's so the algorithm can be checked against it line by line.
package struct EmitterState {
    package typealias ScalarStyle = YAMLEmitter.ScalarStyle
    /// A scalar's UTF-8, borrowed from its String (`withUTF8`): copying every key and value into an
    /// Array of its own cost an allocation and a free per scalar, a tenth of a large render.
    package typealias Bytes = UnsafeBufferPointer<UInt8>

    package struct Analysis {
        /// Letters, digits and `._/-` only (`isPlainWord`): nothing to find, nothing to fold.
        package var isPlainWord = false
        package var multiline = false
        package var flowPlainAllowed = true
        package var blockPlainAllowed = true
        package var singleQuotedAllowed = true
        package var blockAllowed = true
    }

    package let bestIndent = 2
    package let bestWidth: Int
    package let compatibility: YAMLEmitter.Compatibility

    package var out: [UInt8] = []
    package var column = 0
    package var indent = -1
    package var indents: [Int] = []
    package var whitespace = true
    package var indention = true
    package var flowLevel = 0

    package var rootContext = false
    package var sequenceContext = false
    package var mappingContext = false
    package var simpleKeyContext = false

    package init(bestWidth: Int, compatibility: YAMLEmitter.Compatibility) {
        self.bestWidth = bestWidth
        self.compatibility = compatibility
        out.reserveCapacity(1024)
    }

    // MARK: Nodes

    package mutating func emitNode(_ value: YAMLValue, root: Bool, sequence: Bool, mapping: Bool, simpleKey: Bool) {
        rootContext = root
        sequenceContext = sequence
        mappingContext = mapping
        simpleKeyContext = simpleKey
        switch value {
        case .mapping(let m):
            if m.isEmpty || flowLevel > 0 {
                emitEmptyFlow(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"))
            } else {
                emitBlockMapping(m)
            }
        case .sequence(let s):
            if s.isEmpty || flowLevel > 0 {
                emitEmptyFlow(open: UInt8(ascii: "["), close: UInt8(ascii: "]"))
            } else {
                emitBlockSequence(s)
            }
        case .null:
            emitScalar("null", requested: .plain)
        case .bool(let b):
            emitScalar(b ? "true" : "false", requested: .plain)
        case .int(let i):
            emitScalar(String(i), requested: .plain)
        case .float(let d):
            emitScalar(GoFloatFormat.yaml(d), requested: .plain)
        case .string(let s):
            emitScalar(s, requested: requestedStyle(for: s))
        }
    }

    /// go-yaml v2's `stringv`: literal for anything with a newline, plain when the resolver keeps
    /// it a string, double-quoted otherwise; the emitter then downgrades as the characters demand.
    package func requestedStyle(for s: String) -> ScalarStyle {
        // On the contiguous bytes: the generic `contains` walked a String's UTF-8 view byte by byte.
        if s.utf8.withContiguousStorageIfAvailable({ $0.contains(10) }) ?? s.utf8.contains(10) { return .literal }
        let quote = compatibility == .goYAMLv2 ? GoYAMLScalar.goYAMLv2NeedsQuoting(s) : GoYAMLScalar.needsQuoting(s)
        return quote ? .doubleQuoted : .plain
    }

    /// Empty collections are the only flow collections written: `{}` and `[]`.
    mutating func emitEmptyFlow(open: UInt8, close: UInt8) {
        writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
        increaseIndent(flow: true, indentless: false)
        indent = indents.removeLast()
        writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    package mutating func emitBlockSequence(_ items: [YAMLValue]) {
        increaseIndent(flow: false, indentless: mappingContext && !indention)
        for item in items {
            writeIndent()
            writeIndicator(UInt8(ascii: "-"), needWhitespace: true, isWhitespace: false, isIndention: true)
            emitNode(item, root: false, sequence: true, mapping: false, simpleKey: false)
        }
        indent = indents.removeLast()
    }

    package mutating func emitBlockMapping(_ mapping: YAMLMapping) {
        increaseIndent(flow: false, indentless: false)
        for entry in mapping.entries {
            writeIndent()
            var key = entry.key
            let requested = requestedStyle(for: key)
            // Nearly every key is a word that needs no quotes: what emitNode would do for it, without
            // analysing the key a second time.
            let isWord = key.withUTF8 { keyBytes in
                guard keyBytes.count <= 128 && Self.isPlainWord(keyBytes) && requested == .plain else {
                    return false
                }
                simpleKeyContext = true
                writePlain(keyBytes, allowBreaks: false, isPlainWord: true)
                return true
            }
            if isWord {
                writeIndicator(UInt8(ascii: ":"), needWhitespace: false, isWhitespace: false, isIndention: false)
                emitNode(entry.value, root: false, sequence: false, mapping: true, simpleKey: false)
                continue
            }
            // libyaml's check_simple_key: single-line and at most 128 bytes.
            if key.withUTF8({ !analyze($0).multiline && $0.count <= 128 }) {
                emitNode(.string(entry.key), root: false, sequence: false, mapping: true, simpleKey: true)
                writeIndicator(UInt8(ascii: ":"), needWhitespace: false, isWhitespace: false, isIndention: false)
            } else {
                writeIndicator(UInt8(ascii: "?"), needWhitespace: true, isWhitespace: false, isIndention: true)
                emitNode(.string(entry.key), root: false, sequence: false, mapping: true, simpleKey: false)
                writeIndent()
                writeIndicator(UInt8(ascii: ":"), needWhitespace: true, isWhitespace: false, isIndention: true)
            }
            emitNode(entry.value, root: false, sequence: false, mapping: true, simpleKey: false)
        }
        indent = indents.removeLast()
    }

    package mutating func emitScalar(_ text: String, requested: ScalarStyle) {
        var text = text
        text.withUTF8 { emitScalar($0, requested: requested) }
    }

    package mutating func emitScalar(_ value: Bytes, requested: ScalarStyle) {
        let analysis = analyze(value)
        let style = selectStyle(requested: requested, analysis: analysis, valueIsEmpty: value.isEmpty)
        increaseIndent(flow: true, indentless: false)
        switch style {
        case .plain: writePlain(value, allowBreaks: !simpleKeyContext, isPlainWord: analysis.isPlainWord)
        case .singleQuoted: writeSingleQuoted(value, allowBreaks: !simpleKeyContext)
        case .doubleQuoted: writeDoubleQuoted(value, allowBreaks: !simpleKeyContext)
        case .literal: writeLiteral(value)
        }
        indent = indents.removeLast()
    }

    /// libyaml's `select_scalar_style`, for untagged scalars.
    package func selectStyle(requested: ScalarStyle, analysis: Analysis, valueIsEmpty: Bool) -> ScalarStyle {
        var style = requested
        if simpleKeyContext && analysis.multiline { style = .doubleQuoted }
        if style == .plain {
            if (flowLevel > 0 && !analysis.flowPlainAllowed) || (flowLevel == 0 && !analysis.blockPlainAllowed) {
                style = .singleQuoted
            }
            if valueIsEmpty && (flowLevel > 0 || simpleKeyContext) { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || flowLevel > 0 || simpleKeyContext) { style = .doubleQuoted }
        return style
    }

    // MARK: Character classes (libyaml's yaml_private.h)

    package static func width(_ b: UInt8) -> Int {
        if b & 0x80 == 0 { return 1 }
        if b & 0xE0 == 0xC0 { return 2 }
        if b & 0xF0 == 0xE0 { return 3 }
        if b & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    package static func byte(_ s: Bytes, _ i: Int) -> UInt8 { i < s.count ? s[i] : 0 }

    package static func isSpace(_ s: Bytes, _ i: Int) -> Bool { byte(s, i) == 0x20 }
    package static func isBlank(_ s: Bytes, _ i: Int) -> Bool { byte(s, i) == 0x20 || byte(s, i) == 0x09 }

    package static func isBreak(_ s: Bytes, _ i: Int) -> Bool {
        let b = byte(s, i)
        if b == 0x0D || b == 0x0A { return true }
        if b == 0xC2 && byte(s, i + 1) == 0x85 { return true }
        if b == 0xE2 && byte(s, i + 1) == 0x80 && (byte(s, i + 2) == 0xA8 || byte(s, i + 2) == 0xA9) { return true }
        return false
    }

    package static func isBlankZ(_ s: Bytes, _ i: Int) -> Bool {
        isBlank(s, i) || isBreak(s, i) || byte(s, i) == 0
    }

    /// libyaml's `is_printable`, which stops at U+FFFD; the portable mode also prints characters
    /// beyond the BMP and refuses U+2028/U+2029, which only YAML 1.1 reads as line breaks.
    package func isPrintable(_ s: Bytes, _ i: Int) -> Bool {
        let b = s[i]
        if b < 0x80 { return b == 0x0A || (b >= 0x20 && b <= 0x7E) }
        let b1 = Self.byte(s, i + 1), b2 = Self.byte(s, i + 2)
        if compatibility == .portable {
            if b >= 0xF0 { return true }
            if b == 0xE2 && b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9) { return false }
        }
        return b == 0x0A
            || (b >= 0x20 && b <= 0x7E)
            || (b == 0xC2 && b1 >= 0xA0)
            || (b > 0xC2 && b < 0xED)
            || (b == 0xED && b1 < 0xA0)
            || b == 0xEE
            || (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)))
    }

    // MARK: Analysis (libyaml's analyze_scalar)

    /// Letters, digits and `._/-`, starting with a letter or digit: no indicator, space, break or
    /// unprintable character can occur, so the analysis below would find nothing. Most keys and
    /// values of a manifest are such words; this skips the byte-by-byte analysis for them.
    package static func isPlainWord(_ value: Bytes) -> Bool {
        func isAlphanumeric(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
                || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        }
        guard let first = value.first, isAlphanumeric(first) else { return false }
        return value.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "/")
                || $0 == UInt8(ascii: "-")
        }
    }

    package func analyze(_ value: Bytes) -> Analysis {
        var result = Analysis()
        if Self.isPlainWord(value) {
            result.isPlainWord = true
            return result
        }
        if value.isEmpty {
            result.multiline = false
            result.flowPlainAllowed = false
            result.blockPlainAllowed = true
            result.singleQuotedAllowed = true
            result.blockAllowed = false
            return result
        }
        var blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var precededByWhitespace = true
        var previousSpace = false, previousBreak = false

        if value.count >= 3 {
            let head = (value[0], value[1], value[2])
            if head == (0x2D, 0x2D, 0x2D) || head == (0x2E, 0x2E, 0x2E) {
                blockIndicators = true
                flowIndicators = true
            }
        }

        var i = 0
        while i < value.count {
            let w = Self.width(value[i])
            let followedByWhitespace = i + w >= value.count || Self.isBlank(value, i + w)
            let c = value[i]
            if i == 0 {
                switch c {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                     UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                     UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                     UInt8(ascii: "`"):
                    flowIndicators = true
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "-"):
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            } else {
                switch c {
                case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                     UInt8(ascii: "}"):
                    flowIndicators = true
                case UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "#"):
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            }

            if !isPrintable(value, i) { specialCharacters = true }
            if Self.isSpace(value, i) {
                if i == 0 { leadingSpace = true }
                if i + w == value.count { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if Self.isBreak(value, i) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i + w == value.count { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = Self.isBlankZ(value, i)
            i += w
        }

        result.multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            result.flowPlainAllowed = false
            result.blockPlainAllowed = false
        }
        if trailingSpace { result.blockAllowed = false }
        if breakSpace {
            result.flowPlainAllowed = false
            result.blockPlainAllowed = false
            result.singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            result.flowPlainAllowed = false
            result.blockPlainAllowed = false
            result.singleQuotedAllowed = false
            result.blockAllowed = false
        }
        if lineBreaks {
            result.flowPlainAllowed = false
            result.blockPlainAllowed = false
        }
        if flowIndicators { result.flowPlainAllowed = false }
        if blockIndicators { result.blockPlainAllowed = false }
        return result
    }

    // MARK: Output primitives

    package mutating func put(_ b: UInt8) {
        out.append(b)
        column += 1
    }

    package mutating func putBreak() {
        out.append(0x0A)
        column = 0
    }

    /// Copies one character; libyaml counts columns in characters, not bytes.
    package mutating func write(_ s: Bytes, _ i: inout Int) {
        if s[i] < 0x80 {  // ASCII, nearly all output: one byte, no slice
            out.append(s[i])
            column += 1
            i += 1
            return
        }
        let w = Self.width(s[i])
        out.append(contentsOf: Bytes(rebasing: s[i..<min(i + w, s.count)]))
        column += 1
        i += w
    }

    package mutating func writeBreak(_ s: Bytes, _ i: inout Int) {
        if s[i] == 0x0A {
            putBreak()
            i += 1
        } else {
            write(s, &i)
            column = 0
        }
    }

    package mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? bestIndent : 0
        } else if !indentless {
            indent += bestIndent
        }
    }

    package mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) {
            putBreak()
        }
        while column < target { put(0x20) }
        whitespace = true
        indention = true
    }

    /// Every indicator written is one ASCII byte.
    package mutating func writeIndicator(_ indicator: UInt8, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(0x20) }
        put(indicator)
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    // MARK: Scalar writers

    package mutating func writePlain(_ value: Bytes, allowBreaks: Bool, isPlainWord: Bool) {
        if !whitespace { put(0x20) }
        // Copied as it is when nothing can happen on the way: a word has no space or break to fold
        // at, and ASCII without a break that ends before the fold column is never folded.
        if isPlainWord
            || ((!allowBreaks || column + value.count <= bestWidth)
                && !value.contains(where: { $0 >= 0x80 || $0 == 0x0A || $0 == 0x0D }))
        {
            out.append(contentsOf: value)
            column += value.count
            whitespace = false
            indention = false
            return
        }
        var spaces = false, breaks = false
        var i = 0
        while i < value.count {
            if Self.isSpace(value, i) {
                if allowBreaks && !spaces && column > bestWidth && !Self.isSpace(value, i + 1) {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if Self.isBreak(value, i) {
                if !breaks && value[i] == 0x0A { putBreak() }
                writeBreak(value, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        whitespace = false
        indention = false
    }

    package mutating func writeSingleQuoted(_ value: Bytes, allowBreaks: Bool) {
        writeIndicator(UInt8(ascii: "'"), needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false, breaks = false
        var i = 0
        while i < value.count {
            if Self.isSpace(value, i) {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.count - 1
                    && !Self.isSpace(value, i + 1)
                {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if Self.isBreak(value, i) {
                if !breaks && value[i] == 0x0A { putBreak() }
                writeBreak(value, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if value[i] == UInt8(ascii: "'") { put(UInt8(ascii: "'")) }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator(UInt8(ascii: "'"), needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    package mutating func writeDoubleQuoted(_ value: Bytes, allowBreaks: Bool) {
        var spaces = false
        writeIndicator(UInt8(ascii: "\""), needWhitespace: true, isWhitespace: false, isIndention: false)
        // libyaml's is_bom looks at the start of the value, not at the current character, so a
        // value that starts with U+FEFF has every character escaped. go-yaml v2 inherits that.
        let startsWithBOM = compatibility == .goYAMLv2 && value.count >= 3
            && value[0] == 0xEF && value[1] == 0xBB && value[2] == 0xBF
        var i = 0
        while i < value.count {
            let c = value[i]
            let isBOMHere = c == 0xEF && Self.byte(value, i + 1) == 0xBB && Self.byte(value, i + 2) == 0xBF
            if !isPrintable(value, i) || startsWithBOM || isBOMHere || Self.isBreak(value, i)
                || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\")
            {
                let w = Self.width(c)
                var v: UInt32
                switch w {
                case 1: v = UInt32(c & 0x7F)
                case 2: v = UInt32(c & 0x1F)
                case 3: v = UInt32(c & 0x0F)
                default: v = UInt32(c & 0x07)
                }
                for k in 1..<w { v = (v << 6) + UInt32(Self.byte(value, i + k) & 0x3F) }
                i += w
                put(UInt8(ascii: "\\"))
                switch v {
                case 0x00: put(UInt8(ascii: "0"))
                case 0x07: put(UInt8(ascii: "a"))
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0B: put(UInt8(ascii: "v"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x1B: put(UInt8(ascii: "e"))
                case 0x22: put(UInt8(ascii: "\""))
                case 0x5C: put(UInt8(ascii: "\\"))
                case 0x85: put(UInt8(ascii: "N"))
                case 0xA0: put(UInt8(ascii: "_"))
                case 0x2028: put(UInt8(ascii: "L"))
                case 0x2029: put(UInt8(ascii: "P"))
                default:
                    let digits: Int
                    if v <= 0xFF {
                        put(UInt8(ascii: "x")); digits = 2
                    } else if v <= 0xFFFF {
                        put(UInt8(ascii: "u")); digits = 4
                    } else {
                        put(UInt8(ascii: "U")); digits = 8
                    }
                    for k in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                        let digit = UInt8((v >> UInt32(k)) & 0x0F)
                        put(digit < 10 ? digit + UInt8(ascii: "0") : digit + UInt8(ascii: "A") - 10)
                    }
                }
                spaces = false
            } else if Self.isSpace(value, i) {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.count - 1 {
                    writeIndent()
                    if Self.isSpace(value, i + 1) { put(UInt8(ascii: "\\")) }
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else {
                write(value, &i)
                spaces = false
            }
        }
        writeIndicator(UInt8(ascii: "\""), needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    /// `|`, with `|2` when the text starts with a space or break (the reader could not guess the
    /// indentation otherwise) and `-`/`+` chomping for zero or several trailing breaks.
    package mutating func writeLiteral(_ value: Bytes) {
        writeIndicator(UInt8(ascii: "|"), needWhitespace: true, isWhitespace: false, isIndention: false)
        if Self.isSpace(value, 0) || Self.isBreak(value, 0) {
            writeIndicator(UInt8(ascii: "0") + UInt8(bestIndent), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        var chomp: UInt8?
        if value.isEmpty {
            chomp = UInt8(ascii: "-")
        } else {
            var i = value.count - 1
            while i > 0 && value[i] & 0xC0 == 0x80 { i -= 1 }
            if !Self.isBreak(value, i) {
                chomp = UInt8(ascii: "-")
            } else if i == 0 {
                chomp = UInt8(ascii: "+")
            } else {
                i -= 1
                while i > 0 && value[i] & 0xC0 == 0x80 { i -= 1 }
                if Self.isBreak(value, i) { chomp = UInt8(ascii: "+") }
            }
        }
        if let chomp {
            writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var i = 0
        while i < value.count {
            if Self.isBreak(value, i) {
                writeBreak(value, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(value, &i)
                indention = false
                breaks = false
            }
        }
    }
}

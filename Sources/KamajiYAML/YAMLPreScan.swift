import KamajiDiagnostics

/// A single linear pass over YAML text that finds what makes a file hostile with a line to point
/// at, before or beside the composition (`YAMLReader` runs it first for small files, on another
/// core for large ones, and its findings win either way):
///
/// - nesting deeper than the limit, at the line that goes too deep;
/// - an alias bomb, from an estimate of the node count after alias expansion, before the
///   conversion has expanded a million nodes to find out;
/// - control characters, with their line and column (libyaml gives only a byte offset);
/// - duplicate plain keys of block mappings, with both positions.
///
/// None of this is needed for safety any more: libyaml and `YAMLComposer` keep their state on the
/// heap, and `NodeConverter` enforces the depth and node limits exactly. It was, when Yams composed
/// recursively and hashed key nodes (an alias key to a bomb hung it); the pass stays for its
/// messages and early refusals.
///
/// The scan tracks just enough structure (block indentation levels, flow brackets, quoted and
/// block scalars, anchors and aliases) to estimate nesting depth and the node count after alias
/// expansion. It is an estimate for valid YAML; anything it misjudges is either invalid YAML
/// (libyaml then reports the syntax error) or over-counted, never a way around the limits.
package struct YAMLPreScan {
    package let bytes: [UInt8]
    package let file: String
    package let maxDepth: Int
    /// The node estimate may exceed the reader's exact limit by this factor before the scan stops
    /// the input; the exact count during conversion enforces the real limit.
    package let maxEstimatedNodes: Int

    package private(set) var diagnostics: [Diagnostic] = []
    private var stopped = false

    private var p = 0
    private var line = 1
    private var lineStart = 0

    private struct Level {
        package var column: Int
        package var isSequence: Bool
        /// Raw text of the keys seen (style-prefixed), with the line of their first occurrence.
        package var keys: [String: Int] = [:]
        package var currentKey: String?
        package var index = -1
    }

    private var levels: [Level] = []
    private var flowDepth = 0
    private var blockScalarParent: Int?
    /// The indentation of the parent of a plain scalar that may continue on the next lines, which
    /// are text, not structure: `k: a` followed by `  [[[[` is the string `a [[[[`, not nesting.
    private var plainScalarParent: Int?
    private var blockScalarHasContent = false

    private var nodes = 0
    private var anchorSizes: [String: Int] = [:]

    private struct OpenBlockAnchor {
        package var name: String
        package var start: Int
        package var parentIndent: Int
        package var parentIsKey: Bool
        package var contentColumn: Int?
        package var contentIsSequence = false
    }

    private var openBlockAnchors: [OpenBlockAnchor] = []
    private var openFlowAnchors: [(name: String, start: Int, depth: Int)] = []

    package init(bytes: [UInt8], file: String, maxDepth: Int, maxEstimatedNodes: Int) {
        self.bytes = bytes
        self.file = file
        self.maxDepth = maxDepth
        self.maxEstimatedNodes = maxEstimatedNodes
    }

    package mutating func run() {
        guard checkCharacters() else { return }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p = 3 }
        while p < bytes.count && !stopped {
            if let parent = blockScalarParent {
                if isBlockScalarContentLine(parent: parent) {
                    if !blockScalarHasContent {
                        var q = p
                        while isBlank(q) { q += 1 }
                        if !atEndOfLine(q) {
                            blockScalarHasContent = true
                            if startsWithBOM(q, doubleQuoted: false) { refuseLeadingBOM(at: q) }
                        }
                    }
                    skipToEndOfLine()
                    consumeBreak()
                    continue
                }
                blockScalarParent = nil
            }
            if let parent = plainScalarParent {
                if isPlainScalarContinuation(parent: parent) {
                    skipToEndOfLine()
                    consumeBreak()
                    continue
                }
                plainScalarParent = nil
            }
            processBlockLine()
        }
        closeAllAnchors()
    }

    // MARK: Characters

    /// libyaml's reader accepts TAB, LF, CR, printable ASCII, NEL, U+00A0–U+D7FF, U+E000–U+FFFD
    /// and U+10000 upwards; report the first other character with its exact position.
    private mutating func checkCharacters() -> Bool {
        var i = 0
        var lineNo = 1
        var column = 1
        while i < bytes.count {
            let b = bytes[i]
            let w = EmitterState.width(b)
            var v = UInt32(b)
            if w > 1 {
                v = UInt32(b) & (w == 2 ? 0x1F : w == 3 ? 0x0F : 0x07)
                for k in 1..<w where i + k < bytes.count { v = (v << 6) | UInt32(bytes[i + k] & 0x3F) }
            }
            let allowed = v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v <= 0x7E) || v == 0x85
                || (v >= 0xA0 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)
            if !allowed {
                diagnostics.append(Diagnostic(
                    code: .yamlSyntax, location: SourceLocation(file: file, line: lineNo, column: column),
                    message: "control character U+\(hex(v)) is not allowed in YAML (byte offset \(i))",
                    hint: "remove the character, or write it as an escape such as \"\\u\(hex(v))\" inside a double-quoted string"))
                return false
            }
            if v == 0x0A || v == 0x85 || v == 0x2028 || v == 0x2029 || (v == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                lineNo += 1
                column = 1
            } else if v != 0x0D {
                column += 1
            }
            i += w
        }
        return true
    }

    private func hex(_ v: UInt32) -> String {
        let t = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - t.count)) + t
    }

    // MARK: Positions and lines

    private func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    /// Width of the line break at `i` (CRLF, CR, LF, NEL, LS, PS as libyaml counts them), 0 if none.
    private func breakWidth(_ i: Int) -> Int {
        guard i < bytes.count else { return 0 }
        switch bytes[i] {
        case 0x0A: return 1
        case 0x0D: return byte(i + 1) == 0x0A ? 2 : 1
        case 0xC2: return byte(i + 1) == 0x85 ? 2 : 0
        case 0xE2: return byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    private func atEndOfLine(_ i: Int) -> Bool { i >= bytes.count || breakWidth(i) > 0 }
    private func isBlank(_ i: Int) -> Bool { byte(i) == 0x20 || byte(i) == 0x09 }
    private func blankOrEnd(_ i: Int) -> Bool { isBlank(i) || atEndOfLine(i) }

    private mutating func consumeBreak() {
        let w = breakWidth(p)
        guard w > 0 else { return }
        p += w
        line += 1
        lineStart = p
    }

    private mutating func skipToEndOfLine() {
        while !atEndOfLine(p) { p += 1 }
    }

    private mutating func skipBlanks() {
        while isBlank(p) { p += 1 }
    }

    /// Comment start: `#` at the start of a line or after whitespace.
    private func isComment(_ i: Int) -> Bool {
        byte(i) == UInt8(ascii: "#") && (i == lineStart || isBlank(i - 1))
    }

    private func location(_ i: Int) -> SourceLocation {
        var column = 1
        var k = lineStart
        while k < i && k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    // MARK: Limits

    private mutating func stop(_ message: String, hint: String, at i: Int) {
        guard !stopped else { return }
        diagnostics.append(Diagnostic(code: .inputLimit, path: currentPath(), location: location(i), message: message, hint: hint))
        stopped = true
    }

    private mutating func addNodes(_ n: Int, at i: Int) {
        nodes += n
        if nodes > maxEstimatedNodes {
            stop("the document expands to more than \(maxEstimatedNodes) nodes (aliases included)",
                 hint: "this looks like an alias bomb; reduce the use of anchors and aliases", at: i)
        }
    }

    private mutating func checkDepth(at i: Int) {
        if levels.count + flowDepth > maxDepth {
            stop("nesting deeper than \(maxDepth) levels",
                 hint: "flatten the structure; values files never need this much nesting", at: i)
        }
    }

    private func currentPath() -> ValuePath {
        var path = ValuePath.root
        for level in levels {
            if level.isSequence {
                if level.index >= 0 { path = path.appending(index: level.index) }
            } else if let key = level.currentKey {
                path = path.appending(key: key)
            }
        }
        return path
    }

    // MARK: Values other readers cannot read

    /// Whether a scalar starting at `i` (its first content byte) begins with U+FEFF, written raw
    /// or, in a double-quoted scalar, as an escape.
    private func startsWithBOM(_ i: Int, doubleQuoted: Bool) -> Bool {
        if byte(i) == 0xEF && byte(i + 1) == 0xBB && byte(i + 2) == 0xBF { return true }
        guard doubleQuoted, byte(i) == UInt8(ascii: "\\") else { return false }
        func hexDigits(_ from: Int, _ count: Int) -> String {
            String(decoding: bytes[min(from, bytes.count)..<min(from + count, bytes.count)], as: UTF8.self).uppercased()
        }
        if byte(i + 1) == UInt8(ascii: "u") { return hexDigits(i + 2, 4) == "FEFF" }
        if byte(i + 1) == UInt8(ascii: "U") { return hexDigits(i + 2, 8) == "0000FEFF" }
        return false
    }

    /// Readers that turn scalar bytes into a `String` with Foundation (Yams among them, which this
    /// project used to read with) drop a leading U+FEFF, so such a value would silently change on
    /// its way through other tools; it is refused instead.
    private mutating func refuseLeadingBOM(at i: Int) {
        diagnostics.append(Diagnostic(
            code: .invalidValue, path: currentPath(), location: location(i),
            message: "a value that starts with U+FEFF (a byte-order mark) cannot be read faithfully",
            hint: "remove the U+FEFF character at the start of the value"))
    }

    // MARK: Block structure

    private mutating func processBlockLine() {
        let indentStart = p
        while byte(p) == 0x20 { p += 1 }
        let indent = p - indentStart
        var q = p
        while isBlank(q) { q += 1 }
        if atEndOfLine(q) || isComment(q) {
            skipToEndOfLine()
            consumeBreak()
            return
        }
        if indent == 0 && isDocumentMarker(p) {
            let isStart = bytes[p] == UInt8(ascii: "-")
            endDocument()
            p += 3
            skipBlanks()
            if isStart && !atEndOfLine(p) && !isComment(p) {
                parseNode(parentIndent: -1, parentIsKey: false)
            }
            finishLine()
            return
        }
        if indent == 0 && bytes[p] == UInt8(ascii: "%") {
            finishLine()
            return
        }
        let dash = bytes[p] == UInt8(ascii: "-") && blankOrEnd(p + 1)
        updateBlockAnchors(indent: indent, dash: dash)
        while let top = levels.last, top.column > indent || (top.column == indent && top.isSequence && !dash) {
            levels.removeLast()
        }
        parseNode(parentIndent: levels.last?.column ?? -1, parentIsKey: false)
        finishLine()
    }

    private mutating func finishLine() {
        skipToEndOfLine()
        consumeBreak()
    }

    private func isDocumentMarker(_ i: Int) -> Bool {
        guard i == lineStart, i + 3 <= bytes.count else { return false }
        let a = bytes[i], b = bytes[i + 1], c = bytes[i + 2]
        let marker = (a == 0x2D && b == 0x2D && c == 0x2D) || (a == 0x2E && b == 0x2E && c == 0x2E)
        return marker && blankOrEnd(i + 3)
    }

    private mutating func endDocument() {
        closeAllAnchors()
        levels.removeAll()
        flowDepth = 0
        blockScalarParent = nil
        plainScalarParent = nil
    }

    private func isBlockScalarContentLine(parent: Int) -> Bool {
        continuesScalar(parent: parent, commentEnds: false)
    }

    /// Whether the line at `p` continues a plain scalar whose parent is at column `parent`: a blank
    /// line, or one indented deeper that is not a comment (a comment ends a plain scalar).
    private func isPlainScalarContinuation(parent: Int) -> Bool {
        continuesScalar(parent: parent, commentEnds: true)
    }

    /// A blank line, or one indented deeper than `parent` that is no document marker (nor, when
    /// `commentEnds`, a comment).
    private func continuesScalar(parent: Int, commentEnds: Bool) -> Bool {
        var i = p
        var indent = 0
        while byte(i) == 0x20 { i += 1; indent += 1 }
        var q = i
        while isBlank(q) { q += 1 }
        if atEndOfLine(q) { return true }
        if commentEnds && isComment(q) { return false }
        if indent == 0 && isDocumentMarker(i) { return false }
        return indent > parent
    }

    /// Pushes a block collection level at `column` unless the innermost level already is one.
    /// A sequence may share its column with the mapping it is a value of (`key:\n- a`).
    private mutating func ensureLevel(column: Int, isSequence: Bool, at i: Int) {
        if let top = levels.last, top.column == column, top.isSequence == isSequence { return }
        if let top = levels.last, top.column > column { return }
        levels.append(Level(column: column, isSequence: isSequence))
        addNodes(1, at: i)
        checkDepth(at: i)
    }

    /// A node starting at `p`: block indicators first (`- `, `? `, `: `), then its content.
    private mutating func parseNode(parentIndent: Int, parentIsKey: Bool) {
        var parent = parentIndent
        while !stopped {
            let c = byte(p)
            let column = p - lineStart
            if c == UInt8(ascii: "-") && blankOrEnd(p + 1) {
                ensureLevel(column: column, isSequence: true, at: p)
                if !levels.isEmpty { levels[levels.count - 1].index += 1 }
                parent = column
                p += 1
                skipBlanks()
                if atEndOfLine(p) || isComment(p) { return }
                continue
            }
            if (c == UInt8(ascii: "?") || c == UInt8(ascii: ":")) && blankOrEnd(p + 1) {
                if c == UInt8(ascii: "?") { ensureLevel(column: column, isSequence: false, at: p) }
                parent = levels.last?.column ?? column
                p += 1
                skipBlanks()
                if atEndOfLine(p) || isComment(p) { return }
                parseContent(allowKey: false, parentIndent: parent, parentIsKey: true)
                return
            }
            break
        }
        parseContent(allowKey: true, parentIndent: parent, parentIsKey: parentIsKey)
    }

    /// The content of one node on the current line, after its block indicators.
    private mutating func parseContent(allowKey: Bool, parentIndent: Int, parentIsKey: Bool) {
        guard !stopped else { return }
        let nodeColumn = p - lineStart
        let nodeStart = p
        var anchors: [String] = []
        var tagged = false
        while !stopped {
            if byte(p) == UInt8(ascii: "&") {
                p += 1
                anchors.append(readName())
                skipBlanks()
            } else if byte(p) == UInt8(ascii: "!") {
                tagged = true
                while !blankOrEnd(p) { p += 1 }
                skipBlanks()
            } else {
                break
            }
        }
        if atEndOfLine(p) || isComment(p) {
            // The properties belong to a node on the following lines.
            for name in anchors {
                openBlockAnchors.append(OpenBlockAnchor(name: name, start: nodes, parentIndent: parentIndent, parentIsKey: parentIsKey))
            }
            return
        }
        let c = byte(p)
        switch c {
        case UInt8(ascii: "*"):
            let at = p
            p += 1
            let name = readName()
            addNodes(anchorSizes[name] ?? 1, at: at)
            skipBlanks()
            if allowKey && byte(p) == UInt8(ascii: ":") && blankOrEnd(p + 1) {
                ensureLevel(column: nodeColumn, isSequence: false, at: nodeStart)
                setCurrentKey("*" + name)
                p += 1
                parseValue(keyColumn: nodeColumn)
            }
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let start = nodes
            scanFlow()
            for name in anchors { anchorSizes[name] = max(1, nodes - start) }
            skipBlanks()
            if allowKey && byte(p) == UInt8(ascii: ":") && blankOrEnd(p + 1) {
                ensureLevel(column: nodeColumn, isSequence: false, at: nodeStart)
                p += 1
                parseValue(keyColumn: nodeColumn)
            }
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let raw = scanQuoted()
            addNodes(1, at: nodeStart)
            for name in anchors { anchorSizes[name] = 1 }
            skipBlanks()
            if allowKey && byte(p) == UInt8(ascii: ":") && blankOrEnd(p + 1) {
                ensureLevel(column: nodeColumn, isSequence: false, at: nodeStart)
                if !tagged { recordKey(String(decoding: [c], as: UTF8.self) + raw, display: raw, at: nodeStart) }
                setCurrentKey(raw)
                p += 1
                parseValue(keyColumn: nodeColumn)
            }
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            addNodes(1, at: nodeStart)
            for name in anchors { anchorSizes[name] = 1 }
            blockScalarParent = parentIndent
            blockScalarHasContent = false
            skipToEndOfLine()
        default:
            // A plain scalar; it is a key if `: ` (or `:` at the end of the line) follows on this
            // line before any comment.
            if startsWithBOM(p, doubleQuoted: false) { refuseLeadingBOM(at: p) }
            var q = p
            var keyEnd: Int?
            var endsInComment = false
            while !atEndOfLine(q) {
                if bytes[q] == UInt8(ascii: ":") && blankOrEnd(q + 1) { keyEnd = q; break }
                if bytes[q] == UInt8(ascii: "#") && q > p && isBlank(q - 1) { endsInComment = true; break }
                q += 1
            }
            addNodes(1, at: nodeStart)
            for name in anchors { anchorSizes[name] = 1 }
            if allowKey, let end = keyEnd {
                var last = end
                while last > p && isBlank(last - 1) { last -= 1 }
                let raw = String(decoding: bytes[p..<last], as: UTF8.self)
                ensureLevel(column: nodeColumn, isSequence: false, at: nodeStart)
                if !tagged { recordKey("p" + raw, display: raw, at: nodeStart) }
                setCurrentKey(raw)
                p = end + 1
                parseValue(keyColumn: nodeColumn)
            } else {
                if !endsInComment { plainScalarParent = parentIndent }
                skipToEndOfLine()
            }
        }
    }

    private mutating func parseValue(keyColumn: Int) {
        skipBlanks()
        if atEndOfLine(p) || isComment(p) { return }
        parseContent(allowKey: false, parentIndent: keyColumn, parentIsKey: true)
    }

    private mutating func setCurrentKey(_ key: String) {
        guard !levels.isEmpty, !levels[levels.count - 1].isSequence else { return }
        levels[levels.count - 1].currentKey = key
    }

    private mutating func recordKey(_ raw: String, display: String, at i: Int) {
        guard !levels.isEmpty, !levels[levels.count - 1].isSequence else { return }
        if diagnostics.count >= NodeConverter.maxReportedProblems {
            stop("more than \(NodeConverter.maxReportedProblems) problems; stopped reading",
                 hint: "fix the problems above and read the file again", at: i)
            return
        }
        if let first = levels[levels.count - 1].keys[raw] {
            levels[levels.count - 1].currentKey = display
            diagnostics.append(Diagnostic(
                code: .duplicateKey, path: currentPath(), location: location(i),
                message: "key `\(display)` appears twice in the same mapping (first on line \(first)); the value to use is ambiguous",
                hint: "keep one of the two entries"))
        } else {
            levels[levels.count - 1].keys[raw] = line
        }
    }

    /// Anchor and alias names as libyaml scans them: letters, digits, `-` and `_`.
    private mutating func readName() -> String {
        let start = p
        while p < bytes.count {
            let c = bytes[p]
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
            if !ok { break }
            p += 1
        }
        return String(decoding: bytes[start..<p], as: UTF8.self)
    }

    /// Skips a quoted scalar (possibly spanning lines) and returns its raw text.
    private mutating func scanQuoted() -> String {
        let quote = bytes[p]
        let at = p
        p += 1
        let start = p
        if startsWithBOM(p, doubleQuoted: quote == UInt8(ascii: "\"")) { refuseLeadingBOM(at: at) }
        var end = p
        while p < bytes.count {
            if breakWidth(p) > 0 {
                consumeBreak()
                continue
            }
            let c = bytes[p]
            if quote == UInt8(ascii: "'") && c == quote {
                if byte(p + 1) == quote {
                    p += 2
                    continue
                }
                end = p
                p += 1
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            if quote == UInt8(ascii: "\"") {
                if c == UInt8(ascii: "\\") {
                    p += 1
                    if breakWidth(p) > 0 { consumeBreak() } else if p < bytes.count { p += 1 }
                    continue
                }
                if c == quote {
                    end = p
                    p += 1
                    return String(decoding: bytes[start..<end], as: UTF8.self)
                }
            }
            p += 1
        }
        return String(decoding: bytes[start..<min(p, bytes.count)], as: UTF8.self)
    }

    /// Skips a flow collection starting at `p` (possibly spanning lines), counting its nodes and
    /// depth and sizing the anchors inside it.
    private mutating func scanFlow() {
        let baseDepth = flowDepth
        var pending: [String] = []
        var tokenStart = true
        while p < bytes.count && !stopped {
            if breakWidth(p) > 0 {
                consumeBreak()
                continue
            }
            let c = bytes[p]
            switch c {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                addNodes(1, at: p)
                checkDepth(at: p)
                for name in pending { openFlowAnchors.append((name, nodes - 1, flowDepth)) }
                pending.removeAll()
                tokenStart = true
                p += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                while let last = openFlowAnchors.last, last.depth >= flowDepth {
                    anchorSizes[last.name] = max(1, nodes - last.start)
                    openFlowAnchors.removeLast()
                }
                flowDepth -= 1
                p += 1
                tokenStart = false
                if flowDepth <= baseDepth {
                    flowDepth = baseDepth
                    return
                }
            case UInt8(ascii: ","):
                tokenStart = true
                p += 1
            case 0x20, 0x09:
                p += 1
            case UInt8(ascii: "#") where p == lineStart || isBlank(p - 1):
                skipToEndOfLine()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if tokenStart {
                    let at = p
                    _ = scanQuoted()
                    addNodes(1, at: at)
                    for name in pending { anchorSizes[name] = 1 }
                    pending.removeAll()
                    tokenStart = false
                } else {
                    p += 1
                }
            case UInt8(ascii: "*") where tokenStart:
                let at = p
                p += 1
                let name = readName()
                addNodes(anchorSizes[name] ?? 1, at: at)
                tokenStart = false
            case UInt8(ascii: "&") where tokenStart:
                p += 1
                pending.append(readName())
            case UInt8(ascii: "!") where tokenStart:
                while !blankOrEnd(p) && ![UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                                         UInt8(ascii: "}")].contains(bytes[p]) { p += 1 }
            case UInt8(ascii: ":") where blankOrEnd(p + 1) || [UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
                                                               UInt8(ascii: "{"), UInt8(ascii: "}")].contains(byte(p + 1)):
                tokenStart = true
                p += 1
            case UInt8(ascii: "?") where blankOrEnd(p + 1):
                tokenStart = true
                p += 1
            default:
                if tokenStart {
                    if startsWithBOM(p, doubleQuoted: false) { refuseLeadingBOM(at: p) }
                    addNodes(1, at: p)
                    for name in pending { anchorSizes[name] = 1 }
                    pending.removeAll()
                    tokenStart = false
                }
                p += 1
            }
        }
    }

    // MARK: Anchors

    /// Block anchors (`key: &a` followed by an indented node) end where the indentation returns
    /// to or below the column of their node; their size is the node count in between.
    private mutating func updateBlockAnchors(indent: Int, dash: Bool) {
        var remaining: [OpenBlockAnchor] = []
        for var anchor in openBlockAnchors {
            if let column = anchor.contentColumn {
                if indent < column || (indent == column && anchor.contentIsSequence && !dash) {
                    anchorSizes[anchor.name] = max(1, nodes - anchor.start)
                } else {
                    remaining.append(anchor)
                }
            } else if indent > anchor.parentIndent || (indent == anchor.parentIndent && dash && anchor.parentIsKey) {
                anchor.contentColumn = indent
                anchor.contentIsSequence = dash
                remaining.append(anchor)
            } else {
                anchorSizes[anchor.name] = 1
            }
        }
        openBlockAnchors = remaining
    }

    private mutating func closeAllAnchors() {
        for anchor in openBlockAnchors { anchorSizes[anchor.name] = max(1, nodes - anchor.start) }
        openBlockAnchors.removeAll()
        for anchor in openFlowAnchors { anchorSizes[anchor.name] = max(1, nodes - anchor.start) }
        openFlowAnchors.removeAll()
    }
}

import KamajiDiagnostics
import KamajiYAML

/// Parses CEL text into a `CELExpression`, following the grammar of the CEL language definition:
///
///     Expr           = ConditionalOr ["?" ConditionalOr ":" Expr]
///     ConditionalOr  = [ConditionalOr "||"] ConditionalAnd
///     ConditionalAnd = [ConditionalAnd "&&"] Relation
///     Relation       = [Relation Relop] Addition          Relop = < <= >= > == != in
///     Addition       = [Addition ("+" | "-")] Multiplication
///     Multiplication = [Multiplication ("*" | "/" | "%")] Unary
///     Unary          = Member | "!" {"!"} Member | "-" {"-"} Member
///     Member         = Primary | Member "." IDENT ["(" [ExprList] ")"] | Member "[" Expr "]"
///     Primary        = IDENT ["(" [ExprList] ")"] | "(" Expr ")" | "[" [ExprList] [","] "]"
///                    | "{" [MapInits] [","] "}" | LITERAL
///
/// Message construction (`Type{field: value}`) and leading-dot names are not supported.
package struct CELParser {
    /// Deeper nesting is refused rather than risking the stack (the CEL definition requires only 12).
    package static let maxDepth = 200

    private var tokens: [CELToken]
    private var position = 0
    private var depth = 0

    package static func parse(_ text: String) throws(CELSyntaxError) -> CELExpression {
        var parser = CELParser(tokens: try CELLexer.tokens(text))
        let expression = try parser.expression()
        guard parser.peek == .end else { throw parser.unexpected() }
        return expression
    }

    private init(tokens: [CELToken]) {
        self.tokens = tokens
    }

    /// The token at `position`; past the end, the closing `.end`.
    private var peek: CELToken { tokens[min(position, tokens.count - 1)] }

    private mutating func advance() -> CELToken {
        defer { position += 1 }
        return peek
    }

    private mutating func accept(_ symbol: String) -> Bool {
        guard peek == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ symbol: String) throws(CELSyntaxError) {
        guard accept(symbol) else { throw unexpected(expecting: "'\(symbol)'") }
    }

    private func unexpected(expecting: String? = nil) -> CELSyntaxError {
        let found = peek == .end ? "end of the rule" : "\(peek)"
        return CELSyntaxError(description: "unexpected \(found)" + (expecting.map { ", expected \($0)" } ?? ""))
    }

    private mutating func nested<T>(_ body: (inout CELParser) throws(CELSyntaxError) -> T) throws(CELSyntaxError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw CELSyntaxError(description: "the expression nests more than \(Self.maxDepth) levels deep")
        }
        return try body(&self)
    }

    private mutating func expression() throws(CELSyntaxError) -> CELExpression {
        try nested { (parser: inout CELParser) throws(CELSyntaxError) -> CELExpression in
            let condition = try parser.conditionalOr()
            guard parser.accept("?") else { return condition }
            let then = try parser.conditionalOr()
            try parser.expect(":")
            return .conditional(condition, then: then, else: try parser.expression())
        }
    }

    private mutating func conditionalOr() throws(CELSyntaxError) -> CELExpression {
        var result = try conditionalAnd()
        while accept("||") { result = .or(result, try conditionalAnd()) }
        return result
    }

    private mutating func conditionalAnd() throws(CELSyntaxError) -> CELExpression {
        var result = try relation()
        while accept("&&") { result = .and(result, try relation()) }
        return result
    }

    private mutating func relation() throws(CELSyntaxError) -> CELExpression {
        var result = try addition()
        while case .symbol(let symbol) = peek,
            let op = CELBinaryOperator(rawValue: symbol), [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in].contains(op)
        {
            position += 1
            result = .binary(op, result, try addition())
        }
        return result
    }

    private mutating func addition() throws(CELSyntaxError) -> CELExpression {
        var result = try multiplication()
        while case .symbol(let symbol) = peek, symbol == "+" || symbol == "-" {
            position += 1
            result = .binary(CELBinaryOperator(rawValue: symbol)!, result, try multiplication())
        }
        return result
    }

    private mutating func multiplication() throws(CELSyntaxError) -> CELExpression {
        var result = try unary()
        while case .symbol(let symbol) = peek, symbol == "*" || symbol == "/" || symbol == "%" {
            position += 1
            result = .binary(CELBinaryOperator(rawValue: symbol)!, result, try unary())
        }
        return result
    }

    private mutating func unary() throws(CELSyntaxError) -> CELExpression {
        if accept("!") {
            return .not(try nested { (parser: inout CELParser) throws(CELSyntaxError) in try parser.unary() })
        }
        if accept("-") {
            // `-9223372036854775808` is a literal: its magnitude alone does not fit an int.
            if case .int(let magnitude) = peek, magnitude <= UInt64(Int64.max) + 1 {
                position += 1
                let literal: CELExpression = .literal(.int(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)))
                return try member(literal)
            }
            return .negate(try nested { (parser: inout CELParser) throws(CELSyntaxError) in try parser.unary() })
        }
        return try member(try primary())
    }

    private mutating func member(_ operand: CELExpression) throws(CELSyntaxError) -> CELExpression {
        var result = operand
        while true {
            if accept(".") {
                guard case .identifier(let name) = advance() else {
                    position -= 1
                    throw unexpected(expecting: "a field name")
                }
                if accept("(") {
                    result = try call(name, target: result, arguments: try arguments(closing: ")"))
                } else {
                    result = .select(result, field: name)
                }
            } else if accept("[") {
                let index = try expression()
                try expect("]")
                result = .index(result, index)
            } else {
                return result
            }
        }
    }

    private mutating func primary() throws(CELSyntaxError) -> CELExpression {
        switch advance() {
        case .identifier(let name):
            if accept("(") { return try call(name, target: nil, arguments: try arguments(closing: ")")) }
            if accept("{") { throw CELSyntaxError(description: "message construction (\(name){...}) is not supported") }
            return .identifier(name)
        case .int(let magnitude):
            guard let value = Int64(exactly: magnitude) else {
                throw CELSyntaxError(description: "the integer literal \(magnitude) is out of range")
            }
            return .literal(.int(value))
        case .uint(let value): return .literal(.uint(value))
        case .double(let value): return .literal(.double(value))
        case .string(let value): return .literal(.string(value))
        case .bytes(let value): return .literal(.bytes(value))
        case .bool(let value): return .literal(.bool(value))
        case .null: return .literal(.null)
        case .symbol("("):
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("["):
            return .list(try arguments(closing: "]"))
        case .symbol("{"):
            return .map(try mapEntries())
        default:
            position -= 1
            throw unexpected()
        }
    }

    /// A comma-separated list up to `closing`; a trailing comma is allowed in list literals only.
    private mutating func arguments(closing: String) throws(CELSyntaxError) -> [CELExpression] {
        var result: [CELExpression] = []
        if accept(closing) { return result }
        while true {
            result.append(try expression())
            if accept(closing) { return result }
            try expect(",")
            if closing == "]" && accept(closing) { return result }
        }
    }

    private mutating func mapEntries() throws(CELSyntaxError) -> [CELMapEntry] {
        var result: [CELMapEntry] = []
        if accept("}") { return result }
        while true {
            let key = try expression()
            try expect(":")
            result.append(CELMapEntry(key: key, value: try expression()))
            if accept("}") { return result }
            try expect(",")
            if accept("}") { return result }
        }
    }

    /// A call, or one of the macros the CEL definition expands at parse time.
    private func call(_ name: String, target: CELExpression?, arguments: [CELExpression]) throws(CELSyntaxError) -> CELExpression {
        if name == "has", target == nil, arguments.count == 1 {
            guard case .select(let operand, let field) = arguments[0] else {
                throw CELSyntaxError(description: "has() needs a field selection, such as has(self.field)")
            }
            return .presence(operand, field: field)
        }
        if let target, let macro = CELMacro(rawValue: name),
            arguments.count == 2 || (macro == .map && arguments.count == 3)
        {
            guard case .identifier(let variable) = arguments[0] else {
                throw CELSyntaxError(description: "the first argument of \(name)() must be a variable name")
            }
            let filter = arguments.count == 3 ? arguments[1] : nil
            return .comprehension(macro, range: target, variable: variable, body: arguments[arguments.count - 1], filter: filter)
        }
        return .call(name, target: target, arguments: arguments)
    }
}

package enum CELToken: Equatable, Sendable, CustomStringConvertible {
    case identifier(String)
    /// A decimal or hexadecimal integer literal's magnitude; the parser applies a leading `-`.
    case int(UInt64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case bool(Bool)
    case null
    case symbol(String)
    case end

    package var description: String {
        switch self {
        case .identifier(let name): return "'\(name)'"
        case .int(let value): return "\(value)"
        case .uint(let value): return "\(value)u"
        case .double(let value): return "\(value)"
        case .string: return "a string"
        case .bytes: return "a bytes literal"
        case .bool(let value): return "\(value)"
        case .null: return "null"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end"
        }
    }
}

/// Splits CEL text into tokens: identifiers, number, string and bytes literals (with every escape
/// and quoting form of the definition: '', "", triple quotes, raw r''), operators and punctuation.
package enum CELLexer {
    /// Words the definition reserves; `true`, `false` and `null` become literals, `in` an operator.
    package static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    package static func tokens(_ text: String) throws(CELSyntaxError) -> [CELToken] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [CELToken] = []
        var index = 0
        func at(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if [" ", "\t", "\n", "\r", "\u{0C}"].contains(scalar) {
                index += 1
            } else if scalar == "/" && at(1) == "/" {
                while index < scalars.count && scalars[index] != "\n" { index += 1 }
            } else if isIdentifierStart(scalar) {
                let start = index
                while let next = at(0), isIdentifierStart(next) || isDigit(next) { index += 1 }
                let word = String(String.UnicodeScalarView(scalars[start..<index]))
                let lower = word.lowercased()
                if ["r", "b", "rb", "br"].contains(lower), let quote = at(0), quote == "\"" || quote == "'" {
                    let literal = try stringLiteral(scalars, &index, raw: lower.contains("r"))
                    tokens.append(lower.contains("b") ? .bytes(Array(literal.bytes)) : .string(literal.text))
                    continue
                }
                switch word {
                case "true": tokens.append(.bool(true))
                case "false": tokens.append(.bool(false))
                case "null": tokens.append(.null)
                case "in": tokens.append(.symbol("in"))
                default:
                    if reserved.contains(word) { throw CELSyntaxError(description: "'\(word)' is a reserved word") }
                    tokens.append(.identifier(word))
                }
            } else if isDigit(scalar) || (scalar == "." && at(1).map(isDigit) == true) {
                tokens.append(try number(scalars, &index))
            } else if scalar == "\"" || scalar == "'" {
                tokens.append(.string(try stringLiteral(scalars, &index, raw: false).text))
            } else {
                let two = at(1).map { String(scalar) + String($0) }
                if let two, ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    tokens.append(.symbol(two))
                    index += 2
                } else if "<>!+-*/%?:.,()[]{}".unicodeScalars.contains(scalar) {
                    tokens.append(.symbol(String(scalar)))
                    index += 1
                } else {
                    throw CELSyntaxError(description: "unexpected character '\(scalar)'")
                }
            }
        }
        tokens.append(.end)
        return tokens
    }

    package static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    package static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    package static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    /// `123`, `0x1F`, `123u`, `1.5`, `1e3`, `.5`, `2.5e-3`.
    private static func number(_ scalars: [Unicode.Scalar], _ index: inout Int) throws(CELSyntaxError) -> CELToken {
        func at(_ i: Int) -> Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }
        let start = index
        if scalars[index] == "0", let x = at(index + 1), x == "x" || x == "X", at(index + 2).map(isHexDigit) == true {
            index += 2
            let digitsStart = index
            while let next = at(index), isHexDigit(next) { index += 1 }
            let digits = String(String.UnicodeScalarView(scalars[digitsStart..<index]))
            guard let value = UInt64(digits, radix: 16) else {
                throw CELSyntaxError(description: "the integer literal 0x\(digits) is out of range")
            }
            return unsignedSuffix(scalars, &index) ? .uint(value) : .int(value)
        }
        var isDouble = false
        while let next = at(index), isDigit(next) { index += 1 }
        if at(index) == ".", at(index + 1).map(isDigit) == true {
            isDouble = true
            index += 1
            while let next = at(index), isDigit(next) { index += 1 }
        }
        if let e = at(index), e == "e" || e == "E" {
            var next = index + 1
            if let sign = at(next), sign == "+" || sign == "-" { next += 1 }
            if at(next).map(isDigit) == true {
                isDouble = true
                index = next
                while let digit = at(index), isDigit(digit) { index += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        if isDouble {
            guard let value = Double(text) else { throw CELSyntaxError(description: "invalid number \(text)") }
            return .double(value)
        }
        guard let value = UInt64(text) else {
            throw CELSyntaxError(description: "the integer literal \(text) is out of range")
        }
        return unsignedSuffix(scalars, &index) ? .uint(value) : .int(value)
    }

    private static func unsignedSuffix(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Bool {
        guard index < scalars.count, scalars[index] == "u" || scalars[index] == "U" else { return false }
        index += 1
        return true
    }

    /// A quoted literal starting at `index` (at its opening quote), as text and as the bytes a
    /// bytes literal holds (escapes such as `\xFF` and octal `\377` are single bytes there).
    private static func stringLiteral(
        _ scalars: [Unicode.Scalar], _ index: inout Int, raw: Bool
    ) throws(CELSyntaxError) -> (text: String, bytes: [UInt8]) {
        let quote = scalars[index]
        let triple = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
        index += triple ? 3 : 1
        var text = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        func append(_ scalar: Unicode.Scalar) {
            text.append(scalar)
            bytes += Array(String(scalar).utf8)
        }
        while true {
            guard index < scalars.count else { throw CELSyntaxError(description: "a string literal is not closed") }
            let scalar = scalars[index]
            if scalar == quote {
                if !triple {
                    index += 1
                    break
                }
                if index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote {
                    index += 3
                    break
                }
            }
            if !triple && (scalar == "\n" || scalar == "\r") {
                throw CELSyntaxError(description: "a quoted string cannot span lines (use triple quotes)")
            }
            if scalar != "\\" || raw {
                append(scalar)
                index += 1
                continue
            }
            index += 1
            guard index < scalars.count else { throw CELSyntaxError(description: "a string literal ends in '\\'") }
            let escape = scalars[index]
            index += 1
            switch escape {
            case "\\", "?", "\"", "'", "`": append(escape)
            case "a": append("\u{07}")
            case "b": append("\u{08}")
            case "f": append("\u{0C}")
            case "n": append("\n")
            case "r": append("\r")
            case "t": append("\t")
            case "v": append("\u{0B}")
            case "x", "X", "u", "U":
                let width = escape == "u" ? 4 : escape == "U" ? 8 : 2
                guard index + width <= scalars.count,
                    let value = UInt32(String(String.UnicodeScalarView(scalars[index..<index + width])), radix: 16)
                else { throw CELSyntaxError(description: "invalid \\\(escape) escape") }
                index += width
                if width == 2 {
                    // In a bytes literal \xFF is one byte; in a string, the code point U+00FF.
                    text.append(Unicode.Scalar(UInt8(value)))
                    bytes.append(UInt8(value))
                } else {
                    guard let scalar = Unicode.Scalar(value) else {
                        throw CELSyntaxError(description: "\\\(escape) escape of an invalid code point")
                    }
                    append(scalar)
                }
            case "0"..."3":
                guard index + 2 <= scalars.count,
                    let value = UInt8(String(String.UnicodeScalarView([escape] + scalars[index..<index + 2])), radix: 8)
                else { throw CELSyntaxError(description: "invalid octal escape") }
                index += 2
                text.append(Unicode.Scalar(value))
                bytes.append(value)
            default:
                throw CELSyntaxError(description: "invalid escape '\\\(escape)'")
            }
        }
        return (String(text), bytes)
    }
}

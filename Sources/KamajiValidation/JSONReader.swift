import KamajiDiagnostics
import KamajiYAML

/// Strict JSON (RFC 8259) into a `YAMLValue` tree, keys in document order. It reads the embedded
/// schemas: exact about integers versus fractions (`1` is `.int`, `1.5` and `1e3` are `.float`),
/// which Foundation's `JSONSerialization` blurs on Linux.
package enum JSONReader {
    package struct SyntaxError: Error, CustomStringConvertible {
        package var offset: Int
        package var message: String
        package var description: String { "invalid JSON at byte \(offset): \(message)" }
    }

    package static func parse(_ text: String) throws(SyntaxError) -> YAMLValue {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("trailing characters") }
        return value
    }

    private struct Parser {
        package let bytes: [UInt8]
        package var index = 0

        package func error(_ message: String) -> SyntaxError { SyntaxError(offset: index, message: message) }

        package mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        package mutating func expect(_ literal: String) throws(SyntaxError) {
            for byte in literal.utf8 {
                guard index < bytes.count, bytes[index] == byte else { throw error("expected \(literal)") }
                index += 1
            }
        }

        package mutating func value() throws(SyntaxError) -> YAMLValue {
            guard index < bytes.count else { throw error("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default: return try number()
            }
        }

        package mutating func object() throws(SyntaxError) -> YAMLValue {
            var mapping = YAMLMapping()
            try elements(close: "}") { (parser: inout Parser) throws(SyntaxError) in
                guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
                    throw parser.error("expected a key")
                }
                let key = try parser.string()
                parser.skipWhitespace()
                try parser.expect(":")
                parser.skipWhitespace()
                mapping[key] = try parser.value()
            }
            return .mapping(mapping)
        }

        package mutating func array() throws(SyntaxError) -> YAMLValue {
            var items: [YAMLValue] = []
            try elements(close: "]") { (parser: inout Parser) throws(SyntaxError) in items.append(try parser.value()) }
            return .sequence(items)
        }

        /// `open element (, element)* close` or `open close`, the opening bracket at `index`.
        package mutating func elements(
            close: Unicode.Scalar, _ element: (inout Parser) throws(SyntaxError) -> Void
        ) throws(SyntaxError) {
            let close = UInt8(ascii: close)
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == close {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                try element(&self)
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end") }
                index += 1
                if bytes[index - 1] == close { return }
                guard bytes[index - 1] == UInt8(ascii: ",") else { throw error("expected , or \(Character(Unicode.Scalar(close)))") }
            }
        }

        package mutating func string() throws(SyntaxError) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var start = index
            func flush(_ end: Int) {
                scalars.append(contentsOf: String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    flush(index)
                    index += 1
                    return String(scalars)
                }
                if byte == UInt8(ascii: "\\") {
                    flush(index)
                    index += 1
                    guard index < bytes.count else { break }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code) {
                            try expect("\\u")
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                        scalars.append(scalar)
                    default: throw error("invalid escape")
                    }
                    start = index
                    continue
                }
                guard byte >= 0x20 else { throw error("control character in a string") }
                index += 1
            }
            throw error("unterminated string")
        }

        package mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count,
                let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw error("invalid \\u escape") }
            index += 4
            return code
        }

        package mutating func number() throws(SyntaxError) -> YAMLValue {
            let start = index
            var isInteger = true
            while index < bytes.count {
                let byte = bytes[index]
                if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") {
                    index += 1
                } else if [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+")].contains(byte) {
                    isInteger = false
                    index += 1
                } else {
                    break
                }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if isInteger, let int = Int(text) { return .int(int) }
            guard !text.isEmpty, let double = Double(text) else { throw error("invalid value") }
            return .float(double)
        }
    }
}

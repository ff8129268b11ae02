import KamajiDiagnostics

/// JSON with keys in tree order and two-space indentation, as `kubectl get -o json` prints it.
public enum JSONWriter {
    public static func write(_ value: YAMLValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let f):
            guard f.isFinite else { return "null" }
            return f.rounded() == f && abs(f) < 1e18 ? String(Int(f)) : "\(f)"
        case .string(let s): return quote(s)
        case .sequence(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + write($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .mapping(let mapping):
            if mapping.isEmpty { return "{}" }
            return "{\n"
                + mapping.entries.map { inner + quote($0.key) + ": " + write($0.value, indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    package static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

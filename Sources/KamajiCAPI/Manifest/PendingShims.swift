import Yams
// TEMPORARY: stands in for HelmTemplateFunctions/YAMLEmitter until the go-yaml layer lands.
enum PendingHelmFunctions {
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
    static func toYaml(_ v: YAMLValue) -> String {
        var text = (try? Yams.serialize(node: pendingNode(v, sorted: true), width: 80)) ?? ""
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
func pendingNode(_ v: YAMLValue, sorted: Bool) -> Node {
    switch v {
    case .null: return Node("null")
    case .bool(let b): return Node(b ? "true" : "false")
    case .int(let i): return Node(String(i))
    case .float(let f): return Node("\(f)")
    case .string(let s): return Node(s, .implicit, s.contains("\n") ? .literal : .any)
    case .sequence(let s): return Node(s.map { pendingNode($0, sorted: sorted) })
    case .mapping(let m):
        let mm = sorted ? m.sortedByKey() : m
        return Node(mm.entries.map { (Node($0.key), pendingNode($0.value, sorted: sorted)) })
    }
}
enum PendingEmitter {
    static func emit(_ v: YAMLValue) -> String {
        (try? Yams.serialize(node: pendingNode(v, sorted: false), width: -1, allowUnicode: true)) ?? ""
    }
}
typealias HelmFns = PendingHelmFunctions
enum PendingReader {
    static func parse(_ text: String) throws -> YAMLValue {
        guard let node = try Yams.compose(yaml: text) else { return .null }
        return convert(node)
    }
    static func convert(_ node: Node) -> YAMLValue {
        switch node {
        case .scalar(let s):
            if s.style != .plain { return .string(s.string) }
            switch s.string {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE", "yes", "on": return .bool(true)
            case "false", "False", "FALSE", "no", "off": return .bool(false)
            default:
                if let i = Int(s.string) { return .int(i) }
                if let d = Double(s.string), s.string.contains(".") { return .float(d) }
                return .string(s.string)
            }
        case .sequence(let q): return .sequence(q.map(convert))
        case .mapping(let m):
            var mm = YAMLMapping()
            for (k, v) in m { mm[k.string ?? ""] = convert(v) }
            return .mapping(mm)
        case .alias: return .null
        }
    }
    static func merge(_ base: YAMLValue, _ over: YAMLValue) -> YAMLValue {
        guard case .mapping(var b) = base, case .mapping(let o) = over else { return over }
        for e in o.entries {
            if e.value == .null { b[e.key] = nil; continue }
            b[e.key] = b[e.key].map { merge($0, e.value) } ?? e.value
        }
        return .mapping(b)
    }
}

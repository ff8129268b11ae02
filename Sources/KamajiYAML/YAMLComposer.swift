import CYaml
import KamajiDiagnostics

/// The nodes of one YAML document as libyaml's events describe them, before go-yaml's scalar
/// resolution: what `NodeConverter` turns into a `YAMLValue`.
///
/// Nodes live in one array and refer to their children by index, so an alias is the index of the
/// anchored node (no copy), and composing a file costs a few array appends per node. This
/// replaced Yams' `Node` tree, whose per-node tag objects, duplicate-key hashing and Foundation
/// string decoding made reading a values file cost several times libyaml's own parsing.
package struct RawYAMLTree {
    package enum Kind: UInt8 { case scalar, sequence, mapping }

    package struct Node {
        package var kind: Kind
        /// Plain (or libyaml's "any") style; only for scalars.
        package var plain: Bool
        package var line: Int32
        package var column: Int32
        /// The explicit tag as libyaml expands it (`tag:yaml.org,2002:str` for `!!str`, `!` for
        /// the non-specific tag); nil when there is none. A quoted scalar without a tag gets
        /// `!!str`, as Yams gave it.
        package var tag: String?
        /// A scalar's text.
        package var text: String
        /// Children in `edges[childStart ..< childStart + childCount]`: items, or key and value
        /// alternating.
        package var childStart: Int32
        package var childCount: Int32
    }

    package var nodes: [Node] = []
    package var edges: [Int32] = []
    package var root: Int32 = -1

    package func children(of node: Node) -> ArraySlice<Int32> {
        edges[Int(node.childStart) ..< Int(node.childStart + node.childCount)]
    }

    package static let strTag = "tag:yaml.org,2002:str"
}

/// Reads libyaml's event stream into one `RawYAMLTree` per document, without recursion (libyaml
/// keeps its own state on the heap), so nesting depth costs no stack here.
///
/// Two limits are enforced here because here is where the line to point at is known: nesting, at
/// the event that opens a collection too deep, and the node count at the alias whose expansion
/// passes it (an alias bomb is refused before anything is expanded). `NodeConverter` bounds the
/// rest exactly: the nesting aliases add, and a count that plain nodes pass.
package struct YAMLComposer {
    /// A problem libyaml or the composition reported, with a 1-based position.
    package struct Failure: Error {
        package var code: Diagnostic.Code = .yamlSyntax
        package var message: String
        package var line: Int?
        package var column: Int?
        package var hint: String? = Self.syntaxHint

        package static let syntaxHint = "fix the YAML syntax at this position; a common cause is a missing space after `:` or `-`, "
            + "a tab in the indentation or an unclosed quote or bracket"

        static func outOfMemory(_ message: String) -> Failure {
            Failure(code: .inputLimit, message: message, hint: nil)
        }

        static func tooManyNodes(_ maxNodes: Int, at mark: yaml_mark_t) -> Failure {
            Failure(
                code: .inputLimit, message: "the input expands to more than \(maxNodes) nodes (aliases included)",
                line: Int(mark.line) + 1, column: Int(mark.column) + 1,
                hint: "this looks like an alias bomb; reduce the use of anchors and aliases")
        }

        static func tooDeep(_ maxDepth: Int, at mark: yaml_mark_t) -> Failure {
            Failure(
                code: .inputLimit, message: "nesting deeper than \(maxDepth) levels",
                line: Int(mark.line) + 1, column: Int(mark.column) + 1,
                hint: "flatten the structure; values files never need this much nesting")
        }
    }

    /// Calls `document` with each document's tree as soon as it is composed; `document` returns
    /// false to stop reading. Reading stops at a collection nested deeper than `limits.maxDepth`
    /// (the root collection is depth 1) and at an alias that takes the stream's node count, with
    /// every alias expanded, past `limits.maxNodes`.
    package static func compose(_ bytes: [UInt8], limits: YAMLReader.Limits, document: (RawYAMLTree) -> Bool) -> Failure? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return .outOfMemory("out of memory") }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var state = State()
            /// Nodes of the stream so far, each alias counted as the nodes it expands to.
            var expanded = 0
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    return failure(parser.pointee, bytes: bytes, maxDepth: limits.maxDepth)
                }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_DOCUMENT_START_EVENT:
                    state = State()
                case YAML_DOCUMENT_END_EVENT:
                    state.tree.root = state.pending.last ?? -1
                    if !document(state.tree) { return nil }
                case YAML_ALIAS_EVENT:
                    let name = string(event.data.alias.anchor) ?? ""
                    guard let target = state.anchors[name] else {
                        return Failure(
                            message: "found undefined alias `\(name)`",
                            line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                    }
                    // Counted here, before anything is expanded, so that a bomb is refused at its
                    // alias. Once plain nodes have passed the limit, `NodeConverter` reports it
                    // where that happened, with its path, and aliases need not be counted (nor
                    // overflow the count).
                    if expanded <= limits.maxNodes {
                        guard target.size <= limits.maxNodes - expanded else {
                            return .tooManyNodes(limits.maxNodes, at: event.start_mark)
                        }
                        expanded += target.size
                    }
                    state.pending.append(target.node)
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let tag = scalar.quoted_implicit == 1 ? RawYAMLTree.strTag : string(scalar.tag)
                    let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    let style = scalar.style
                    expanded += 1
                    state.add(
                        RawYAMLTree.Node(
                            kind: .scalar, plain: style == YAML_PLAIN_SCALAR_STYLE || style == YAML_ANY_SCALAR_STYLE,
                            line: Int32(truncatingIfNeeded: event.start_mark.line + 1),
                            column: Int32(truncatingIfNeeded: event.start_mark.column + 1),
                            tag: tag, text: text, childStart: 0, childCount: 0),
                        anchor: string(scalar.anchor))
                case YAML_SEQUENCE_START_EVENT:
                    guard state.open.count < limits.maxDepth else { return .tooDeep(limits.maxDepth, at: event.start_mark) }
                    let start = event.data.sequence_start
                    expanded += 1
                    state.open(
                        .sequence, expanded: expanded, event: event,
                        tag: start.implicit != 0 ? nil : string(start.tag), anchor: string(start.anchor))
                case YAML_MAPPING_START_EVENT:
                    guard state.open.count < limits.maxDepth else { return .tooDeep(limits.maxDepth, at: event.start_mark) }
                    let start = event.data.mapping_start
                    expanded += 1
                    state.open(
                        .mapping, expanded: expanded, event: event,
                        tag: start.implicit != 0 ? nil : string(start.tag), anchor: string(start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    state.close(expanded: expanded)
                default:
                    break
                }
            }
        }
    }

    private struct State {
        package var tree = RawYAMLTree()
        /// Anchored nodes, with the number of nodes each expands to.
        package var anchors: [String: (node: Int32, size: Int)] = [:]
        /// Finished nodes not yet given to their collection.
        package var pending: [Int32] = []
        /// Open collections: the node, where its children start in `pending`, the stream's node
        /// count with it, and its anchor, registered when it closes so that it cannot contain an
        /// alias to itself.
        var open: [(node: Int32, firstChild: Int, expanded: Int, anchor: String?)] = []

        package mutating func add(_ node: RawYAMLTree.Node, anchor: String?) {
            let index = Int32(tree.nodes.count)
            tree.nodes.append(node)
            if let anchor { anchors[anchor] = (index, 1) }
            pending.append(index)
        }

        mutating func open(_ kind: RawYAMLTree.Kind, expanded: Int, event: yaml_event_t, tag: String?, anchor: String?) {
            let index = Int32(tree.nodes.count)
            tree.nodes.append(RawYAMLTree.Node(
                kind: kind, plain: false,
                line: Int32(truncatingIfNeeded: event.start_mark.line + 1),
                column: Int32(truncatingIfNeeded: event.start_mark.column + 1),
                tag: tag, text: "", childStart: 0, childCount: 0))
            open.append((index, pending.count, expanded, anchor))
        }

        package mutating func close(expanded: Int) {
            guard let (index, firstChild, expandedAtOpen, anchor) = open.popLast() else { return }
            tree.nodes[Int(index)].childStart = Int32(tree.edges.count)
            tree.nodes[Int(index)].childCount = Int32(pending.count - firstChild)
            tree.edges.append(contentsOf: pending[firstChild...])
            pending.removeSubrange(firstChild...)
            if let anchor { anchors[anchor] = (index, expanded - expandedAtOpen + 1) }
            pending.append(index)
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// libyaml's error as Yams worded it: the problem, and the construct it interrupted.
    private static func failure(_ parser: yaml_parser_t, bytes: [UInt8], maxDepth: Int) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return .outOfMemory("out of memory while parsing YAML")
        case YAML_READER_ERROR:
            // libyaml gives the offset of the character only; the line and column come from the bytes.
            let offset = Int(parser.problem_offset)
            let (line, column) = YAMLReader.position(of: min(offset, bytes.count), in: bytes)
            guard problem == "control characters are not allowed" else {
                return Failure(message: "\(problem) (byte \(offset))", line: line, column: column)
            }
            let code = String(parser.problem_value, radix: 16, uppercase: true)
            let hex = String(repeating: "0", count: max(0, 4 - code.count)) + code
            return Failure(
                message: "control character U+\(hex) is not allowed in YAML (byte offset \(offset))", line: line, column: column,
                hint: "remove the character, or write it as an escape such as \"\\u\(hex)\" inside a double-quoted string")
        default:
            // The scanner reads flow brackets up to a line or 1,024 characters ahead of the events
            // (each may start a key), so deep brackets stop libyaml (its own nesting limit, or a
            // syntax error as after `k: a # note` and a line of `[`) before any of them reached
            // the depth check above: the nesting is the problem to report.
            if Int(parser.flow_level) > maxDepth { return .tooDeep(maxDepth, at: parser.problem_mark) }
            var message = problem
            if let context = parser.context {
                message += " (\(String(cString: context)) started at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
            return Failure(message: message, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        }
    }
}

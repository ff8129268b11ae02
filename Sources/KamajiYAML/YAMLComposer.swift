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
package struct YAMLComposer {
    /// A problem libyaml or the composition reported, with a 1-based position.
    package struct Failure: Error {
        package var message: String
        package var line: Int?
        package var column: Int?
        package var isMemory = false
    }

    /// Calls `document` with each document's tree as soon as it is composed; `document` returns
    /// false to stop reading.
    package static func compose(_ bytes: [UInt8], document: (RawYAMLTree) -> Bool) -> Failure? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return Failure(message: "out of memory", isMemory: true) }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var state = State()
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else { return failure(parser.pointee) }
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
                    state.pending.append(target)
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let tag = scalar.quoted_implicit == 1 ? RawYAMLTree.strTag : string(scalar.tag)
                    let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    let style = scalar.style
                    state.add(
                        RawYAMLTree.Node(
                            kind: .scalar, plain: style == YAML_PLAIN_SCALAR_STYLE || style == YAML_ANY_SCALAR_STYLE,
                            line: Int32(truncatingIfNeeded: event.start_mark.line + 1),
                            column: Int32(truncatingIfNeeded: event.start_mark.column + 1),
                            tag: tag, text: text, childStart: 0, childCount: 0),
                        anchor: string(scalar.anchor))
                case YAML_SEQUENCE_START_EVENT:
                    let start = event.data.sequence_start
                    state.open(.sequence, event: event, tag: start.implicit != 0 ? nil : string(start.tag), anchor: string(start.anchor))
                case YAML_MAPPING_START_EVENT:
                    let start = event.data.mapping_start
                    state.open(.mapping, event: event, tag: start.implicit != 0 ? nil : string(start.tag), anchor: string(start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    state.close()
                default:
                    break
                }
            }
        }
    }

    private struct State {
        package var tree = RawYAMLTree()
        package var anchors: [String: Int32] = [:]
        /// Finished nodes not yet given to their collection.
        package var pending: [Int32] = []
        /// Open collections: the node, where its children start in `pending`, and its anchor,
        /// registered when it closes so that it cannot contain an alias to itself.
        var open: [(node: Int32, firstChild: Int, anchor: String?)] = []

        package mutating func add(_ node: RawYAMLTree.Node, anchor: String?) {
            let index = Int32(tree.nodes.count)
            tree.nodes.append(node)
            if let anchor { anchors[anchor] = index }
            pending.append(index)
        }

        mutating func open(_ kind: RawYAMLTree.Kind, event: yaml_event_t, tag: String?, anchor: String?) {
            let index = Int32(tree.nodes.count)
            tree.nodes.append(RawYAMLTree.Node(
                kind: kind, plain: false,
                line: Int32(truncatingIfNeeded: event.start_mark.line + 1),
                column: Int32(truncatingIfNeeded: event.start_mark.column + 1),
                tag: tag, text: "", childStart: 0, childCount: 0))
            open.append((index, pending.count, anchor))
        }

        package mutating func close() {
            guard let (index, firstChild, anchor) = open.popLast() else { return }
            tree.nodes[Int(index)].childStart = Int32(tree.edges.count)
            tree.nodes[Int(index)].childCount = Int32(pending.count - firstChild)
            tree.edges.append(contentsOf: pending[firstChild...])
            pending.removeSubrange(firstChild...)
            if let anchor { anchors[anchor] = index }
            pending.append(index)
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// libyaml's error as Yams worded it: the problem, and the construct it interrupted.
    private static func failure(_ parser: yaml_parser_t) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return Failure(message: "out of memory while parsing YAML", isMemory: true)
        case YAML_READER_ERROR:
            return Failure(message: "\(problem) (byte \(parser.problem_offset))")
        default:
            var message = problem
            if let context = parser.context {
                message += " (\(String(cString: context)) started at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
            return Failure(message: message, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        }
    }
}

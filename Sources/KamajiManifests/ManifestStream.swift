import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Prints rendered objects: one YAML stream with `---` before each document, or a `v1` `List` as JSON.
/// Both are byte-identical across runs for the same input: object order is fixed by the builders
/// and key order by the trees.
public enum ManifestStream {
    public static func yaml(_ objects: [ManifestObject]) -> String {
        // Documents are emitted independently, so a large cluster's are emitted on all cores.
        let documents = Parallel.map(objects.count) { document(objects[$0]) }
        var text = ""
        text.reserveCapacity(documents.reduce(0) { $0 + $1.utf8.count + 4 })
        for document in documents {
            text += "---\n"
            text += document
        }
        return text
    }

    /// One object as a YAML document, without the `---` separator.
    public static func document(_ object: ManifestObject) -> String {
        emit(object.body)
    }

    /// Any tree as one YAML document, with go-yaml's quoting so every string stays a string.
    public static func emit(_ value: YAMLValue) -> String {
        YAMLEmitter().emit(value)
    }

    public static func json(_ objects: [ManifestObject]) -> String {
        let list: YAMLValue = [
            "apiVersion": "v1", "kind": "List", "items": .sequence(objects.map(\.body)),
            "metadata": .mapping([:]),
        ]
        return JSONWriter.write(list) + "\n"
    }
}

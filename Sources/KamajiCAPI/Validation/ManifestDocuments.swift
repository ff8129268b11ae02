/// The documents of a manifest stream, with the line each starts on, as `kubectl apply -f` reads a
/// file: YAML documents separated by `---`, or one JSON document; a `v1 List` holds its objects in
/// `items`.
enum ManifestDocuments {
    struct Document {
        /// Position in the stream, from 0, counting documents that are not empty.
        var index: Int
        /// 1-based line of the document's first line (the one after its `---`).
        var line: Int
        var value: YAMLValue
    }

    struct SyntaxError: Error {
        var line: Int
        var message: String
    }

    static func parse(_ text: String) throws(SyntaxError) -> [Document] {
        var documents: [Document] = []
        for chunk in split(text) {
            let value: YAMLValue
            do {
                value = try PendingReader.parse(chunk.text)
            } catch {
                throw SyntaxError(line: chunk.line, message: "not valid YAML: \(error)")
            }
            if value.isNull { continue }
            documents.append(Document(index: documents.count, line: chunk.line, value: value))
        }
        return documents
    }

    /// The objects of one document: the document itself, or the items of a `List`.
    static func objects(in document: YAMLValue) -> [YAMLValue] {
        if document["kind"]?.string?.hasSuffix("List") == true, document["apiVersion"] == "v1",
            let items = document["items"]?.sequence
        {
            return items
        }
        return [document]
    }

    /// Splits at `---` lines (a document marker may carry content after a space) and drops `...`.
    static func split(_ text: String) -> [(line: Int, text: String)] {
        var chunks: [(line: Int, text: String)] = []
        var current: [Substring] = []
        var start = 1
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.last == "\r" ? line.dropLast() : line
            if trimmed == "---" || trimmed.hasPrefix("--- ") || trimmed.hasPrefix("---\t") {
                chunks.append((start, current.joined(separator: "\n") + "\n"))
                current = [trimmed.dropFirst(3)]
                start = offset + 2
            } else if trimmed == "..." {
                continue
            } else {
                current.append(line)
            }
        }
        chunks.append((start, current.joined(separator: "\n") + "\n"))
        return chunks
    }
}

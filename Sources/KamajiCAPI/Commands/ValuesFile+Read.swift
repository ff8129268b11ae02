import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

extension ValuesFile {
    /// Reads a values file from disk with `InputFile`'s bounds (size, directories, FIFOs nothing
    /// writes to); `name` is the path as the user spelled it, which every diagnostic about the
    /// file repeats.
    public init(path: String) throws(DiagnosticError) {
        self.init(name: path, text: try InputFile.text(path))
    }

    /// Values already read as bytes (a file, or stdin): UTF-8 text, or UTF-16 with a byte-order
    /// mark; invalid UTF-8 is reported with its line and column.
    public init(name: String, data: Data) throws(DiagnosticError) {
        self.init(name: name, text: try YAMLReader.text([UInt8](data), file: name))
    }
}

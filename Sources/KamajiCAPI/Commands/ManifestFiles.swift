import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// Reads rendered manifests back into objects: a YAML stream (what `render` prints, or any
/// `helm template` output) or an `--output-dir` tree.
public enum ManifestFiles {
    /// Whether a YAML text holds Kubernetes objects (documents with `apiVersion` and `kind`) rather
    /// than values, so `diff a.yaml b.yaml` can take either.
    public static func isManifest(_ text: String, file: String) -> Bool {
        guard let documents = try? YAMLText.documents(text, file: file) else { return false }
        return documents.contains { $0["apiVersion"]?.string != nil && $0["kind"]?.string != nil }
    }

    public static func objects(stream text: String, file: String) throws(DiagnosticError) -> [ManifestObject] {
        var objects: [ManifestObject] = []
        var problems: [Diagnostic] = []
        for (index, document) in try YAMLText.documents(text, file: file).enumerated() {
            // A `v1` List (`render -o json`, `kubectl get -o yaml`) holds its objects in `items`.
            let bodies = document["kind"]?.string == "List" ? document["items"]?.sequence ?? [] : [document]
            for body in bodies {
                if let object = ManifestObject(parsing: body) {
                    objects.append(object)
                } else {
                    problems.append(Diagnostic(
                        code: .invalidValue, location: SourceLocation(file: file),
                        message: "document \(index + 1) is not a Kubernetes object",
                        hint: "every document needs apiVersion, kind and metadata.name"))
                }
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return objects
    }

    /// The files `kustomization.yaml` lists, in its order, or else every `.yaml`/`.yml` file sorted.
    /// Read as kustomize's default load restrictor reads a tree: a file whose real path (symlinks
    /// followed) lies outside the folder is an error, never read, so `- ../../home/kubeconfig` or a
    /// symlink out of the tree cannot make `diff` print someone's file.
    public static func objects(directory: URL) throws(DiagnosticError) -> [ManifestObject] {
        let root = OutputTarget.resolved(directory.path, relativeTo: "/")
        let kustomization = directory.appendingPathComponent("kustomization.yaml")
        var names: [String]
        if FileManager.default.fileExists(atPath: kustomization.path) {
            try requireInside(root, kustomization)
            let text = try InputFile.text(kustomization.path)
            names = (try YAMLText.document(text, file: kustomization.path))["resources"]?.sequence?
                .compactMap(\.string) ?? []
        } else {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            names = entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        }
        var objects: [ManifestObject] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            try requireInside(root, url)
            objects += try self.objects(stream: try InputFile.text(url.path), file: url.path)
        }
        return objects
    }

    static func requireInside(_ root: String, _ file: URL) throws(DiagnosticError) {
        let real = OutputTarget.resolved(file.path, relativeTo: "/")
        guard !real.hasPrefix(root + "/") else { return }
        throw DiagnosticError(
            Diagnostic(
                code: .io, location: SourceLocation(file: file.relativePath),
                message: "is outside the tree being read (\(root)); it was not read",
                hint: "a tree may only list files inside its own folder, as kustomize's default load restrictor requires"))
    }
}

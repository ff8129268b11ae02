import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// Where an output tree may go. A tree replaces the folder it is written to, so a folder that holds
/// the user's work in progress is refused before anything is read or written: the working directory
/// and its parents (`''`, `.`, `..`, `/`), and a folder that holds one of the command's input files.
public enum OutputTarget {
    /// The refusal for `path`, or nil when a tree may be written there. `inputs` are the files the
    /// command reads (`-f`, `--set-file`, a fleet's values files), as the user spelled them.
    public static func refusal(
        _ path: String, inputs: [String], workingDirectory: String = FileManager.default.currentDirectoryPath
    ) -> Diagnostic? {
        refusal(path, inputs: ResolvedInputs(inputs, workingDirectory: workingDirectory))
    }

    /// The command's input files with their folders resolved once: a fleet asks about each of its
    /// clusters' folders, and resolving every input again for each was quadratic in the clusters
    /// (a third of a 1,000-cluster `render-fleet`, spent in `readlink`).
    public struct ResolvedInputs: Sendable {
        /// Every folder that holds an input at any depth, with the first input it holds as the user spelled it.
        let holders: [String: String]
        /// What relative targets are relative to, as given and resolved.
        let workingDirectory: String
        let resolvedWorkingDirectory: String

        public init(_ inputs: [String], workingDirectory: String = FileManager.default.currentDirectoryPath) {
            self.workingDirectory = workingDirectory
            resolvedWorkingDirectory = OutputTarget.resolved(workingDirectory, relativeTo: "/")
            var holders: [String: String] = [:]
            for input in inputs where input != "-" && !input.isEmpty {
                var folder = OutputTarget.resolved(input, relativeTo: workingDirectory)
                while folder != "/", !folder.isEmpty {
                    folder = (folder as NSString).deletingLastPathComponent
                    if holders[folder] == nil { holders[folder] = input }
                }
            }
            self.holders = holders
        }
    }

    public static func refusal(_ path: String, inputs: ResolvedInputs) -> Diagnostic? {
        func refuse(_ message: String, _ hint: String) -> Diagnostic {
            Diagnostic(code: .usage, location: SourceLocation(file: path.isEmpty ? "''" : path), message: message, hint: hint)
        }
        let ownFolder = "write the tree into a folder of its own, such as clusters/prod"
        guard !path.isEmpty else { return refuse("an empty path names the working directory", ownFolder) }
        let target = resolved(path, relativeTo: inputs.workingDirectory)
        let here = inputs.resolvedWorkingDirectory
        if target == "/" || target == here || here.hasPrefix(target + "/") {
            return refuse("is the working directory or one of its parents, which the tree would replace", ownFolder)
        }
        if let input = inputs.holders[target] {
            return refuse("holds \(input), which this command reads; the tree would replace it", ownFolder)
        }
        return nil
    }

    /// The absolute path with `.`, `..` and every symlink of its existing part resolved, so that two
    /// spellings of one folder compare equal.
    static func resolved(_ path: String, relativeTo base: String) -> String {
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true)).standardized.path
        var existing = absolute
        var rest: [String] = []
        while existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let head = String(cString: real)
                return rest.isEmpty ? head : (head == "/" ? "" : head) + "/" + rest.reversed().joined(separator: "/")
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    /// The folder a tree at `url` is written into: a symlink at its end is followed (and stays a
    /// link); one that points nowhere, or at something that is not a folder, is an error.
    static func followingFinalSymlink(_ url: URL) throws(DiagnosticError) -> URL {
        guard OwnedTree.entryKind(url) == .other, (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
        else { return url }
        guard let real = realpath(url.path, nil) else {
            throw DiagnosticError(
                Diagnostic(
                    code: .io, location: SourceLocation(file: url.relativePath), message: "is a symlink to nothing",
                    hint: "point it at a folder, or remove it"))
        }
        defer { free(real) }
        let target = URL(fileURLWithPath: String(cString: real))
        guard OwnedTree.entryKind(target) == .directory else {
            throw DiagnosticError(
                Diagnostic(
                    code: .io, location: SourceLocation(file: url.relativePath), message: "is a symlink to something that is not a folder",
                    hint: "point it at a folder, or remove it"))
        }
        return target
    }
}

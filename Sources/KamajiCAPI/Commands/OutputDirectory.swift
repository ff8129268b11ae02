import CAtomicRename
import Foundation

/// The `--output-dir` layout: one file per object and a `kustomization.yaml` listing them in render
/// order, so `kubectl apply -k DIR` applies the same objects as the stream.
public struct OutputDirectory: Equatable, Sendable {
    public struct File: Equatable, Sendable {
        public var name: String
        public var contents: String
        /// Secrets are written readable by the owner only.
        public var isSecret: Bool
    }

    public var files: [File]

    public init(objects: [ManifestObject]) {
        var files: [File] = []
        var used: Set<String> = []
        for object in objects {
            var name = Self.fileName(for: object)
            // Two objects can only share a file name when they differ in namespace or API group.
            var counter = 2
            while used.contains(name) {
                name = Self.fileName(for: object, suffix: "-\(counter)")
                counter += 1
            }
            used.insert(name)
            files.append(File(name: name, contents: ManifestStream.yaml([object]), isSecret: object.kind == "Secret"))
        }
        let kustomization: YAMLValue = [
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
            "resources": .sequence(files.map { .string($0.name) }),
        ]
        files.append(File(name: "kustomization.yaml", contents: ManifestStream.emit(kustomization), isSecret: false))
        self.files = files
    }

    /// `kind-name.yaml`, lowercase, with characters that are awkward in file names replaced.
    static func fileName(for object: ManifestObject, suffix: String = "") -> String {
        let raw = "\(object.kind)-\(object.name)"
        // ASCII without CR (so one byte is one Character): the same mapping on the bytes, instead of
        // lowercasing and testing the Unicode properties of each Character (80K instructions a name).
        if raw.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            let bytes = raw.utf8.map { byte -> UInt8 in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 32
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
                    UInt8(ascii: "."):
                    return byte
                default: return UInt8(ascii: "_")
                }
            }
            return String(decoding: bytes, as: UTF8.self) + suffix + ".yaml"
        }
        let lowered = raw.lowercased()
        let safe = String(lowered.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
        return safe + suffix + ".yaml"
    }

    /// The files of `directory` that differ from this layout: changed, missing, or not rendered any more.
    public func staleFiles(in directory: URL) -> [String] {
        let fileManager = FileManager.default
        var stale: [String] = []
        for file in files {
            let existing = try? String(contentsOf: directory.appendingPathComponent(file.name), encoding: .utf8)
            if existing != file.contents { stale.append(file.name) }
        }
        let expected = Set(files.map(\.name))
        let present = (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []
        stale += present.filter { !expected.contains($0) && $0.hasSuffix(".yaml") }.sorted()
        return stale
    }

    /// Writes the whole tree beside `directory` first and then swaps it in, so an error or an
    /// interruption leaves the old tree whole, and files from a previous render that are no longer
    /// rendered (an old template name) disappear. The new tree keeps the old directory's
    /// permissions (a directory made 0700 for its Secrets stays so).
    public func write(to directory: URL) throws(DiagnosticError) {
        try write(to: directory, faults: WriteFaults())
    }

    /// Where a test makes the write fail, to show that a failure at any step leaves the old tree.
    struct WriteFaults {
        /// Called after each file is written into the staging directory, with its index.
        var afterFile: (Int) throws -> Void = { _ in }
        /// Called just before the staging directory is swapped in.
        var beforeSwap: () throws -> Void = {}
    }

    func write(to directory: URL, faults: WriteFaults) throws(DiagnosticError) {
        let fileManager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            for (index, file) in files.enumerated() {
                try Self.createFile(
                    atPath: staging.appendingPathComponent(file.name).path, contents: file.contents,
                    mode: file.isSecret ? 0o600 : 0o644)
                try faults.afterFile(index)
            }
            if let mode = (try? fileManager.attributesOfItem(atPath: directory.path))?[.posixPermissions] as? Int {
                try fileManager.setAttributes([.posixPermissions: mode], ofItemAtPath: staging.path)
            }
            try faults.beforeSwap()
            try AtomicSwap.replace(directory, with: staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw DiagnosticError(
                Diagnostic(
                    code: .io, location: SourceLocation(file: directory.path),
                    message: "cannot write the output directory: \(error.localizedDescription); it was left as it was",
                    hint: "check that its parent exists and is writable"))
        }
    }
}

extension OutputDirectory {
    /// Creates a new file with its mode set from the start (a Secret is never readable by others,
    /// not even for a moment). Plain open-write-close: `FileManager.createFile` writes each file
    /// atomically, through a temporary file, an fsync and a rename, which `render-fleet` paid 17
    /// times per cluster; the staging directory is swapped in whole, so that buys nothing here.
    static func createFile(atPath path: String, contents: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var text = contents
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                offset += written
            }
        }
    }
}

/// Replaces a directory by another in one step where the kernel allows it (Linux `renameat2` with
/// RENAME_EXCHANGE), so no reader ever sees a missing or half-written tree. Elsewhere the old tree
/// is moved aside, the new one moved in, and the old one moved back if that fails.
enum AtomicSwap {
    static func replace(_ target: URL, with staging: URL, exchange: (String, String) -> Bool = exchange) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
            try fileManager.moveItem(at: staging, to: target)
            return
        }
        guard isDirectory.boolValue else {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: target.path])
        }
        if exchange(staging.path, target.path) {
            try? fileManager.removeItem(at: staging)  // now holds the old tree
            return
        }
        let old = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
        try fileManager.moveItem(at: target, to: old)
        do {
            try fileManager.moveItem(at: staging, to: target)
        } catch {
            try? fileManager.moveItem(at: old, to: target)
            throw error
        }
        try? fileManager.removeItem(at: old)
    }

    static func exchange(_ a: String, _ b: String) -> Bool {
        kamaji_exchange_paths(a, b) == 0
    }
}

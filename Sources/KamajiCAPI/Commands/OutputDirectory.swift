import CAtomicRename
import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// The `--output-dir` layout: one file per object and a `kustomization.yaml` listing them in render
/// order, so `kubectl apply -k DIR` applies the same objects as the stream.
///
/// The ownership rule (docs/output.md): a render replaces or removes only files that kamaji-capi
/// wrote itself, as listed in the folder's `.kamaji-capi` file. A folder that holds anything else
/// (a README, patches, `.git`, a symlink in place of a file) is refused whole, with the foreign
/// entries named, and nothing is touched; a folder holding nothing is taken.
public struct OutputDirectory: Equatable, Sendable {
    public struct File: Equatable, Sendable {
        public var name: String
        public var contents: String
        /// Secrets are written readable by the owner only.
        public var isSecret: Bool
    }

    /// The rendered files, `kustomization.yaml` last; the ownership record is written beside them.
    public var files: [File]

    /// The file in which a tree records the files kamaji-capi wrote into it. Hidden, and not `.yaml`,
    /// so neither `kubectl apply -f DIR` nor kustomize reads it.
    public static let ownershipFileName = ".kamaji-capi"

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
        files.append(File(name: "kustomization.yaml", contents: Self.kustomization(listing: files.map(\.name)), isSecret: false))
        self.files = files
    }

    static func kustomization(listing resources: [String]) -> String {
        ManifestStream.emit([
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
            "resources": .sequence(resources.map { .string($0) }),
        ])
    }

    /// The ownership record: a comment for whoever opens it, then one file name a line.
    var ownershipRecord: String {
        "# Written by kamaji-capi. It replaces or removes only the files listed here, and refuses this folder\n"
            + "# if it holds anything else (docs/output.md). Keep your own files in another folder.\n"
            + files.map { $0.name + "\n" }.joined()
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
}

/// What writing a layout into a folder would do, file by file; `--check` prints it and a write
/// carries it out.
public struct OutputPlan: Equatable, Sendable {
    /// The folder written: the output path with a symlink at its end followed (the link stays).
    public var target: URL
    public var exists: Bool
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []
    public var unchanged: [String] = []
    /// Entries kamaji-capi did not write (a trailing `/` marks a folder): their presence refuses the write.
    public var foreign: [String] = []
    /// After a write: the old tree's folder, when something kamaji-capi did not write appeared in
    /// the target while it was being written (it is kept there, never deleted).
    public var leftBehind: String?

    public var isUpToDate: Bool { exists && added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// `added  name`, `changed  name`, `removed  name`: each path a render would touch, marked.
    public var changeLines: [String] {
        added.map { "added    \($0)" } + changed.map { "changed  \($0)" } + removed.map { "removed  \($0)" }
    }

    /// `clusters/prod: 2 added, 1 changed, 14 unchanged, 1 removed`.
    public func summary(shownAs path: String) -> String {
        "\(path): \(added.count) added, \(changed.count) changed, \(unchanged.count) unchanged, \(removed.count) removed"
    }

    /// The error for a folder that holds entries kamaji-capi did not write.
    public func foreignError(shownAs path: String) -> Diagnostic {
        let shown = foreign.prefix(10).joined(separator: ", ") + (foreign.count > 10 ? " and \(foreign.count - 10) more" : "")
        return Diagnostic(
            code: .io, location: SourceLocation(file: path),
            message: "holds files kamaji-capi did not write: \(shown); nothing was changed",
            hint: "give the rendered files a folder of their own (e.g. \((path as NSString).appendingPathComponent("rendered"))) "
                + "and list it in your own kustomization.yaml; kamaji-capi never replaces files it did not write")
    }
}

extension OutputDirectory {
    /// Compares the layout with what `target` holds now. Throws when the target cannot be a folder
    /// (a file, a dangling symlink); foreign entries are reported in the plan, not thrown.
    public func plan(for target: URL) throws(DiagnosticError) -> OutputPlan {
        let resolved = try OutputTarget.followingFinalSymlink(target)
        guard let listing = OwnedTree.read(resolved) else {
            return OutputPlan(target: resolved, exists: false, added: files.map(\.name) + [Self.ownershipFileName])
        }
        var plan = OutputPlan(target: resolved, exists: true, foreign: listing.foreign)
        for file in files + [File(name: Self.ownershipFileName, contents: ownershipRecord, isSecret: false)] {
            if !listing.owned.contains(file.name) {
                // A rendered name that is present but not owned is foreign, and already reported.
                if !listing.foreign.contains(file.name) { plan.added.append(file.name) }
            } else if OwnedTree.contents(of: resolved.appendingPathComponent(file.name)) == file.contents {
                plan.unchanged.append(file.name)
            } else {
                plan.changed.append(file.name)
            }
        }
        let rendered = Set(files.map(\.name) + [Self.ownershipFileName])
        plan.removed = listing.owned.filter { !rendered.contains($0) }.sorted()
        return plan
    }

    /// Writes the layout into `target` under the ownership rule: refused (nothing touched) when the
    /// folder holds anything kamaji-capi did not write; left alone when it already holds exactly
    /// this layout; otherwise the whole tree is written beside it and swapped in, so an error or an
    /// interruption leaves the old tree or the new one, never a mix. A symlinked target is written
    /// through: the link stays, the folder it points to is replaced.
    @discardableResult
    public func write(to target: URL) throws(DiagnosticError) -> OutputPlan {
        try write(to: target, faults: WriteFaults())
    }

    /// Where a test makes the write fail, to show that a failure at any step leaves the old tree.
    struct WriteFaults {
        /// Called after each file is written into the staging directory, with its index.
        var afterFile: (Int) throws -> Void = { _ in }
        /// Called just before the staging directory is swapped in.
        var beforeSwap: () throws -> Void = {}
    }

    @discardableResult
    func write(to target: URL, faults: WriteFaults) throws(DiagnosticError) -> OutputPlan {
        let plan = try plan(for: target)
        if !plan.foreign.isEmpty { throw DiagnosticError(plan.foreignError(shownAs: target.relativePath)) }
        if plan.isUpToDate { return plan }
        let directory = plan.target
        let parent = directory.deletingLastPathComponent()
        let staging = StagingFolder.url(for: directory)
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            StagingFolder.removeAbandoned(besides: directory)
            try StagingFolder.create(staging, mode: folderMode(replacing: directory))
            // The record first: a staging folder left by a killed run is then recognisable as ours.
            try Self.createFile(
                atPath: staging.appendingPathComponent(Self.ownershipFileName).path, contents: ownershipRecord, mode: 0o644)
            for (index, file) in files.enumerated() {
                try Self.createFile(
                    atPath: staging.appendingPathComponent(file.name).path, contents: file.contents,
                    mode: file.isSecret ? 0o600 : 0o644)
                try faults.afterFile(index)
            }
            try faults.beforeSwap()
            try AtomicSwap.replace(directory, with: staging)
        } catch {
            OwnedTree.remove(staging)
            throw DiagnosticError(
                Diagnostic(
                    code: .io, location: SourceLocation(file: target.relativePath),
                    message: "cannot write the output directory: \(error.localizedDescription); it was left as it was",
                    hint: "check that its parent exists and is writable"))
        }
        // After the exchange the staging path holds the old tree: only what kamaji-capi wrote there
        // is deleted. Anything that appeared since the plan was made stays, in a folder that says so.
        OwnedTree.remove(staging)
        var written = plan
        if FileManager.default.fileExists(atPath: staging.path) { written.leftBehind = staging.path }
        return written
    }

    /// The new folder gets the old one's permissions (0700 chosen for its Secrets stays so), and
    /// `mkdir` then takes the umask off; a folder holding Secrets is never open to others.
    func folderMode(replacing directory: URL) -> mode_t {
        var status = stat()
        var mode: mode_t = stat(directory.path, &status) == 0 ? status.st_mode & 0o777 : 0o777
        if files.contains(where: \.isSecret) { mode &= ~0o007 }
        return mode
    }

    /// Creates a new file with its mode set from the start (a Secret is never readable by others,
    /// not even for a moment). Plain open-write-close: `FileManager.createFile` writes each file
    /// atomically, through a temporary file, an fsync and a rename, which `render-fleet` paid 17
    /// times per cluster; the staging directory is swapped in whole, so that buys nothing here.
    static func createFile(atPath path: String, contents: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
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

/// Which entries of an existing folder kamaji-capi owns.
enum OwnedTree {
    struct Listing {
        /// Names the folder's record lists that are regular files (the record itself included).
        var owned: [String]
        /// Everything else, sorted, folders marked with a trailing `/`.
        var foreign: [String]
    }

    /// Nil when nothing is at `folder`. A folder written before the record existed (kamaji-capi 0.2)
    /// is recognised by its `kustomization.yaml`, byte for byte the one it generates, listing every
    /// other entry.
    static func read(_ folder: URL) -> Listing? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let claimed = claimedNames(in: folder)
        var owned: [String] = [], foreign: [String] = []
        for name in names {
            let kind = entryKind(folder.appendingPathComponent(name))
            if kind == .regularFile && claimed.contains(name) {
                owned.append(name)
            } else {
                foreign.append(kind == .directory ? name + "/" : name)
            }
        }
        return Listing(owned: owned.sorted(), foreign: foreign.sorted())
    }

    static func claimedNames(in folder: URL) -> Set<String> {
        if let record = contents(of: folder.appendingPathComponent(OutputDirectory.ownershipFileName)) {
            let names = record.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.contains("/") && $0 != ".." && $0 != "." }
            return Set(names.map(String.init) + [OutputDirectory.ownershipFileName])
        }
        guard let kustomization = contents(of: folder.appendingPathComponent("kustomization.yaml")),
            let tree = try? YAMLReader.document(kustomization, file: "kustomization.yaml").value,
            case .sequence(let resources)? = tree["resources"]
        else { return [] }
        let names = resources.compactMap { item -> String? in
            guard case .string(let name) = item, !name.contains("/"), name != "..", name != "." else { return nil }
            return name
        }
        guard names.count == resources.count, OutputDirectory.kustomization(listing: names) == kustomization else { return [] }
        return Set(names + ["kustomization.yaml"])
    }

    enum EntryKind { case regularFile, directory, other }

    /// The entry itself, a symlink not followed.
    static func entryKind(_ url: URL) -> EntryKind {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return .other }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// A regular file's text; nil for anything else (a symlink is not read through).
    static func contents(of url: URL) -> String? {
        guard entryKind(url) == .regularFile else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Deletes the files kamaji-capi owns in `folder`, then the folder if that left it empty.
    static func remove(_ folder: URL) {
        guard let listing = read(folder) else { return }
        for name in listing.owned { unlink(folder.appendingPathComponent(name).path) }
        rmdir(folder.path)
    }
}

/// The folder a tree is written into before it is swapped in: beside the target, hidden, named
/// after the target and the writing process, so that one left by a killed run can be told from one
/// another run is writing right now.
enum StagingFolder {
    static func prefix(for target: URL) -> String { ".\(target.lastPathComponent).kamaji-capi-" }

    static func url(for target: URL) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(
            prefix(for: target) + "\(getpid())-\(UUID().uuidString.prefix(8).lowercased())")
    }

    static func create(_ url: URL, mode: mode_t) throws {
        guard mkdir(url.path, mode) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Staging folders of this target whose process has ended: their files kamaji-capi wrote are
    /// deleted, and the folder with them unless something else is inside.
    static func removeAbandoned(besides target: URL) {
        let parent = target.deletingLastPathComponent()
        let prefix = prefix(for: target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(),
                kill(pid, 0) != 0 && errno == ESRCH
            else { continue }
            OwnedTree.remove(parent.appendingPathComponent(name))
        }
    }
}

/// Replaces a directory by another in one step where the kernel allows it (Linux `renameat2` with
/// RENAME_EXCHANGE), so no reader ever sees a missing or half-written tree. Elsewhere the old tree
/// is moved aside, the new one moved in, and the old one moved back if that fails. Either way the
/// old tree ends up at `staging`'s path for the caller to delete.
enum AtomicSwap {
    static func replace(_ target: URL, with staging: URL, exchange: (String, String) -> Bool = exchange) throws {
        let fileManager = FileManager.default
        guard OwnedTree.entryKind(target) == .directory else {
            if fileManager.fileExists(atPath: target.path) {
                throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: target.path])
            }
            try fileManager.moveItem(at: staging, to: target)
            return
        }
        if exchange(staging.path, target.path) { return }
        // Named as a staging folder, so that a run killed right here leaves a folder the next run cleans.
        let old = StagingFolder.url(for: target)
        try fileManager.moveItem(at: target, to: old)
        do {
            try fileManager.moveItem(at: staging, to: target)
        } catch {
            try? fileManager.moveItem(at: old, to: target)
            throw error
        }
        try fileManager.moveItem(at: old, to: staging)
    }

    static func exchange(_ a: String, _ b: String) -> Bool {
        kamaji_exchange_paths(a, b) == 0
    }
}

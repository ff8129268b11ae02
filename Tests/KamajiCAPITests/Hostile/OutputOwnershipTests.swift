import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The ownership rule of docs/output.md: `--output-dir` and `render-fleet` replace or remove only
/// files kamaji-capi wrote itself; a folder holding anything else is refused whole and left byte for
/// byte; the working directory, its parents and a folder holding an input file are refused.
@Suite("Output trees never lose a user's file")
struct OutputOwnershipTests {
    static let values = """
        vSphere: {server: vcenter.example.com, secret: {create: true}, username: capi, password: "Pa55-w0rd"}
        nodePools:
        - {name: workers, template: ubuntu-2404-kube-v1.32.0, network: vm-net}
        """

    /// Every entry below `url`, recursively, hidden ones and symlinks included (a link as its target's path).
    static func tree(_ url: URL) throws -> [String: String] {
        var entries: [String: String] = [:]
        let manager = FileManager.default
        for name in try manager.subpathsOfDirectory(atPath: url.path) {
            let path = url.appendingPathComponent(name).path
            if let link = try? manager.destinationOfSymbolicLink(atPath: path) {
                entries[name] = "-> \(link)"
            } else if OwnedTree.entryKind(URL(fileURLWithPath: path)) == .directory {
                entries[name] = "/"
            } else {
                entries[name] = try String(contentsOfFile: path, encoding: .utf8)
            }
        }
        return entries
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func render(_ arguments: [String], in directory: TemporaryDirectory, umask: String? = nil) throws -> CommandLineTool.Result {
        guard let umask else { return try CommandLineTool.run(["render", "prod", "-f", "values.yaml"] + arguments, in: directory.url) }
        // The umask is the process's own: a shell sets it and then becomes kamaji-capi.
        let executable = try #require(CommandLineTool.executable).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", executable, "render", "prod", "-f", "values.yaml"] + arguments
        process.currentDirectoryURL = directory.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CommandLineTool.Result(status: process.terminationStatus, stdout: "", stderr: "")
    }

    @Test("a folder holding a README, patches and .git is refused, with and without --check, and left byte for byte")
    func foreignFilesRefuseTheFolder() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        try directory.write("clusters/prod/README.md", "# prod\n")
        try directory.write("clusters/prod/patches/replicas.yaml", "spec: {replicas: 5}\n")
        try directory.write("clusters/prod/.git/HEAD", "ref: refs/heads/main\n")
        let out = directory.url.appendingPathComponent("clusters/prod")
        let before = try Self.tree(out)
        for check in [[], ["--check"]] {
            let result = try Self.render(["--output-dir", "clusters/prod"] + check, in: directory)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("clusters/prod: error: holds files kamaji-capi did not write: .git/, README.md, patches/; nothing was changed"))
            #expect(try Self.tree(out) == before)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("clusters").path) == ["prod"])
    }

    @Test("a user's file beside a rendered tree makes the next render refuse, and --check say so")
    func aFileAddedLaterIsKept() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        #expect(try Self.render(["--output-dir", "out"], in: directory).status == 0)
        try directory.write("out/notes.md", "mine\n")
        let before = try Self.tree(directory.url.appendingPathComponent("out"))
        let check = try Self.render(["--output-dir", "out", "--check"], in: directory)
        #expect(check.status == 1, "--check never says up to date when a render would not write")
        #expect(check.stderr.contains("notes.md"))
        #expect(try Self.render(["--output-dir", "out", "--set", "nodePools[0].replicas=4"], in: directory).status == 1)
        #expect(try Self.tree(directory.url.appendingPathComponent("out")) == before)
    }

    @Test("an empty folder is taken, and keeps its mode")
    func emptyFolder() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        let out = directory.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let result = try Self.render(["--output-dir", "out"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.mode(out.path) == 0o700)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(OutputDirectory.ownershipFileName).path))
    }

    @Test("the working directory, its parents, an empty path and a folder holding a -f file are refused", arguments: [
        ("", "values.yaml"), (".", "values.yaml"), ("..", "values.yaml"), ("/", "values.yaml"), ("./", "values.yaml"),
        ("sub/..", "values.yaml"), ("clusters", "clusters/prod/values.yaml"), ("clusters/prod", "clusters/prod/values.yaml"),
    ])
    func refusedTargets(_ target: String, _ valuesFile: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write(valuesFile, Self.values)
        try directory.write("keep.txt", "mine\n")
        let before = try Self.tree(directory.url)
        let result = try CommandLineTool.run(["render", "prod", "-f", valuesFile, "--output-dir", target], in: directory.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error:"))
        #expect(try Self.tree(directory.url) == before)
    }

    @Test("an ancestor of the working directory given as an absolute path is refused")
    func absoluteAncestor() throws {
        let directory = try TemporaryDirectory()
        try directory.write("work/values.yaml", Self.values)
        let work = directory.url.appendingPathComponent("work")
        let result = try CommandLineTool.run(["render", "prod", "-f", "values.yaml", "--output-dir", directory.url.path], in: work)
        #expect(result.status == 2)
        #expect(result.stderr.contains("is the working directory or one of its parents"))
        #expect(OutputTarget.refusal("out", inputs: [], workingDirectory: work.path) == nil)
    }

    @Test("a symlinked output folder is written through: the link stays a link, the folder keeps its mode")
    func symlinkedOutputFolder() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        let real = directory.url.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o750])
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("link").path, withDestinationPath: "real")
        for replicas in ["1", "3"] {
            let result = try Self.render(["--output-dir", "link", "--set", "nodePools[0].replicas=\(replicas)"], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.url.appendingPathComponent("link").path) == "real")
            #expect(try Self.mode(real.path) == 0o750)
            #expect(try String(contentsOf: real.appendingPathComponent("machinedeployment-prod-workers-md.yaml"), encoding: .utf8).contains("replicas: \(replicas)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["link", "real", "values.yaml"])
    }

    @Test("a symlink to nothing, or to a file, is an error and stays as it was")
    func badSymlinks() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("tofile").path, withDestinationPath: "values.yaml")
        for link in ["dangling", "tofile"] {
            let result = try Self.render(["--output-dir", link], in: directory)
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(link): error: is a symlink to"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["dangling", "tofile", "values.yaml"])
        #expect(try String(contentsOf: directory.url.appendingPathComponent("values.yaml"), encoding: .utf8) == Self.values)
    }

    @Test("a symlink in place of a rendered file is not followed: the folder is refused")
    func symlinkInsideTheTree() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        try directory.write("elsewhere.txt", "someone's file\n")
        #expect(try Self.render(["--output-dir", "out"], in: directory).status == 0)
        let cluster = directory.url.appendingPathComponent("out/cluster-prod.yaml")
        try FileManager.default.removeItem(at: cluster)
        try FileManager.default.createSymbolicLink(atPath: cluster.path, withDestinationPath: "../elsewhere.txt")
        let result = try Self.render(["--output-dir", "out", "--set", "nodePools[0].replicas=2"], in: directory)
        #expect(result.status == 1)
        #expect(try String(contentsOf: directory.url.appendingPathComponent("elsewhere.txt"), encoding: .utf8) == "someone's file\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cluster.path) == "../elsewhere.txt")
    }

    @Test("new folders take the umask; a folder holding Secrets is never open to others", arguments: [("077", 0o700), ("022", 0o750), ("000", 0o770)])
    func folderModes(_ umask: String, _ expected: Int) throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        #expect(try Self.render(["--output-dir", "new/prod"], in: directory, umask: umask).status == 0)
        #expect(try Self.mode(directory.url.appendingPathComponent("new/prod").path) == expected)
        // The parents hold no Secret: the umask alone decides.
        #expect(try Self.mode(directory.url.appendingPathComponent("new").path) == 0o777 & ~Int(umask, radix: 8)!)
    }

    @Test("a folder that was 0777 loses its world bits once it holds Secrets")
    func worldWritableFolder() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        let out = directory.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: out.path)
        #expect(try Self.render(["--output-dir", "out"], in: directory, umask: "000").status == 0)
        #expect(try Self.mode(out.path) == 0o770)
    }

    /// A process that has ended: its id names no running process.
    static func endedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("staging folders of a killed run are cleaned by the next run; a user's file inside one is kept")
    func abandonedStaging() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        let pid = try Self.endedProcessID()
        let layout = try OutputDirectory(objects: Rendering.objects(Self.values, release: "prod"))
        // One killed after writing some files, one whose old tree had gained a user's file.
        let killed = ".out.kamaji-capi-\(pid)-aaaaaaaa", kept = ".out.kamaji-capi-\(pid)-bbbbbbbb"
        for staging in [killed, kept] {
            try directory.write("\(staging)/\(OutputDirectory.ownershipFileName)", layout.ownershipRecord)
            try directory.write("\(staging)/\(layout.files[0].name)", layout.files[0].contents)
        }
        try directory.write("\(kept)/mine.txt", "mine\n")
        // A staging folder of a process that is still running (this one) is not touched.
        let running = ".out.kamaji-capi-\(getpid())-cccccccc"
        try directory.write("\(running)/\(OutputDirectory.ownershipFileName)", layout.ownershipRecord)

        #expect(try Self.render(["--output-dir", "out"], in: directory).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
        #expect(names == [kept, running, "out", "values.yaml"].sorted())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent(kept).path) == ["mine.txt"])
    }

    @Test("a file that appears while the tree is written is kept, in the old tree's folder, and reported")
    func fileAppearingDuringTheWrite() throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("out")
        try OutputDirectory(objects: Rendering.objects(Self.values, release: "prod")).write(to: out)
        let changed = try OutputDirectory(objects: Rendering.objects(Self.values, release: "other"))
        var faults = OutputDirectory.WriteFaults()
        faults.beforeSwap = { try "late\n".write(to: out.appendingPathComponent("late.md"), atomically: false, encoding: .utf8) }
        let plan = try changed.write(to: out, faults: faults)
        let leftBehind = try #require(plan.leftBehind)
        #expect(try FileManager.default.contentsOfDirectory(atPath: leftBehind) == ["late.md"])
        #expect(try changed.plan(for: out).isUpToDate)
    }

    @Test("a tree written before the ownership record is recognised by its kustomization.yaml; a hand-written one is not")
    func treesWithoutARecord() throws {
        let directory = try TemporaryDirectory()
        try directory.write("values.yaml", Self.values)
        #expect(try Self.render(["--output-dir", "out"], in: directory).status == 0)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("out/\(OutputDirectory.ownershipFileName)"))
        let check = try Self.render(["--output-dir", "out", "--check"], in: directory)
        #expect(check.status == 1)
        #expect(check.stderr.contains("added    \(OutputDirectory.ownershipFileName)"))
        #expect(try Self.render(["--output-dir", "out"], in: directory).status == 0)
        #expect(try Self.render(["--output-dir", "out", "--check"], in: directory).status == 0)

        try directory.write("mine/kustomization.yaml", "resources:\n- deployment.yaml\n")
        try directory.write("mine/deployment.yaml", "kind: Deployment\n")
        let before = try Self.tree(directory.url.appendingPathComponent("mine"))
        #expect(try Self.render(["--output-dir", "mine"], in: directory).status == 1)
        #expect(try Self.tree(directory.url.appendingPathComponent("mine")) == before)
    }

    @Test("render-fleet refuses a cluster folder holding a user's file, writes through a symlinked one, and refuses its own values folder")
    func fleetFolders() throws {
        let directory = try TemporaryDirectory()
        try directory.write("tenants/alpha.yaml", Self.values)
        try directory.write("tenants/beta.yaml", Self.values)
        try directory.write("tenants/tenants.yaml", Self.values)
        try directory.write("out/alpha/README.md", "alpha's notes\n")
        try directory.write("elsewhere/.keep", "")
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("out/beta").path, withDestinationPath: "../elsewhere/beta")
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("elsewhere/beta"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("out/tenants").path, withDestinationPath: "../tenants")
        let result = try CommandLineTool.run(["render-fleet", "tenants", "--output-dir", "out"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("out/alpha: error: holds files kamaji-capi did not write: README.md"))
        #expect(result.stderr.contains("out/tenants: error: holds tenants/"))
        #expect(try Self.tree(directory.url.appendingPathComponent("out/alpha")) == ["README.md": "alpha's notes\n"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.url.appendingPathComponent("out/beta").path) == "../elsewhere/beta")
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("elsewhere/beta/kustomization.yaml").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("tenants").path).sorted() == ["alpha.yaml", "beta.yaml", "tenants.yaml"])
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Values files that are themselves hostile get a clear error, never a hang or a crash: each case
/// goes through the whole render (and, where it is about bytes or file types, the command line),
/// ends with a diagnostic that has a code and a line, and does so within a time bound.
@Suite("Hostile values files")
struct HostileValuesFileTests {
    /// The diagnostics of a render of `text`, and how long it took.
    static func refuse(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (
        [Diagnostic], TimeInterval
    ) {
        let start = Date()
        let errors = Rendering.errors(text)
        let elapsed = Date().timeIntervalSince(start)
        #expect(!errors.isEmpty, "the render should fail", sourceLocation: sourceLocation)
        return (errors, elapsed)
    }

    static let billionLaughs: String = {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        return text + "cluster:\n  controlPlane:\n    addons:\n      coreDNS: *i\n"
    }()

    @Test("an alias bomb (billion laughs) is refused quickly", .timeLimit(.minutes(1)))
    func aliasBomb() {
        let (errors, elapsed) = Self.refuse(Self.billionLaughs)
        #expect(errors.map(\.code) == [.inputLimit])
        #expect(errors.first?.location?.file == "values0.yaml")
        #expect(errors.first?.location?.line != nil)
        #expect(errors.first?.message.contains("nodes") == true)
        #expect(elapsed < 10)
    }

    @Test("100,000 nested brackets are refused at line 1", .timeLimit(.minutes(1)))
    func deepNesting() {
        for text in [
            "cluster:\n  controlPlane:\n    addons:\n      coreDNS: " + String(repeating: "[", count: 100_000) + "\n",
            String(repeating: "{a: ", count: 100_000),
        ] {
            let (errors, elapsed) = Self.refuse(text)
            #expect(errors.map(\.code) == [.inputLimit])
            #expect(errors.first?.location?.line != nil)
            #expect(errors.first?.message.contains("nesting deeper than 256") == true)
            #expect(elapsed < 10)
        }
    }

    @Test("a 20 MiB values file is refused before it is parsed", .timeLimit(.minutes(1)))
    func hugeFile() {
        let text = "cluster:\n  name: " + String(repeating: "x", count: 20 << 20) + "\n"
        let (errors, elapsed) = Self.refuse(text)
        #expect(errors.map(\.code) == [.inputLimit])
        #expect(errors.first?.location?.file == "values0.yaml")
        #expect(errors.first?.message.contains("more than the limit of \(16 << 20)") == true)
        #expect(elapsed < 10)
    }

    @Test("a hundred thousand unknown keys are refused in bounded time", .timeLimit(.minutes(2)))
    func wideFile() {
        let text = "cluster:\n" + (0..<100_000).map { "  k\($0): 1\n" }.joined()
        let (errors, elapsed) = Self.refuse(text)
        #expect(errors.first?.code == .unknownKey)
        #expect(errors.first?.location?.line == 2)
        #expect(errors.count <= 101, "a flood of unknown keys is cut short: \(errors.count)")
        #expect(elapsed < 60)
    }

    @Test("a duplicate key is an error at its line and column, with its path")
    func duplicateKey() {
        let (errors, _) = Self.refuse("vSphere:\n  server: a.example.com\n  server: b.example.com\n")
        #expect(errors.map(\.code) == [.duplicateKey])
        #expect(errors.first?.path == "vSphere.server")
        #expect(errors.first?.location == SourceLocation(file: "values0.yaml", line: 3, column: 3))
        #expect(errors.first?.hint != nil)
    }

    @Test("tags other than the standard ones are refused", arguments: [
        "!!binary aGVsbG8=", "!!python/object:os.system [rm -rf /]", "!!python/object/apply:os.system ['id']",
        "!custom value", "!<tag:example.com,2000:app/foo> x", "!!set {a, b}", "!!timestamp 2001-12-14",
    ])
    func tags(_ tagged: String) {
        let (errors, _) = Self.refuse("vSphere:\n  server: \(tagged)\n")
        #expect(errors.map(\.code) == [.unsupportedTag], "\(errors)")
        #expect(errors.first?.path == "vSphere.server")
        #expect(errors.first?.location?.line == 2)
        #expect(errors.first?.location?.column == 11)
    }

    @Test("two documents in one values file are refused at the second")
    func twoDocuments() {
        let (errors, _) = Self.refuse("cluster:\n  name: a\n---\ncluster:\n  name: b\n")
        #expect(errors.map(\.code) == [.yamlSyntax])
        #expect(errors.first?.location?.line == 4)
        #expect(errors.first?.message.contains("one YAML document") == true)
    }

    @Test("control characters are refused at their position")
    func controlCharacters() {
        let (errors, _) = Self.refuse("vSphere:\n  server: a\u{1}b\n")
        #expect(errors.map(\.code) == [.yamlSyntax])
        #expect(errors.first?.location == SourceLocation(file: "values0.yaml", line: 2, column: 12))
    }

    // MARK: Through the command line, which reads bytes

    static func values(_ bytes: [UInt8]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try Data(bytes).write(to: directory.url.appendingPathComponent("values.yaml"))
        return directory
    }

    @Test("bytes that are not UTF-8 are refused with their line and column")
    func invalidUTF8() throws {
        let directory = try Self.values(Array("vSphere:\n  server: ".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        let result = try CommandLineTool.run(["render", "x", "-f", "values.yaml"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("values.yaml:2:11: error: the file is not valid UTF-8: byte 0xC3 at offset 19"), "\(result.stderr)")
    }

    @Test("a 20 MiB file and /dev/zero stop at the size limit", .timeLimit(.minutes(1)))
    func sizeLimitOnTheCommandLine() throws {
        let directory = try Self.values(Array("cluster:\n  name: ".utf8) + [UInt8](repeating: 0x78, count: 20 << 20))
        for path in ["values.yaml", "/dev/zero"] {
            let start = Date()
            let result = try CommandLineTool.run(["render", "x", "-f", path], in: directory.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(path): error: the file is larger than the limit of \(16 << 20) bytes"), "\(result.stderr)")
            #expect(Date().timeIntervalSince(start) < 20)
        }
        let setFile = try CommandLineTool.run(["render", "x", "--set-file", "cluster.name=/dev/zero"], in: directory.url)
        #expect(setFile.status == 1)
        #expect(setFile.stderr.contains("larger than the limit"), "\(setFile.stderr)")
    }

    @Test("a directory is not a values file")
    func directory() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("values.yaml"), withIntermediateDirectories: true)
        let result = try CommandLineTool.run(["render", "x", "-f", "values.yaml"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("values.yaml: error: is a directory, not a file"), "\(result.stderr)")
    }

    @Test("a FIFO nothing writes to is an error after the idle timeout, not a hang", .timeLimit(.minutes(1)))
    func fifoWithoutWriter() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.appendingPathComponent("values.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let start = Date()
        #expect {
            _ = try InputFile.read(fifo, idleTimeout: 0.5)
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.message.contains("nothing was written to it") == true
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("a FIFO with a writer is read, as process substitution gives one", .timeLimit(.minutes(1)))
    func fifoWithWriter() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.appendingPathComponent("values.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            try? Data("cluster:\n  name: piped\n".utf8).write(to: URL(fileURLWithPath: fifo))
        }
        writer.start()
        #expect(try InputFile.text(fifo, idleTimeout: 10) == "cluster:\n  name: piped\n")
    }

    @Test("an endless FIFO stops at the size limit", .timeLimit(.minutes(1)))
    func endlessFIFO() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.appendingPathComponent("values.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            let chunk = Data(repeating: 0x61, count: 1 << 16)
            // Ends when the reader closes the FIFO (EPIPE); SIGPIPE is ignored by the test runner's pipes.
            for _ in 0..<(64 << 4) { if (try? handle.write(contentsOf: chunk)) == nil { break } }
            try? handle.close()
        }
        signal(SIGPIPE, SIG_IGN)
        writer.start()
        #expect {
            _ = try InputFile.read(fifo, maxBytes: 1 << 20, idleTimeout: 10)
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.code == .inputLimit
        }
    }
}

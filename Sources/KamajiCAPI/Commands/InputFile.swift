import Foundation
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads the files the command line is given (`-f`, `--set-file`, `diff` sides) as bytes, refusing
/// what cannot be a values file instead of hanging on it or exhausting memory:
///
/// - at most `maxBytes` are read (the YAML reader's input limit), so `/dev/zero`, an endless pipe
///   or a huge file stop with an `input-limit` error after that many bytes;
/// - a directory is an error, not an empty file;
/// - a FIFO, socket or device (other than standard input, `-`) must deliver its first bytes, and
///   each following ones, within `idleTimeout`: a FIFO nothing writes to is an error rather than a
///   hang. Process substitution (`-f <(generate-values)`) works as before.
public enum InputFile {
    public static let defaultIdleTimeout: TimeInterval = 30

    /// The file's bytes; `-` is standard input.
    public static func read(
        _ path: String, maxBytes: Int = YAMLReader.Limits().maxBytes, idleTimeout: TimeInterval = defaultIdleTimeout
    ) throws(DiagnosticError) -> [UInt8] {
        func failure(_ message: String, code: Diagnostic.Code = .io, hint: String = "check the path and its permissions")
            -> DiagnosticError
        {
            DiagnosticError(Diagnostic(code: code, location: SourceLocation(file: path), message: message, hint: hint))
        }
        let isStandardInput = path == "-"
        let fd = isStandardInput ? STDIN_FILENO : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot read the file: \(String(cString: strerror(errno)))") }
        defer { if !isStandardInput { close(fd) } }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot read the file: \(String(cString: strerror(errno)))") }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            throw failure("is a directory, not a file", hint: "pass a values file; -f does not read directories")
        }
        // Regular files never block; everything else is waited for with a time limit.
        let waits = !isStandardInput && type != S_IFREG
        if !isStandardInput && !waits {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            if waits {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(max(0, min(idleTimeout * 1000, Double(Int32.max)))))
                if ready == 0 {
                    throw failure(
                        "nothing was written to it for \(Int(idleTimeout)) seconds",
                        hint: "start the program that writes to the FIFO first, or pass a regular file")
                }
                if ready < 0 && errno != EINTR {
                    throw failure("cannot read the file: \(String(cString: strerror(errno)))")
                }
            }
            let wanted = min(chunk.count, maxBytes + 1 - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw failure("cannot read the file: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            if bytes.count > maxBytes {
                throw failure(
                    "the file is larger than the limit of \(maxBytes) bytes", code: .inputLimit,
                    hint: "values files are small; split the file, or check that the path names the file you meant")
            }
        }
        return bytes
    }

    /// The file's text: UTF-8 (or UTF-16 with a byte-order mark); invalid UTF-8 is reported with
    /// its line and column.
    public static func text(
        _ path: String, maxBytes: Int = YAMLReader.Limits().maxBytes, idleTimeout: TimeInterval = defaultIdleTimeout
    ) throws(DiagnosticError) -> String {
        try YAMLReader.text(read(path, maxBytes: maxBytes, idleTimeout: idleTimeout), file: path)
    }
}

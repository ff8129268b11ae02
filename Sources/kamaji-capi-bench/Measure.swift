import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Seconds on the monotonic clock.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func medianOf(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// One measured case: the wall time of every run and the highest peak resident set of any run.
struct Measurement {
    var seconds: [Double] = []
    /// KiB; nil where the platform cannot tell.
    var peakKiB: Int?

    var median: Double { medianOf(seconds) }

    mutating func add(seconds: Double, peakKiB: Int?) {
        self.seconds.append(seconds)
        if let peakKiB { self.peakKiB = max(self.peakKiB ?? 0, peakKiB) }
    }
}

/// Child processes started with `posix_spawnp`, their output thrown away, and their peak memory
/// read from `wait4`'s resource usage (the kernel's high-water mark of the child alone).
enum Subprocess {
    struct Failure: Error, CustomStringConvertible {
        var command: [String]
        var status: Int32
        var description: String { "exit status \(status): \(command.joined(separator: " "))" }
    }

    /// Runs every command, at most `jobs` at a time; returns the wall time of the whole batch and
    /// the largest peak resident set of any one child.
    static func runAll(_ commands: [[String]], jobs: Int = 1, stdout: String = "/dev/null") throws -> (
        seconds: Double, peakKiB: Int
    ) {
        var running: [pid_t: [String]] = [:]
        var next = 0
        var peak = 0
        let start = now()
        while next < commands.count || !running.isEmpty {
            while next < commands.count && running.count < jobs {
                running[try spawn(commands[next], stdout: stdout)] = commands[next]
                next += 1
            }
            var status: Int32 = 0
            var usage = rusage()
            let pid = wait4(-1, &status, 0, &usage)
            guard pid > 0, let command = running.removeValue(forKey: pid) else { continue }
            #if canImport(Darwin)
                peak = max(peak, Int(usage.ru_maxrss) / 1024)  // bytes on Darwin
            #else
                peak = max(peak, Int(usage.ru_maxrss))  // KiB on Linux
            #endif
            if status != 0 { throw Failure(command: command, status: status) }
        }
        return (now() - start, peak)
    }

    /// The peak resident set of one run, in KiB, as GNU time reports it from a small process of its
    /// own. wait4's ru_maxrss of a child spawned from this process is no use once this process is
    /// large: the kernel carries the high-water mark of the spawning process over the child's exec.
    static func peakKiB(_ command: [String]) -> Int? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let file = NSTemporaryDirectory() + "kc-bench-rss-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard (try? runAll([["/usr/bin/time", "-f", "%M", "-o", file] + command])) != nil,
            let text = try? String(contentsOfFile: file, encoding: .utf8)
        else { return nil }
        return Int(text.split(separator: "\n").last.map(String.init) ?? "")
    }

    static func spawn(_ command: [String], stdout: String) throws -> pid_t {
        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, command[0], &actions, nil, arguments, environ)
        guard result == 0 else { throw Failure(command: command, status: result) }
        return pid
    }
}

/// The peak resident set of this process since the last reset (Linux: `VmHWM`, reset by writing 5
/// to `/proc/self/clear_refs`), so each in-process case gets its own peak.
enum PeakMemory {
    static func reset() {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        handle.write(Data("5".utf8))
        try? handle.close()
    }

    static func currentKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        }
        return nil
    }
}

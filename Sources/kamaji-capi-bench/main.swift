import Foundation
import KamajiCAPI
import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

// kamaji-capi-bench: times the library in-process and the release binary as a child process (startup
// included) on inputs it writes itself, and `helm template` on the same files when HELM and
// HELM_CHART are set. Prints Markdown tables: medians of several runs, peak resident memory.
//
//   scripts/build-release.sh && .build/release/kamaji-capi-bench [--runs N] [--quick]
//   HELM=/path/to/helm HELM_CHART=scripts/reference-chart .build/release/kamaji-capi-bench

struct Options {
    var runs = 5
    var pools = [1, 100, 500, 1000, 2000, 5000]
    var fleets = [100, 1000, 2000]
    var poolsPerCluster = 3
    var cli: String?
    var helmFleetRuns = 1
    var helmMaxFleet = 1000
    var keep = false

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var iterator = arguments.dropFirst().makeIterator()
        func value(_ name: String) -> String {
            guard let value = iterator.next() else { usage("\(name) needs a value") }
            return value
        }
        func number(_ text: some StringProtocol, _ name: String) -> Int {
            guard let number = Int(text), number > 0 else { usage("\(name) takes positive whole numbers") }
            return number
        }
        func numbers(_ name: String) -> [Int] { value(name).split(separator: ",").map { number($0, name) } }
        while let argument = iterator.next() {
            switch argument {
            case "--runs": options.runs = number(value(argument), argument)
            case "--pools": options.pools = numbers(argument)
            case "--fleets": options.fleets = numbers(argument)
            case "--cli": options.cli = value(argument)
            case "--helm-fleet-runs": options.helmFleetRuns = number(value(argument), argument)
            case "--helm-max-fleet": options.helmMaxFleet = number(value(argument), argument)
            case "--keep": options.keep = true
            case "--quick":
                options.runs = 3
                options.pools = [1, 500]
                options.fleets = [100]
            case "-h", "--help": usage(nil)
            default: usage("unknown argument \(argument)")
            }
        }
        return options
    }
}

func usage(_ problem: String?) -> Never {
    if let problem { FileHandle.standardError.write(Data("error: \(problem)\n".utf8)) }
    print("""
        usage: kamaji-capi-bench [--runs N] [--pools 1,500,...] [--fleets 100,1000,...] [--quick]
                                 [--cli PATH] [--helm-fleet-runs N] [--helm-max-fleet N] [--keep]
          HELM=/path/to/helm HELM_CHART=/path/to/chart  also time `helm template` on the same files
        Single renders run 4 x N times (N for 500 pools and more), fleets N times; medians are reported.
        """)
    exit(problem == nil ? 0 : 2)
}

func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

func ms(_ seconds: Double) -> String { String(format: seconds < 0.1 ? "%.2f ms" : "%.0f ms", seconds * 1000) }
func mib(_ kib: Int?) -> String { kib.map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "n/a" }
func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.1f×", a / b) }

let options = Options.parse(CommandLine.arguments)
let cores = ProcessInfo.processInfo.activeProcessorCount
let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
let cli = options.cli ?? (URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("kamaji-capi").path)
guard FileManager.default.isExecutableFile(atPath: cli) else {
    usage("no kamaji-capi binary at \(cli): run `scripts/build-release.sh` first, or pass --cli PATH")
}
let environment = ProcessInfo.processInfo.environment
let helm: (binary: String, chart: String)? = environment["HELM"].flatMap { binary in
    environment["HELM_CHART"].map { (binary, $0) }
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "n/a").split(separator: " ").prefix(3)
        .joined(separator: " ")
}

func capture(_ command: [String]) -> String {
    let file = NSTemporaryDirectory() + "kc-bench-capture-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: file) }
    guard (try? Subprocess.runAll([command], stdout: file)) != nil else { return "n/a" }
    return ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
}

let cpu = ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "").split(separator: "\n")
    .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) } ?? "n/a"
let startLoad = loadAverage()
let root = NSTemporaryDirectory() + "kamaji-capi-bench-\(getpid())"
let inputs = try BenchInputs.create(
    in: root, pools: options.pools, fleets: options.fleets, poolsPerCluster: options.poolsPerCluster)
defer { if !options.keep { try? FileManager.default.removeItem(atPath: root) } }

print("# kamaji-capi benchmark")
print()
print("- date: \(ISO8601DateFormatter().string(from: Date()))")
print("- machine: \(cpu), \(cores) cores; load average at start: \(startLoad)")
print("- kamaji-capi: \(cli)")
if let helm { print("- helm: \(helm.binary) (\(capture([helm.binary, "version", "--short"]))), chart \(helm.chart)") }
print("- peak memory: GNU time's maximum resident set of one extra run (for helm fleets: of one cluster's process)")
print("- runs: \(options.runs) (single renders below 500 pools: \(4 * options.runs); 2,000 pools or more and fleets of 1,000 or more: at most 3; helm: half, at least 3); medians")
print("- inputs and fleet output: \(root)\(options.keep ? "" : " (deleted afterwards)"); TMPDIR moves them")
print()

/// One row of the tables: a values file (or fleet folder) and what each contender took.
struct Row {
    var label: String
    var size: Int
    var library: Measurement
    var cli: Measurement
    var check: Measurement?
    var helm: Measurement?
}

// MARK: single clusters

func renderInProcess(_ file: String) -> Int {
    let request = RenderRequest(releaseName: "bench", valueFiles: [try! ValuesFile(path: file)])
    do {
        return ManifestStream.yaml(try RenderPipeline.render(request).objects).utf8.count
    } catch {
        note("error: \(file): \(error)")
        exit(1)
    }
}

func measureSingle(_ label: String, file: String, size: Int, runs: Int) throws -> Row {
    note("\(label): in-process")
    var library = Measurement()
    _ = renderInProcess(file)  // warm-up: the defaults' first parse, page faults
    for _ in 0..<runs {
        PeakMemory.reset()
        let start = now()
        _ = renderInProcess(file)
        library.add(seconds: now() - start, peakKiB: PeakMemory.currentKiB())
    }
    note("\(label): kamaji-capi render")
    var binary = Measurement()
    for _ in 0..<runs {
        binary.add(seconds: try Subprocess.runAll([[cli, "render", "bench", "-f", file]]).seconds, peakKiB: nil)
    }
    binary.peakKiB = Subprocess.peakKiB([cli, "render", "bench", "-f", file])
    var helmMeasurement: Measurement?
    if let helm {
        note("\(label): helm template")
        var measurement = Measurement()
        let command = [helm.binary, "template", "bench", helm.chart, "-f", file]
        for _ in 0..<max(3, runs / 2) {
            measurement.add(seconds: try Subprocess.runAll([command]).seconds, peakKiB: nil)
        }
        measurement.peakKiB = Subprocess.peakKiB(command)
        helmMeasurement = measurement
    }
    return Row(label: label, size: size, library: library, cli: binary, helm: helmMeasurement)
}

var singles: [Row] = []
singles.append(try measureSingle("default values", file: inputs.defaultValues, size: 1, runs: 4 * options.runs))
for count in options.pools {
    let runs = count < 500 ? 4 * options.runs : count < 2000 ? options.runs : min(options.runs, 3)
    singles.append(try measureSingle("\(count) pools", file: inputs.pools(count), size: count, runs: runs))
}

// MARK: fleets

func measureFleet(_ clusters: Int) throws -> Row {
    let directory = inputs.fleet(clusters)
    let out = "\(root)/out-\(clusters)"
    func clean() { try? FileManager.default.removeItem(atPath: out) }
    let runs = clusters < 1000 ? options.runs : min(options.runs, 3)
    note("fleet of \(clusters): in-process")
    var library = Measurement()
    for _ in 0..<runs {
        clean()
        PeakMemory.reset()
        let start = now()
        let report = try FleetRenderer.render(
            FleetRequest(inputs: try FleetInputs.discover(directory: directory), outputDirectory: out, jobs: cores))
        library.add(seconds: now() - start, peakKiB: PeakMemory.currentKiB())
        guard report.succeeded else {
            note(report.messages.joined(separator: "\n"))
            exit(1)
        }
    }
    note("fleet of \(clusters): kamaji-capi render-fleet")
    var binary = Measurement()
    for _ in 0..<runs {
        clean()
        binary.add(seconds: try Subprocess.runAll([[cli, "render-fleet", directory, "--output-dir", out]]).seconds, peakKiB: nil)
    }
    clean()
    binary.peakKiB = Subprocess.peakKiB([cli, "render-fleet", directory, "--output-dir", out])
    note("fleet of \(clusters): kamaji-capi render-fleet --check")
    var check = Measurement()
    for _ in 0..<runs {
        check.add(seconds: try Subprocess.runAll([[cli, "render-fleet", directory, "--output-dir", out, "--check"]]).seconds, peakKiB: nil)
    }
    clean()
    var helmMeasurement: Measurement?
    if let helm, clusters <= options.helmMaxFleet {
        note("fleet of \(clusters): helm template, \(cores) at a time")
        let commands = inputs.fleetFiles(clusters).enumerated().map { index, file in
            [helm.binary, "template", inputs.tenant(index), helm.chart, "-f", inputs.fleetBase(clusters), "-f", file]
        }
        var measurement = Measurement()
        for _ in 0..<options.helmFleetRuns {
            measurement.add(seconds: try Subprocess.runAll(commands, jobs: cores).seconds, peakKiB: nil)
        }
        measurement.peakKiB = Subprocess.peakKiB(commands[0])  // each cluster is a process of its own
        helmMeasurement = measurement
    }
    return Row(label: "\(clusters) clusters", size: clusters, library: library, cli: binary, check: check, helm: helmMeasurement)
}

var fleets: [Row] = []
for clusters in options.fleets { fleets.append(try measureFleet(clusters)) }

// MARK: report

func table(_ title: String, _ rows: [Row], unit: String, fleet: Bool) {
    print("## \(title)")
    print()
    var header = "| input | in-process | kamaji-capi | kamaji-capi peak |"
    var rule = "| --- | ---: | ---: | ---: |"
    if fleet {
        header += " --check |"
        rule += " ---: |"
    }
    header += " per \(unit) (kamaji-capi) |"
    rule += " ---: |"
    if helm != nil {
        header += " helm template | helm peak | faster | less memory |"
        rule += " ---: | ---: | ---: | ---: |"
    }
    print(header)
    print(rule)
    for row in rows {
        var line = "| \(row.label) | \(ms(row.library.median)) | \(ms(row.cli.median)) | \(mib(row.cli.peakKiB)) |"
        if fleet { line += " \(row.check.map { ms($0.median) } ?? "") |" }
        line += " \(String(format: "%.3f ms", row.cli.median * 1000 / Double(row.size))) |"
        if helm != nil {
            if let measurement = row.helm {
                let memory = measurement.peakKiB.flatMap { h in row.cli.peakKiB.map { ratio(Double(h), Double($0)) } } ?? "n/a"
                line += " \(ms(measurement.median)) | \(mib(measurement.peakKiB)) | \(ratio(measurement.median, row.cli.median)) | \(memory) |"
            } else {
                line += " | | | |"
            }
        }
        print(line)
    }
    print()
}

table("One cluster (`render NAME -f FILE`)", singles, unit: "pool", fleet: false)
table(
    "Fleets of clusters with \(options.poolsPerCluster) pools (`render-fleet DIR --output-dir OUT`, \(cores) workers)",
    fleets, unit: "cluster", fleet: true)
if helm != nil {
    print("helm fleets: one `helm template` per cluster, \(cores) at a time, output to /dev/null (no files written);")
    print("\(options.helmFleetRuns) run(s) each.")
    print()
}
print("In-process: the library alone (render and emit, or the whole fleet with its files), no process startup.")
print("Load average at the end: \(loadAverage())")

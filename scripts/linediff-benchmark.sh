#!/usr/bin/env bash
# Times LineDiff (Myers, kept frontiers sliced) against the standard library's difference(from:) on
# the per-object diffs of a 5,000-pool change and on one 500-pool stream. See docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed 's/public enum LineDiff/enum LineDiff/' "$here/Sources/KamajiCAPI/Commands/LineDiff.swift" > "$work/LineDiff.swift"
cat > "$work/main.swift" <<'SWIFT'
import Foundation
func stdlibEdits(_ old: [String], _ new: [String]) -> Int { new.difference(from: old).count }
func object(_ i: Int, memory: Int) -> [String] {
    ["apiVersion: infrastructure.cluster.x-k8s.io/v1beta1", "kind: VSphereMachineTemplate", "metadata:",
     "  name: c-pool\(i)-vsphere-machine-template-\(String(memory, radix: 16))"]
        + (0..<30).map { "    field\($0): value-\(i)-\($0)" } + ["      memoryMiB: \(memory)"]
}
let old = (0..<5000).map { object($0, memory: 4096) }, new = (0..<5000).map { object($0, memory: 8192) }
let stream = (Array(old.prefix(500).joined()), Array(new.prefix(500).joined()))
func time(_ label: String, _ body: () -> Int) {
    var best = Double.infinity
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    print(label, String(format: "%.1f ms", best))
}
time("LineDiff, 5,000 objects:          ") { zip(old, new).reduce(0) { $0 + LineDiff.edits($1.0, $1.1).count } }
time("difference(from:), 5,000 objects: ") { zip(old, new).reduce(0) { $0 + stdlibEdits($1.0, $1.1) } }
time("LineDiff, one 500-pool stream:    ") { LineDiff.edits(stream.0, stream.1).count }
SWIFT
swiftc -O "$work/LineDiff.swift" "$work/main.swift" -o "$work/bench"
"$work/bench"

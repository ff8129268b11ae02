import Foundation
import Testing

/// Other packages can depend on the library by version (README, "Performance"): SwiftPM refuses a
/// versioned dependency whose targets carry unsafe flags, so only the executable, which they never
/// build, may have any, and the build's tuning flag comes from `scripts/build-release.sh`. The process
/// ends in one place (docs/performance.md, "Process tuning").
@Suite struct ProcessRulesTests {
    static let root = TargetGraphTests.root

    @Test func onlyTheExecutableHasUnsafeFlags() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        // Each target's declaration runs from its opening to the next one's.
        let declarations = manifest.split(separator: /\.(?:target|executableTarget|testTarget)\(/).dropFirst()
        #expect(declarations.count >= 10)
        let flagged = declarations.filter { $0.contains("unsafeFlags") }.map { String($0.firstMatch(of: /name: "([^"]+)"/)?.1 ?? "?") }
        #expect(flagged == ["kamaji-capi"])
    }

    @Test func theReleaseScriptTunesTheWholeBuild() throws {
        let script = try String(contentsOf: Self.root.appendingPathComponent("scripts/build-release.sh"), encoding: .utf8)
        #expect(script.contains("swift build -c release"))
        #expect(script.contains("-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors"))
    }

    @Test func onlyTheRootCommandEndsTheProcess() throws {
        let folder = Self.root.appendingPathComponent("Sources/kamaji-capi")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.contains("KamajiCAPICommand.swift"))
        for name in files where name != "KamajiCAPICommand.swift" {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains(/\bexit\(/), "\(name) ends the process itself instead of returning or throwing")
        }
    }
}

import Foundation
import Testing

/// The stages' rules as a graph (docs/performance.md "Layout", README "Layout"): each stage imports
/// only the targets Package.swift gives it, and Package.swift gives no stage a forbidden one.
/// SwiftPM lets a target import any target it reaches transitively, so this test is what turns an
/// import that skips the graph into a failure.
@Suite struct TargetGraphTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// What each stage must never reach, directly or by an import.
    static let forbidden: [String: Set<String>] = [
        "KamajiDiagnostics": ["KamajiYAML", "KamajiValues", "KamajiValidation", "KamajiModel", "KamajiManifests", "KamajiCAPI"],
        "KamajiYAML": ["KamajiValues", "KamajiValidation", "KamajiModel", "KamajiManifests", "KamajiCAPI"],
        "KamajiValues": ["KamajiValidation", "KamajiModel", "KamajiManifests", "KamajiCAPI"],
        "KamajiValidation": ["KamajiValues", "KamajiModel", "KamajiManifests", "KamajiCAPI"],
        "KamajiModel": ["KamajiManifests", "KamajiCAPI"],
        "KamajiManifests": ["KamajiValues", "KamajiValidation", "KamajiCAPI"],
    ]

    /// The `Kamaji*` targets each target of Package.swift depends on.
    static func declaredDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var graph: [String: Set<String>] = [:]
        for block in manifest.components(separatedBy: "Target(").dropFirst() + manifest.components(separatedBy: ".target(").dropFirst() {
            guard let name = block.firstMatch(of: /name: "([^"]+)"/)?.1 else { continue }
            let dependencies = block.firstMatch(of: /dependencies: \[([^\]]*)\]/)?.1 ?? ""
            graph[String(name), default: []].formUnion(dependencies.matches(of: /"(Kamaji\w+)"/).map { String($0.1) })
        }
        return graph
    }

    /// The `Kamaji*` modules the Swift files of `Sources/<target>` import.
    static func imports(of target: String) throws -> [String: Set<String>] {
        let folder = root.appendingPathComponent("Sources/\(target)")
        var found: [String: Set<String>] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path)! where path.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            for match in text.matches(of: /(?m)^(?:@testable |@_exported )?import (Kamaji\w+)/) {
                found[String(match.1), default: []].insert(path)
            }
        }
        return found
    }

    @Test(arguments: ["KamajiDiagnostics", "KamajiYAML", "KamajiValues", "KamajiValidation", "KamajiModel", "KamajiManifests", "KamajiCAPI"])
    func aStageImportsOnlyWhatItsTargetDeclares(_ target: String) throws {
        let declared = try #require(try Self.declaredDependencies()[target], "\(target) is not in Package.swift")
        for (module, files) in try Self.imports(of: target) where module != target {
            #expect(declared.contains(module), "\(target) imports \(module) in \(files.sorted()), which Package.swift does not give it")
        }
        #expect(declared.isDisjoint(with: Self.forbidden[target] ?? []), "\(target) depends on \(declared.intersection(Self.forbidden[target] ?? []))")
    }

    @Test func everyStageIsATarget() throws {
        let graph = try Self.declaredDependencies()
        for stage in Self.forbidden.keys { #expect(graph[stage] != nil, "\(stage)") }
    }

    /// Tests mirror the targets: a stage's tests sit in a folder named after it, so a reader finds
    /// them by the target's name; only these folders span stages or hold no tests.
    @Test func testFoldersAreNamedAfterTargets() throws {
        let spanning: Set<String> = ["Architecture", "Hostile", "Support", "Fixtures"]
        let tests = Self.root.appendingPathComponent("Tests/KamajiCAPITests")
        let folders = try FileManager.default.contentsOfDirectory(atPath: tests.path).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: tests.appendingPathComponent($0).path, isDirectory: &isFolder) && isFolder.boolValue
        }
        let targets = Set(try Self.declaredDependencies().keys)
        for folder in folders where !spanning.contains(folder) {
            #expect(targets.contains(folder), "Tests/KamajiCAPITests/\(folder) is named after no target of Package.swift")
        }
        for stage in Self.forbidden.keys.sorted() + ["KamajiCAPI"] {
            #expect(folders.contains(stage), "the stage \(stage) has no test folder")
        }
    }
}

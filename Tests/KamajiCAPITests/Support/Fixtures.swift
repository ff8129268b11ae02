import Foundation
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Locates test data next to the sources, so a new case is a new folder and no code.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// The sub-folders of a fixtures folder, sorted, as test arguments.
    static func caseFolders(_ relative: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(relative).path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: url(relative).appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted().map { "\(relative)/\($0)" }
    }
}

/// A rendered-chart case: values, release name and namespace, and Helm's output.
struct ChartCase: CustomTestStringConvertible {
    var folder: String
    var release: String
    var namespace: String
    var valuesText: String
    /// `override.yaml`, when the folder has one: a second `-f` file, merged over `values.yaml`.
    var overrideText: String?
    var expectedText: String

    init(folder: String) throws {
        self.folder = folder
        let caseInfo = try Fixtures.text("\(folder)/case.yaml")
        func field(_ name: String) -> String {
            caseInfo.split(separator: "\n").first { $0.hasPrefix("\(name): ") }
                .map { String($0.dropFirst(name.count + 2)) } ?? ""
        }
        release = field("release")
        namespace = field("namespace")
        valuesText = try Fixtures.text("\(folder)/values.yaml")
        overrideText = try? Fixtures.text("\(folder)/override.yaml")
        expectedText = try Fixtures.text("\(folder)/expected.yaml")
    }

    var testDescription: String { folder }

    var request: RenderRequest {
        RenderRequest(
            releaseName: release, namespace: namespace,
            valueFiles: [ValuesFile(name: "\(folder)/values.yaml", text: valuesText)]
                + (overrideText.map { [ValuesFile(name: "\(folder)/override.yaml", text: $0)] } ?? []))
    }
}

import Testing

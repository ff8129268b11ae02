import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The JSON Schema is recorded from the Swift types; these tests hold it to what `render` accepts by
/// validating real values files against it with a small draft-07 validator (the subset it uses).
@Suite struct ValuesSchemaTests {
    nonisolated(unsafe) static let schema: [String: Any] = parsedSchema(.vsphere)
    nonisolated(unsafe) static let proxmoxSchema: [String: Any] = parsedSchema(.proxmox)

    static func parsedSchema(_ chart: ChartName) -> [String: Any] {
        let data = Data(ValuesReference.jsonSchema(chart: chart).utf8)
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// Every violation, as `path: problem`.
    static func violations(_ value: YAMLValue, _ schema: [String: Any], path: String = "") -> [String] {
        var problems: [String] = []
        let typeName: String =
            switch value {
            case .null: "null"
            case .bool: "boolean"
            case .int: "integer"
            case .float: "number"
            case .string: "string"
            case .sequence: "array"
            case .mapping: "object"
            }
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }),
            !types.contains(typeName) && !(typeName == "integer" && types.contains("number"))
        {
            return ["\(path): \(typeName) is not \(types)"]
        }
        if let cases = schema["enum"] as? [Any], !cases.contains(where: { ($0 as? String) == value.string }) {
            problems.append("\(path): not one of \(cases)")
        }
        if case .mapping(let mapping) = value {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for key in schema["required"] as? [String] ?? [] where mapping[key] == nil {
                problems.append("\(path).\(key): required")
            }
            for entry in mapping.entries {
                let child = "\(path).\(entry.key)"
                if let property = properties[entry.key] {
                    problems += violations(entry.value, property, path: child)
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    problems += violations(entry.value, additional, path: child)
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(child): not allowed")
                }
            }
        }
        if case .sequence(let items) = value, let itemSchema = schema["items"] as? [String: Any] {
            for (index, item) in items.enumerated() { problems += violations(item, itemSchema, path: "\(path)[\(index)]") }
        }
        return problems
    }

    /// Against the schema of the chart the file names (`chart:`), the vSphere chart's by default.
    static func violations(ofValuesText text: String) throws -> [String] {
        let document = try YAMLText.document(text, file: "values.yaml")
        let isProxmox = ChartName.named(in: document) == ChartName.proxmox.rawValue
        return violations(document, isProxmox ? proxmoxSchema : schema)
    }

    /// Values that render, but with a warning whose fix the schema asks for: quoted numbers in keys
    /// the chart prints bare (the schema wants the plain number, as the warning does).
    static let renderWithWarnings: Set<String> = ["cases/quoted-numbers-and-booleans/values.yaml"]

    static let valuesFiles: [String] =
        (ChartConformanceTests.cases.map { "\($0)/values.yaml" } + Fixtures.caseFolders("check").map { "\($0)/pass.yaml" })
        .filter { !renderWithWarnings.contains($0) }

    @Test func defaultsAndExamplesConform() throws {
        #expect(try Self.violations(ofValuesText: DefaultValues.yaml) == [])
        let examples = GeneratedDocsTests.repository.appendingPathComponent("examples")
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
            #expect(try Self.violations(ofValuesText: text) == [], "examples/\(name)")
        }
    }

    @Test(arguments: valuesFiles)
    func valuesThatRenderConform(file: String) throws {
        #expect(try Self.violations(ofValuesText: try Fixtures.text(file)) == [])
    }

    @Test func mistakesDoNotConform() throws {
        #expect(try Self.violations(ofValuesText: "nodePools:\n- {name: a, template: t, network: vm-net, numCPU: 4}")
            == [".nodePools[0].numCPU: not allowed"])
        // template and network are required with the vSphere provider only (the decoder says so), so the schema leaves them optional
        #expect(try Self.violations(ofValuesText: "nodePools:\n- {network: vm-net}") == [".nodePools[0].name: required"])
        #expect(try Self.violations(ofValuesText: "apiVersions: {kamaji: v1beta1}").count == 1)
        #expect(try Self.violations(ofValuesText: "vSphere: {port: \"443\"}").count == 1)
        for file in Self.renderWithWarnings { #expect(try !Self.violations(ofValuesText: try Fixtures.text(file)).isEmpty) }
        #expect(try Self.violations(ofValuesText: "cluster: {controlPlane: {labels: {on: true}}}") == [], "label values take scalars")
    }

    @Test func recordedFromTheSwiftTypes() throws {
        let keys = Dictionary(ValuesReference.keys.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(keys["nodePools[].name"]?.isRequired == true)
        #expect(keys["nodePools[].template"]?.isRequired == false)
        #expect(keys["nodePools[].dataStore"]?.isOptional == true)
        #expect(keys["nodePools[].autoscaling.minSize"]?.type == .integerOrString)
        #expect(keys["apiVersions.kamaji"]?.type == .enumeration(["v1alpha1", "v1alpha2"]))
        #expect(keys["cluster.controlPlane.labels"]?.type == .map(.scalarString))
        #expect(keys["cluster.controlPlane.deployment.affinity"]?.type == .any)
        #expect(keys["cluster.controlPlane.version"]?.isRequired == false, "the defaults provide it")
        #expect(keys["vSphere.dataCenter"]?.description == "Datacenter to use")
        #expect(keys["vSphere.secret.name"]?.description == "The name of an existing Secret for vSphere", "from a commented-out key")
        #expect(keys["nodePools[].additionalCloudInitFiles"]?.description == "Additional cloud-init files to pass to the machines")
    }

    @Test func everyDefaultKeyIsDocumented() throws {
        let documented = Set(ValuesReference.keys.map(\.path))
        func paths(_ value: YAMLValue, _ path: String) -> [String] {
            switch value {
            case .mapping(let mapping):
                return mapping.entries.flatMap { entry -> [String] in
                    let child = path.isEmpty ? entry.key : "\(path).\(entry.key)"
                    // Free-form and map values have no keys of their own.
                    if let key = ValuesReference.keys.first(where: { $0.path == child }), case .object = key.type {
                        return [child] + paths(entry.value, child)
                    }
                    if case .list(.object) = ValuesReference.keys.first(where: { $0.path == child })?.type {
                        return [child] + (entry.value.sequence ?? []).flatMap { paths($0, child + "[]") }
                    }
                    return [child]
                }
            default: return []
            }
        }
        let defaults = try YAMLText.document(DefaultValues.yaml, file: "values.yaml")
        #expect(Set(paths(defaults, "")).subtracting(documented) == [])
    }
}

extension ValuesSchemaTests {
    /// A `# --` description in values.yaml that lands on no key (a continuation line read as a
    /// commented-out key, a misspelt example key) would leave the real key undocumented.
    @Test func everyDescriptionDescribesAKey() {
        let documented = Set(ValuesReference.keys.map(\.path))
        let described = Set(ValuesComments.descriptions(DefaultValues.yaml).keys)
        #expect(described.subtracting(documented).sorted() == [])
    }
}

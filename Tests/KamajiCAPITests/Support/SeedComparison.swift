import Foundation
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Issue 7's comparison of an example's render with a Kamaji guide's manifests
/// (Fixtures/seeds/<guide>): object by object, after exactly these normalisations, and no others:
///
/// 1. Namespaces are dropped: the guides leave most objects without one.
/// 2. Template names: the guide's templates (`VSphereMachineTemplate`, `Metal3MachineTemplate`,
///    `Metal3DataTemplate`, `PacketMachineTemplate`, `KubeadmConfigTemplate`) are paired with the
///    rendered ones by kind, and the guide's name of each (on the template and in the references
///    `{kind, name}` and `dataTemplate: {name}` to it) is replaced by the rendered, hash-suffixed name.
/// 3. Fields current schemas require and the guides' older manifests lack are added to the guide:
///    `apiGroup: ipam.metal3.io` and `kind: IPPool` in the Metal3DataTemplate's `*FromIPPool`
///    references, and the `PacketCluster`'s `vipManager` with its schema default `CPEM`.
///
/// Objects are then paired by kind where each stream has exactly one object of that kind, else by
/// name. What still differs must be listed, with the reason, in the guide's `accepted.yaml`.
enum SeedComparison {
    static let templateKinds: Set<String> = [
        "VSphereMachineTemplate", "Metal3MachineTemplate", "Metal3DataTemplate", "PacketMachineTemplate",
        "KubeadmConfigTemplate",
    ]

    struct Difference: CustomStringConvertible {
        var object: String
        var path: String
        var detail: String
        var description: String { "\(object) \(path): \(detail)" }
    }

    static func differences(guide: String, rendered: [ManifestObject]) throws -> [Difference] {
        var expected = try ManifestComparison.parseStream(guide).filter { $0.mapping != nil }.map { $0.droppingNulls() }
        // The rendered trees themselves, so the comparison does not depend on the emitter.
        let actual = rendered.map { droppingNamespace($0.body.droppingNulls()) }
        expected = expected.map { addingSchemaRequiredFields(droppingNamespace($0)) }
        var renames: [Rename: String] = [:]
        for kind in templateKinds {
            let guideNames = expected.filter { $0["kind"]?.string == kind }.compactMap { $0["metadata", "name"]?.string }
            let renderedNames = actual.filter { $0["kind"]?.string == kind }.compactMap { $0["metadata", "name"]?.string }
            for (guideName, renderedName) in zip(guideNames, renderedNames) {
                renames[Rename(kind: kind, name: guideName)] = renderedName
            }
        }
        expected = expected.map { renamingTemplates($0, renames) }

        var differences: [Difference] = []
        var unmatched = actual
        for object in expected {
            let kind = object["kind"]?.string ?? ""
            let label = "\(kind)/\(object["metadata", "name"]?.string ?? "")"
            let sameKind = unmatched.indices.filter { unmatched[$0]["kind"]?.string == kind }
            let index =
                sameKind.count == 1 && expected.filter({ $0["kind"]?.string == kind }).count == 1
                ? sameKind.first
                : sameKind.first { unmatched[$0]["metadata", "name"] == object["metadata", "name"] }
            guard let index else {
                differences.append(Difference(object: label, path: "", detail: "missing"))
                continue
            }
            diff(object, unmatched.remove(at: index), path: "") {
                differences.append(Difference(object: label, path: $0, detail: $1))
            }
        }
        for object in unmatched {
            let label = "\(object["kind"]?.string ?? "")/\(object["metadata", "name"]?.string ?? "")"
            differences.append(Difference(object: label, path: "", detail: "not in the guide"))
        }
        return differences
    }

    /// Every differing leaf: a map only one side has is reported key by key, so an accepted
    /// difference names exactly one field.
    static func diff(_ expected: YAMLValue?, _ actual: YAMLValue?, path: String, _ report: (String, String) -> Void) {
        switch (expected, actual) {
        case let (.mapping(e)?, .mapping(a)?):
            for key in Set(e.keys).union(a.keys).sorted() { diff(e[key], a[key], path: "\(path).\(key)", report) }
        case let (.mapping(e)?, nil) where !e.isEmpty:
            for key in e.keys { diff(e[key], nil, path: "\(path).\(key)", report) }
        case let (nil, .mapping(a)?) where !a.isEmpty:
            for key in a.keys { diff(nil, a[key], path: "\(path).\(key)", report) }
        case let (.sequence(e)?, .sequence(a)?) where e.count == a.count:
            for (index, pair) in zip(e, a).enumerated() { diff(pair.0, pair.1, path: "\(path)[\(index)]", report) }
        case let (e?, nil): report(path, "missing, the guide has \(e)")
        case let (nil, a?): report(path, "not in the guide: \(a)")
        case let (e?, a?) where e != a: report(path, "the guide has \(e), rendered \(a)")
        default: break
        }
    }

    struct Rename: Hashable {
        var kind: String
        var name: String
    }

    /// The guide's template names, where they name a template: the template's own name, a reference
    /// `{kind, name}` to it, and the Metal³ machine template's `dataTemplate: {name}`.
    static func renamingTemplates(_ value: YAMLValue, _ renames: [Rename: String], kind: String? = nil) -> YAMLValue {
        switch value {
        case .sequence(let items): return .sequence(items.map { renamingTemplates($0, renames) })
        case .mapping(let mapping):
            let ownKind = kind ?? mapping["kind"]?.string
            var result = YAMLMapping()
            for entry in mapping.entries {
                if entry.key == "name", let ownKind, let name = entry.value.string,
                    let renamed = renames[Rename(kind: ownKind, name: name)]
                {
                    result[entry.key] = .string(renamed)
                } else if entry.key == "metadata" {
                    result[entry.key] = renamingTemplates(entry.value, renames, kind: ownKind)
                } else if entry.key == "dataTemplate" {
                    result[entry.key] = renamingTemplates(entry.value, renames, kind: "Metal3DataTemplate")
                } else {
                    result[entry.key] = renamingTemplates(entry.value, renames)
                }
            }
            return .mapping(result)
        default: return value
        }
    }

    static func droppingNamespace(_ object: YAMLValue) -> YAMLValue {
        guard var body = object.mapping, var metadata = body["metadata"]?.mapping else { return object }
        metadata["namespace"] = nil
        body["metadata"] = .mapping(metadata)
        return .mapping(body)
    }

    static func addingSchemaRequiredFields(_ object: YAMLValue) -> YAMLValue {
        guard var body = object.mapping, var spec = body["spec"]?.mapping else { return object }
        switch object["kind"]?.string {
        case "Metal3DataTemplate":
            guard var metaData = spec["metaData"]?.mapping else { return object }
            for key in ["ipAddressesFromIPPool", "prefixesFromIPPool", "gatewaysFromIPPool", "dnsServersFromIPPool"] {
                guard let references = metaData[key]?.sequence else { continue }
                metaData[key] = .sequence(references.map { reference in
                    guard var tree = reference.mapping else { return reference }
                    if tree["apiGroup"] == nil { tree["apiGroup"] = "ipam.metal3.io" }
                    if tree["kind"] == nil { tree["kind"] = "IPPool" }
                    return .mapping(tree)
                })
            }
            spec["metaData"] = .mapping(metaData)
        case "PacketCluster":
            if spec["vipManager"] == nil { spec["vipManager"] = "CPEM" }
        default:
            return object
        }
        body["spec"] = .mapping(spec)
        return .mapping(body)
    }

    /// A difference kept on purpose: at `path` or below it in the guide's object `object` (`*`: every object).
    struct Accepted {
        var object: String
        var path: String
        var why: String

        func covers(_ difference: Difference) -> Bool {
            (object == "*" || difference.object == object)
                && (difference.path == path || difference.path.hasPrefix(path + ".") || difference.path.hasPrefix(path + "["))
        }
    }

    static func accepted(_ text: String) throws -> [Accepted] {
        guard let entries = try ManifestComparison.parseStream(text).first?.sequence else { return [] }
        return entries.map {
            Accepted(object: $0["object"]?.string ?? "", path: $0["path"]?.string ?? "", why: $0["why"]?.string ?? "")
        }
    }
}

import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Issue 6's injection immunity for chart capi-kamaji-proxmox, with `InjectionPropertyTests`'
/// strings and checks: every string field of that chart's schema, set to hostile strings in the
/// `full-featured` conformance case, either renders a stream that reads back as the objects
/// rendered (same kinds, the string shown somewhere) or is refused with a diagnostic naming it.
/// The chart prints these strings unquoted; kamaji-capi writes them through its emitter.
@Suite("Injection immunity: the Proxmox chart's string fields")
struct ProxmoxInjectionPropertyTests {
    typealias Field = InjectionPropertyTests.Field

    static let base: YAMLValue = {
        let text = (try? Fixtures.text("conformance/proxmox-0.0.4/full-featured/values.yaml")) ?? ""
        guard case .mapping(var values)? = try? YAMLText.document(text, file: "values.yaml") else { return .null }
        values["chart"] = "capi-kamaji-proxmox"
        // The first pool (the one the fields reach) clones by tags, and its user has a password Secret.
        if case .sequence(var pools)? = values["nodePools"], case .mapping(var pool) = pools[0],
            case .sequence(var users)? = pool["users"], case .mapping(var user) = users[0]
        {
            pool["templateId"] = .null
            user["passwdFrom"] = ["secret": ["name": "ops-password", "key": "hash"]]
            users[0] = .mapping(user)
            pool["users"] = .sequence(users)
            pools[0] = .mapping(pool)
            values["nodePools"] = .sequence(pools)
        }
        return .mapping(values)
    }()

    static let fields: [Field] = ValuesReference.proxmoxKeys.flatMap { key -> [Field] in
        switch key.type {
        case .string, .scalarString, .integerOrString, .any, .enumeration:
            return [Field(schemaPath: key.path, asKey: false)]
        case .list(let element) where element.takesString:
            return [Field(schemaPath: key.path + "[]", asKey: false)]
        case .map(let element) where element.takesString:
            return [Field(schemaPath: key.path + ".*", asKey: false), Field(schemaPath: key.path + ".*", asKey: true)]
        default:
            return []
        }
    }

    /// Keys whose strings the objects never show, on purpose: `proxmox.secret`, which the base's
    /// `cluster.credentialsRef` overrides (deviation P2).
    static let notShown: Set<String> = ["proxmox.secret.name", "proxmox.secret.namespace"]

    @Test func everyStringFieldIsRenderedOrRefused() throws {
        let baseline = try InjectionPropertyTests.render(Self.base)
        let reference = InjectionPropertyTests.Baseline(
            objects: baseline, kinds: InjectionPropertyTests.kinds(baseline),
            embedded: InjectionPropertyTests.embeddedShapes(baseline))
        var problems: [String] = []
        var silent: [String] = []
        #expect(Self.fields.count > 50, "the schema walk found \(Self.fields.count) fields")
        for (index, field) in Self.fields.enumerated() where field.reaches(Self.base) {
            var shown = false, accepted = false
            for hostile in InjectionPropertyTests.strings(for: index) {
                let context = "\(field), \(String(reflecting: hostile).prefix(60))"
                let objects: [ManifestObject]
                do {
                    objects = try InjectionPropertyTests.render(field.applying(hostile, to: Self.base))
                } catch {
                    let path = field.valuesPath(hostile)
                    if !error.diagnostics.contains(where: { InjectionPropertyTests.names($0, path) }) {
                        problems.append("\(context): refused without naming \(path): \(error.diagnostics.prefix(3))")
                    }
                    continue
                }
                problems += InjectionPropertyTests.violations(objects, baseline: reference, context: context)
                guard !hostile.isEmpty else { continue }
                accepted = true
                if InjectionPropertyTests.appears(hostile, in: objects) { shown = true }
            }
            if accepted && !shown && !Self.notShown.contains(field.schemaPath) { silent.append(field.description) }
        }
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(20).joined(separator: "\n"))")
        #expect(silent.isEmpty, "accepted but never rendered: \(silent)")
    }
}

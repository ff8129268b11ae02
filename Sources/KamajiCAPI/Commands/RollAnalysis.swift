import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// Which node pools' machines Cluster API replaces when a change is applied, and why.
///
/// A MachineDeployment rolls its machines when its machine template changes: a new
/// `infrastructureRef` (the VSphereMachineTemplate, renamed by its hash when its spec changes), a new
/// `bootstrap.configRef` (the KubeadmConfigTemplate, likewise) or a new Kubernetes `version`. A
/// change of `replicas` only adds or removes machines. Pools are read from the MachineDeployments and
/// the templates they reference, so this works on renders, manifest files and output directories.
public enum RollAnalysis {
    public static func analyze(old: [ManifestObject], new: [ManifestObject]) -> RollReport {
        let oldIndex = ObjectIndex(old), newIndex = ObjectIndex(new)
        var report = RollReport()
        let deployments = new.filter { $0.kind == "MachineDeployment" }
            + old.filter { $0.kind == "MachineDeployment" && newIndex[$0.identity] == nil }
        for deployment in deployments {
            let before = oldIndex[deployment.identity], after = newIndex[deployment.identity]
            var pool = RollReport.Pool(name: poolName(deployment))
            switch (before, after) {
            case (nil, let after?):
                pool.status = .added
                pool.scale = changes(nil, after.body["spec", "replicas"], field: "replicas")
            case (let before?, nil):
                pool.status = .removed
                pool.scale = changes(before.body["spec", "replicas"], nil, field: "replicas")
            case (let before?, let after?):
                compare(before, after, oldIndex, newIndex, into: &pool, report: &report)
            default: continue
            }
            report.pools.append(pool)
        }
        if let before = old.first(where: { $0.kind == "KamajiControlPlane" }),
            let after = new.first(where: { $0.kind == "KamajiControlPlane" && $0.name == before.name })
        {
            report.controlPlane = changes(version(before.body["spec", "version"]), version(after.body["spec", "version"]), field: "version")
                + changes(before.body["spec", "replicas"], after.body["spec", "replicas"], field: "replicas")
        }
        report.versionWarnings = VersionChangeWarnings.find(old: old, new: new)
        return report
    }

    /// Fields of a MachineDeployment's machine spec that Cluster API propagates to the existing
    /// machines without replacing them.
    static let inPlaceFields = ["nodeDrainTimeout", "nodeDeletionTimeout", "nodeVolumeDetachTimeout"]

    /// A Kubernetes version as Cluster API and Kamaji read it: `1.32.0` and `v1.32.0` are the same.
    static func version(_ value: YAMLValue?) -> YAMLValue? {
        guard let text = value?.string else { return value }
        return .string(KubernetesVersion.withV(text))
    }

    /// `<cluster>-<pool>-md` as the builders name it; other names are shown whole.
    static func poolName(_ deployment: ManifestObject) -> String {
        var name = Substring(deployment.name)
        if let cluster = deployment.body["spec", "clusterName"]?.string, name.hasPrefix(cluster + "-") {
            name = name.dropFirst(cluster.count + 1)
        }
        if name.hasSuffix("-md") { name = name.dropLast(3) }
        return name.isEmpty ? deployment.name : String(name)
    }

    static func compare(
        _ before: ManifestObject, _ after: ManifestObject, _ oldIndex: ObjectIndex, _ newIndex: ObjectIndex,
        into pool: inout RollReport.Pool, report: inout RollReport
    ) {
        let oldSpec = before.body["spec", "template", "spec"], newSpec = after.body["spec", "template", "spec"]
        // The two templates: a new name means new machines; the fields that changed say why.
        for path in [["infrastructureRef"], ["bootstrap", "configRef"]] {
            let oldRef = TemplateRef(oldSpec, path, namespace: before.namespace)
            let newRef = TemplateRef(newSpec, path, namespace: after.namespace)
            let oldTemplate = oldRef.flatMap { oldIndex[$0.identity] }
            let newTemplate = newRef.flatMap { newIndex[$0.identity] }
            if oldRef?.identity != newRef?.identity {
                if let oldTemplate, let newTemplate {
                    let fields = changes(oldTemplate.body["spec", "template", "spec"], newTemplate.body["spec", "template", "spec"], field: "")
                    // Same spec under a new name: the hash text changed (another tool or version wrote it).
                    pool.causes += fields.isEmpty
                        ? [.init(field: "\(newTemplate.kind) name (same spec)", old: oldTemplate.name, new: newTemplate.name)] : fields
                    if oldIndex[newTemplate.identity] == nil && newIndex[oldTemplate.identity] == nil {
                        report.replacements.append((oldTemplate.identity, newTemplate.identity))
                    }
                } else {
                    pool.causes.append(.init(field: path.joined(separator: "."), old: oldRef?.name, new: newRef?.name))
                }
            } else if let oldTemplate, let newTemplate,
                !oldTemplate.body.droppingNulls().isEquivalent(to: newTemplate.body.droppingNulls())
            {
                pool.notes.append(
                    "\(newTemplate.kind) \(newTemplate.name) changes under the same name: the API server rejects that "
                        + "(templates are immutable); give it a new name so the machines roll")
            }
        }
        if let oldSelector = before.body["spec", "selector"]?.droppingNulls(),
            let newSelector = after.body["spec", "selector"]?.droppingNulls(), !oldSelector.isEquivalent(to: newSelector)
        {
            pool.notes.append(
                "MachineDeployment \(after.name) selects its machines by other labels (nodePools[].machineLabels): "
                    + "the machines it runs are selected by the old ones, so Cluster API may refuse the change or "
                    + "replace them; give a pool its machineLabels when it is created")
        }
        pool.causes += changes(version(oldSpec?["version"]), version(newSpec?["version"]), field: "version")
        // Anything else in the machine template's spec (failure domain, ...) rolls too, except the
        // timeouts Cluster API (1.4 and later) updates on the existing machines in place.
        let stripped = { (spec: YAMLValue?) -> YAMLValue? in
            guard var mapping = spec?.mapping else { return spec }
            for key in ["infrastructureRef", "bootstrap", "version"] + inPlaceFields { _ = mapping.removeValue(forKey: key) }
            return .mapping(mapping)
        }
        pool.causes += changes(stripped(oldSpec), stripped(newSpec), field: "")
        pool.scale = changes(before.body["spec", "replicas"], after.body["spec", "replicas"], field: "replicas")
        for (key, label) in [("min-size", "autoscaling minSize"), ("max-size", "autoscaling maxSize")] {
            let annotation = "cluster.x-k8s.io/cluster-api-autoscaler-node-group-\(key)"
            pool.scale += changes(
                before.body["metadata", "annotations"]?.mapping?[annotation],
                after.body["metadata", "annotations"]?.mapping?[annotation], field: label)
        }
        if !pool.causes.isEmpty {
            pool.status = .rolls
        } else if !pool.scale.isEmpty {
            pool.status = .scales
        } else if !before.body.droppingNulls().isEquivalent(to: after.body.droppingNulls()) {
            pool.status = .updated
        }
    }

    /// The leaves that differ between two trees, named by their path below `field`. Maps are
    /// compared key by key, lists of maps of the same length item by item; any other list that
    /// differs is one change.
    static func changes(_ old: YAMLValue?, _ new: YAMLValue?, field: String) -> [RollReport.FieldChange] {
        let old = old?.droppingNulls(), new = new?.droppingNulls()
        if old == nil && new == nil { return [] }
        if let old, let new, old.isEquivalent(to: new) { return [] }
        func join(_ key: String) -> String { field.isEmpty ? key : "\(field).\(key)" }
        switch (old, new) {
        case let (.mapping(a)?, .mapping(b)?):
            let keys = b.keys + a.keys.filter { b[$0] == nil }
            return keys.flatMap { changes(a[$0], b[$0], field: join($0)) }
        case let (.sequence(a)?, .sequence(b)?)
        where a.count == b.count && (a + b).allSatisfy({ $0.mapping != nil }):
            return a.indices.flatMap { changes(a[$0], b[$0], field: "\(field)[\($0)]") }
        default:
            return [RollReport.FieldChange(field: field, old: old.flatMap(display), new: new.flatMap(display))]
        }
    }

    /// A scalar as a person writes it; `nil` for lists and maps, which are named, not printed.
    static func display(_ value: YAMLValue) -> String? {
        switch value {
        case .string(let s): return s.count > 60 ? String(s.prefix(57)) + "..." : s
        case .int(let i): return String(i)
        case .float(let f): return "\(f)"
        case .bool(let b): return String(b)
        case .null: return "null"
        case .sequence, .mapping: return nil
        }
    }

    struct TemplateRef {
        var kind: String
        var name: String
        var namespace: String?
        var identity: String { "\(kind)/\(namespace.map { "\($0)/" } ?? "")\(name)" }

        init?(_ spec: YAMLValue?, _ path: [String], namespace: String?) {
            var node = spec
            for key in path { node = node?.mapping?[key] }
            guard let kind = node?["kind"]?.string, let name = node?["name"]?.string else { return nil }
            self.kind = kind
            self.name = name
            self.namespace = namespace
        }
    }
}

/// Objects by `Kind/namespace/name`.
struct ObjectIndex {
    let objects: [String: ManifestObject]

    init(_ list: [ManifestObject]) {
        objects = Dictionary(list.map { ($0.identity, $0) }, uniquingKeysWith: { _, last in last })
    }

    subscript(identity: String) -> ManifestObject? { objects[identity] }
}

public struct RollReport: Sendable {
    /// One value that changed: `memoryMiB 4096 -> 8192`.
    public struct FieldChange: Equatable, Sendable, CustomStringConvertible {
        public var field: String
        /// The value as text; `nil` when absent on that side (or a list or map on both).
        public var old: String?
        public var new: String?

        public var description: String {
            switch (old, new) {
            case let (old?, new?): return "\(field) \(old) -> \(new)"
            case let (nil, new?): return "\(field) (none) -> \(new)"
            case let (old?, nil): return "\(field) \(old) -> (none)"
            case (nil, nil): return "\(field) changed"
            }
        }
    }

    public struct Pool: Sendable {
        public enum Status: Sendable { case unchanged, updated, scales, rolls, added, removed }

        public var name: String
        public var status: Status = .unchanged
        /// Why the machines roll; empty when they do not.
        public var causes: [FieldChange] = []
        /// Replicas and autoscaling bounds, which change the number of machines only.
        public var scale: [FieldChange] = []
        /// Problems the change will run into.
        public var notes: [String] = []

        public var rolls: Bool { status == .rolls }

        public var line: String {
            let scaleText = scale.map(\.description).joined(separator: ", ")
            switch status {
            case .rolls:
                return "pool \(name) rolls: " + causes.map(\.description).joined(separator: ", ")
                    + (scale.isEmpty ? "" : "; and scales: \(scaleText)")
            case .scales: return "pool \(name) scales, no roll: \(scaleText)"
            case .updated: return "pool \(name) changes in place (labels, annotations, timeouts), no roll"
            case .unchanged: return "pool \(name) is unchanged"
            case .added: return "pool \(name) is added" + (scale.first?.new.map { " with \($0) machines" } ?? "")
            case .removed: return "pool \(name) is removed: its machines are deleted"
            }
        }
    }

    public var pools: [Pool] = []
    /// Changes of the Kamaji control plane's version and replicas.
    public var controlPlane: [FieldChange] = []
    /// Templates whose new name replaces the old one: `(old identity, new identity)`.
    public var replacements: [(old: String, new: String)] = []
    /// Version changes Kubernetes does not support (`VersionChangeWarnings`).
    public var versionWarnings: [String] = []

    public func pool(_ name: String) -> Pool? { pools.first { $0.name == name } }

    /// One line for the control plane when it changes, then one per pool.
    public var lines: [String] {
        var lines: [String] = []
        if !controlPlane.isEmpty {
            lines.append("control plane: " + controlPlane.map(\.description).joined(separator: ", "))
        }
        lines += versionWarnings.map { "  warning: \($0)" }
        for pool in pools {
            lines.append(pool.line)
            lines += pool.notes.map { "  warning: \($0)" }
        }
        return lines
    }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// What `kamaji-capi diff` prints: a summary (objects added, removed, changed; for every node pool
/// whether its machines roll and why) and a unified diff of each object that changed.
///
/// Objects are matched by `Kind/namespace/name` and compared as the API server would see them:
/// null map entries dropped, key order ignored. A machine template renamed by its hash is shown as
/// one replacement, diffed against the template it replaces. A changed object is also checked
/// against the transition rules (`oldSelf`) of its schema, which only an update can evaluate.
public struct ManifestDiff: Sendable {
    public enum Entry: Sendable {
        case added(ManifestObject)
        case removed(ManifestObject)
        case changed(old: ManifestObject, new: ManifestObject)
        /// An immutable template whose new name (hash) replaces the old one.
        case replaced(old: ManifestObject, new: ManifestObject)
    }

    public var entries: [Entry]
    public var rolls: RollReport
    /// The transition rules changed objects break (`Kind namespace/name` and the rule): the API
    /// server would refuse these updates.
    public var refusedUpdates: [(object: String, violation: TransitionRuleViolation)]

    public var isEmpty: Bool { entries.isEmpty }

    public init(old: [ManifestObject], new: [ManifestObject]) {
        rolls = RollAnalysis.analyze(old: old, new: new)
        let oldIndex = ObjectIndex(old), newIndex = ObjectIndex(new)
        let replacedBy = Dictionary(rolls.replacements.map { ($0.new, $0.old) }, uniquingKeysWith: { first, _ in first })
        let replacedOld = Set(replacedBy.values)
        var entries: [Entry] = []
        for object in new {
            if let before = oldIndex[object.identity] {
                if !Self.sameObject(before, object) { entries.append(.changed(old: before, new: object)) }
            } else if let oldIdentity = replacedBy[object.identity], let before = oldIndex[oldIdentity] {
                entries.append(.replaced(old: before, new: object))
            } else {
                entries.append(.added(object))
            }
        }
        for object in old where newIndex[object.identity] == nil && !replacedOld.contains(object.identity) {
            entries.append(.removed(object))
        }
        self.entries = entries
        refusedUpdates = entries.flatMap { entry -> [(object: String, violation: TransitionRuleViolation)] in
            guard case .changed(let old, let new) = entry else { return [] }
            return ManifestValidator.transitionViolations(old: old.body, new: new.body).map { (Self.label(new), $0) }
        }
    }

    static func sameObject(_ a: ManifestObject, _ b: ManifestObject) -> Bool {
        a.body.droppingNulls().isEquivalent(to: b.body.droppingNulls())
    }

    /// `Kind namespace/name`, as the summary lists objects.
    static func label(_ object: ManifestObject) -> String {
        "\(object.kind) \(object.namespace.map { "\($0)/" } ?? "")\(object.name)"
    }

    public var summary: String {
        var counts: [String: Int] = [:]
        var lines: [String] = []
        for entry in entries {
            switch entry {
            case .added(let object):
                counts["added", default: 0] += 1
                lines.append("  + \(Self.label(object))")
            case .removed(let object):
                counts["removed", default: 0] += 1
                lines.append("  - \(Self.label(object))")
            case .changed(_, let object):
                counts["changed", default: 0] += 1
                lines.append("  ~ \(Self.label(object))")
            case .replaced(let old, let new):
                counts["replaced", default: 0] += 1
                lines.append("  ~ \(Self.label(old)) -> \(new.name)")
            }
        }
        guard !entries.isEmpty else { return "no differences\n" }
        // `kubectl apply` creates and updates but never deletes, so removed objects stay in the
        // cluster unless pruned (docs/pruning.md); say so where they are counted.
        let removed = counts["removed", default: 0]
        var head = "objects: \(counts["added", default: 0]) added, \(removed) removed"
            + (removed > 0 ? " (would be left behind by kubectl apply)" : "") + ", \(counts["changed", default: 0]) changed"
        if let replaced = counts["replaced"] { head += ", \(replaced) replaced (templates renamed by their hash)" }
        let refused = refusedUpdates.map { "  warning: \($0.object): \($0.violation)" }
        return ([head] + lines + refused + rolls.lines).map { $0 + "\n" }.joined()
    }

    /// The unified diff of every entry; Secret values masked unless `showSecrets`.
    public func unified(showSecrets: Bool = false, style: LineDiff.Style = .plain) -> String {
        entries.map { entry in
            let (old, new): (ManifestObject?, ManifestObject?) =
                switch entry {
                case .added(let object): (nil, object)
                case .removed(let object): (object, nil)
                case .changed(let old, let new), .replaced(let old, let new): (old, new)
                }
            var oldBody = old?.body.droppingNulls(), newBody = new?.body.droppingNulls()
            if !showSecrets, (old ?? new)?.kind == "Secret" {
                (oldBody, newBody) = SecretMask.mask(old: oldBody, new: newBody)
            }
            if let reference = newBody, let body = oldBody { oldBody = body.ordered(like: reference) }
            return LineDiff.unified(
                old: oldBody.map(ManifestStream.emit) ?? "", new: newBody.map(ManifestStream.emit) ?? "",
                oldName: old.map { "old/\($0.identity)" } ?? "/dev/null",
                newName: new.map { "new/\($0.identity)" } ?? "/dev/null", style: style)
        }.joined()
    }
}

/// Hides Secret values in a diff while still showing which keys changed: `********` where a value is
/// the same on both sides, `-------- (changed)` and `++++++++ (changed)` where it differs.
enum SecretMask {
    static func mask(old: YAMLValue?, new: YAMLValue?) -> (YAMLValue?, YAMLValue?) {
        var old = old?.mapping, new = new?.mapping
        for field in ["data", "stringData"] {
            let oldValues = old?[field]?.mapping, newValues = new?[field]?.mapping
            if let oldValues {
                old?[field] = .mapping(masked(oldValues, other: newValues, marker: "--------"))
            }
            if let newValues {
                new?[field] = .mapping(masked(newValues, other: oldValues, marker: "++++++++"))
            }
        }
        return (old.map(YAMLValue.mapping), new.map(YAMLValue.mapping))
    }

    static func masked(_ values: YAMLMapping, other: YAMLMapping?, marker: String) -> YAMLMapping {
        YAMLMapping(values.entries.map { entry in
            let same = other?[entry.key] == entry.value
            return .init(key: entry.key, value: .string(same ? "********" : "\(marker) (changed)"))
        })
    }
}

extension YAMLValue {
    /// The same tree with map keys in the order `reference` has them (keys it lacks last), so a diff
    /// against a file written by another tool shows changed values, not moved keys.
    func ordered(like reference: YAMLValue) -> YAMLValue {
        switch (self, reference) {
        case let (.mapping(mapping), .mapping(order)):
            let known = order.keys.filter { mapping[$0] != nil }
            let rest = mapping.keys.filter { order[$0] == nil }
            return .mapping(YAMLMapping((known + rest).map { key in
                YAMLMapping.Entry(key: key, value: order[key].map { mapping[key]!.ordered(like: $0) } ?? mapping[key]!)
            }))
        case let (.sequence(items), .sequence(order)):
            return .sequence(items.enumerated().map { $0.offset < order.count ? $0.element.ordered(like: order[$0.offset]) : $0.element })
        default:
            return self
        }
    }
}

import Foundation
import KamajiDiagnostics
import KamajiYAML

/// Helm 3.17's two ways of combining values trees, reimplemented so the values our templates see
/// are the values the Helm chart would have seen (each rule verified against helm 3.17.2; see
/// docs/helm-values-semantics.md):
///
/// - `mergeValueFiles`: how `helm -f a.yaml -f b.yaml` combines the user's files
///   (`pkg/cli/values.mergeMaps`): later files win, maps merge key by key, lists and scalars are
///   replaced whole, and a `null` is kept as a value so that the coalesce step can use it to delete.
/// - `coalesce`: how the user's values are laid over the chart's `values.yaml`
///   (`chartutil.CoalesceValues`): the user wins, a user `null` deletes the key, and type clashes
///   between a map and a non-map keep the user's value (with the warning Helm prints).
public enum ValuesMerger {
    /// Merges the trees of several `-f` files, later files winning (Helm's `mergeMaps`).
    ///
    /// Each tree must be a mapping; `.null` (an empty file, or one holding only `~`) counts as an
    /// empty mapping, as in Helm. A list or scalar at the top is an error, as in Helm
    /// ("cannot unmarshal array into Go value of type map").
    /// The result still contains the files' `null`s: they are meaningful to `coalesce`.
    public static func mergeValueFiles(_ files: [YAMLValue]) throws(DiagnosticError) -> YAMLValue {
        var merged = YAMLMapping()
        var problems: [Diagnostic] = []
        for (number, file) in files.enumerated() {
            do {
                merged = mergeMaps(merged, try topLevelMapping(file, source: "values file #\(number + 1)"))
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return .mapping(merged)
    }

    /// Lays the user's values over the chart defaults exactly as Helm 3.17's `CoalesceValues`:
    ///
    /// - a key only in the defaults is copied (including a default `null`, which stays `null`);
    /// - a user `null` deletes the key when the defaults have that key in a map that both sides
    ///   have (at any depth); a user `null` whose key the defaults lack is kept as `null`;
    /// - two maps merge recursively; any other user value replaces the default whole (lists are
    ///   never merged element by element);
    /// - a user map over a default scalar, or a user scalar over a default map, keeps the user's
    ///   value; Helm prints a warning for some of these, see `coalesceReportingWarnings`.
    ///
    /// Key order: the defaults' keys in their order, then keys only the user has, in the user's
    /// order. Helm's maps have no order; the templates sort keys wherever order shows.
    public static func coalesce(user: YAMLValue, defaults: YAMLValue) -> YAMLValue {
        coalesceReportingWarnings(user: user, defaults: defaults).values
    }

    /// `coalesce`, also returning one warning for each type clash Helm 3.17 prints a warning for:
    /// a top-level user map over a non-null default that is not a map ("skipped value … Not a
    /// table"), and below the top level a user non-map over a default map ("cannot overwrite table
    /// with non table") or a user map over a non-null default non-map ("destination … is a table").
    /// In all of them the user's value is what the templates get.
    public static func coalesceReportingWarnings(
        user: YAMLValue, defaults: YAMLValue
    ) -> (values: YAMLValue, warnings: [Diagnostic]) {
        var warnings: [Diagnostic] = []
        let userMap = user.mapping ?? YAMLMapping()
        let defaultMap = defaults.mapping ?? YAMLMapping()
        var out = YAMLMapping()
        for entry in defaultMap.entries {
            let path = ValuePath.root.appending(key: entry.key)
            guard let value = userMap[entry.key] else {
                out[entry.key] = entry.value
                continue
            }
            switch (value, entry.value) {
            case (.null, _):
                continue // deleted
            case (.mapping(let userTable), .mapping(let defaultTable)):
                out[entry.key] = .mapping(coalesceTables(userTable, defaultTable, path: path, warnings: &warnings))
            case (.mapping, .null):
                out[entry.key] = value
            case (.mapping, _):
                warnings.append(clash(path, user: value, chartDefault: entry.value))
                out[entry.key] = value
            default:
                out[entry.key] = value
            }
        }
        for entry in userMap.entries where defaultMap[entry.key] == nil {
            out[entry.key] = entry.value
        }
        return (.mapping(out), warnings)
    }

    /// Helm's `CoalesceTables` below the top level: `user` is authoritative.
    private static func coalesceTables(
        _ user: YAMLMapping, _ defaults: YAMLMapping, path: ValuePath, warnings: inout [Diagnostic]
    ) -> YAMLMapping {
        var out = YAMLMapping()
        for entry in defaults.entries {
            let childPath = path.appending(key: entry.key)
            guard let value = user[entry.key] else {
                out[entry.key] = entry.value
                continue
            }
            switch (value, entry.value) {
            case (.null, _):
                continue // deleted
            case (.mapping(let userTable), .mapping(let defaultTable)):
                out[entry.key] = .mapping(coalesceTables(userTable, defaultTable, path: childPath, warnings: &warnings))
            case (_, .mapping), (.mapping, .bool), (.mapping, .int), (.mapping, .float), (.mapping, .string),
                 (.mapping, .sequence):
                warnings.append(clash(childPath, user: value, chartDefault: entry.value))
                out[entry.key] = value
            default:
                out[entry.key] = value
            }
        }
        for entry in user.entries where defaults[entry.key] == nil {
            out[entry.key] = entry.value
        }
        return out
    }

    private static func clash(_ path: ValuePath, user: YAMLValue, chartDefault: YAMLValue) -> Diagnostic {
        Diagnostic(
            .warning, code: .typeMismatch, path: path,
            message: "your value is \(HelmSetParser.describe(user)) but the chart default is \(HelmSetParser.describe(chartDefault)); your value is used and the default is ignored, as Helm does",
            hint: "give \(path) the same kind of value as the chart default, or null to remove it")
    }

    /// Helm's `mergeMaps`: `later` wins; two maps merge recursively, anything else replaces.
    package static func mergeMaps(_ earlier: YAMLMapping, _ later: YAMLMapping) -> YAMLMapping {
        var out = earlier
        for entry in later.entries {
            if case .mapping(let laterTable) = entry.value, case .mapping(let earlierTable)? = out[entry.key] {
                out[entry.key] = .mapping(mergeMaps(earlierTable, laterTable))
            } else {
                out[entry.key] = entry.value
            }
        }
        return out
    }

    package static func topLevelMapping(_ tree: YAMLValue, source: String) throws(DiagnosticError) -> YAMLMapping {
        switch tree {
        case .mapping(let mapping): return mapping
        case .null: return YAMLMapping()
        default:
            throw DiagnosticError(Diagnostic(
                code: .typeMismatch, location: SourceLocation(file: source),
                message: "a values file must hold a map of keys at the top, but this one holds \(HelmSetParser.describe(tree))",
                hint: "put the values under keys, as in the chart's values.yaml; Helm rejects this file too"))
        }
    }
}

/// Composes the values the templates see from the chart defaults, the user's `-f` files and the
/// `--set`/`--set-string`/`--set-file` flags, in Helm's order: files merged left to right, then all
/// `--set` flags, then all `--set-string`, then all `--set-file` (each group in command-line order,
/// whatever the interleaving on the command line), then coalesced with the defaults.
///
/// The result is what Helm 3.17 hands to templates, apart from the one deliberate difference of
/// `HelmSetParser` (an index changes the list as it stands, including a chart default's list).
///
/// It also tracks where each value came from, so a later check can say "nodePools[1].numCPUs set
/// at values.yaml:12" or "... set by --set nodePools[1].numCPUs=99".
public struct ValuesComposer: Sendable {
    /// One `-f` file: its name for diagnostics, its tree, and where each value in it was written.
    public struct File: Sendable {
        public var name: String
        public var values: YAMLValue
        /// Keyed by path (`nodePools[1].numCPUs`).
        public var locations: LocationMap

        public init(name: String, values: YAMLValue, locations: LocationMap = [:]) {
            self.name = name
            self.values = values
            self.locations = locations
        }
    }

    /// The composed values and what is known about them.
    public struct Composed: Sendable {
        /// The values exactly as the templates would see them.
        public var values: YAMLValue
        /// Where each value that survived came from, later sources winning: a file position, or
        /// the flag by position and key (`--set #1 (a.b)`). Paths that no longer exist (deleted
        /// by a null, replaced by a later list) have none. Worked out when first asked.
        public var locations: LocationMap
        /// Every path of `values` that the user wrote in a `-f` file or a flag, with the maps and
        /// lists above it, as opposed to values that come only from the
        /// defaults. Of a default list that an index copied in (the deliberate difference) only
        /// the indexed path and its parents count. Lets a stage tell "the user chose this" from "this is the default".
        public var userPaths: UserWrittenPaths
        /// Problems that do not stop rendering: type clashes Helm only warns about, and flags Helm
        /// silently half-ignores (`--set a[0]` without a value, an empty key).
        public var warnings: [Diagnostic]
    }

    /// The chart's `values.yaml` tree.
    public var defaults: YAMLValue
    /// Where each default was written; the lowest-priority source of locations.
    public var defaultLocations: LocationMap

    public init(defaults: YAMLValue, defaultLocations: LocationMap = [:]) {
        self.defaults = defaults
        self.defaultLocations = defaultLocations
    }

    /// Helm applies flags grouped by kind (all `--set`, then `--set-string`, then `--set-file`),
    /// keeping command-line order within a group; so `--set-file a=f --set a=x` ends with the
    /// file's content in `a`.
    public static func helmOrder(_ flags: [HelmSetFlag]) -> [HelmSetFlag] {
        SetKind.allCases.flatMap { kind in flags.filter { $0.kind == kind } }
    }

    /// Composes defaults, files and flags.
    ///
    /// - Parameters:
    ///   - files: the `-f` files in command-line order.
    ///   - flags: the set flags in command-line order (reordered as Helm does, see `helmOrder`).
    ///   - readFile: reads a `--set-file` path (relative paths as the user's shell sees them).
    /// - Throws: one `DiagnosticError` with every problem found: each bad file top level and each
    ///   bad flag (each flag reports its first problem).
    public func compose(
        files: [File],
        flags: [HelmSetFlag] = [],
        readFile: (String) throws -> String = { path in throw HelmSetParser.NoFileReader(path: path) }
    ) throws(DiagnosticError) -> Composed {
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var writtenFiles: [(mapping: YAMLMapping, locations: LocationMap)] = []
        var assigned: [(path: ValuePath, value: YAMLValue?, origin: SourceLocation)] = []

        var user = YAMLMapping()
        for file in files {
            let mapping: YAMLMapping
            do {
                mapping = try ValuesMerger.topLevelMapping(file.values, source: file.name)
            } catch {
                problems += error.diagnostics
                continue
            }
            user = ValuesMerger.mergeMaps(user, mapping)
            writtenFiles.append((mapping, file.locations))
        }

        var tree = YAMLValue.mapping(user)
        for flag in Self.helmOrder(flags) {
            do {
                let outcome = try HelmSetParser.apply(flag, to: &tree, defaults: defaults, readFile: readFile)
                warnings += outcome.warnings
                for path in outcome.assignedPaths {
                    assigned.append((path, tree.value(at: path), flag.location(key: path.description)))
                }
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }

        let (values, clashes) = ValuesMerger.coalesceReportingWarnings(user: tree, defaults: defaults)
        // Asked only when a location is: a render without problems never asks.
        let origins = ValueOrigins(
            sources: assigned.reversed().map { .assignment($0.path, $0.value, $0.origin) }
                + writtenFiles.reversed().map { .tree(.mapping($0.mapping), $0.locations) }
                + [.tree(defaults, defaultLocations)])
        let locations = LocationMap { origins.locations(of: values) }
        for var clash in clashes {
            clash.location = ValuePath(parsing: clash.path).flatMap(origins.location(of:))
            warnings.append(clash)
        }
        let userPaths = UserWrittenPaths { [writtenFiles, assigned] in
            var written: Set<ValuePath> = []
            for file in writtenFiles {
                YAMLValue.mapping(file.mapping).forEachPath { path, _ in written.insert(path); return true }
            }
            for (path, value, _) in assigned {
                written.formUnion(path.selfAndAncestors)
                value?.forEachPath(path) { inner, _ in written.insert(inner); return true }
            }
            var present: Set<ValuePath> = []
            values.forEachPath { path, _ in present.insert(path); return true }
            return written.filter { !$0.isRoot && present.contains($0) }
        }
        return Composed(values: values, locations: locations, userPaths: userPaths, warnings: warnings)
    }
}

extension YAMLValue {
    /// The value at `path`, or nil where a step is missing or of the wrong kind.
    public func value(at path: ValuePath) -> YAMLValue? {
        var current: YAMLValue = self
        for component in path.components {
            switch (component, current) {
            case (.key(let key), .mapping(let mapping)):
                guard let next = mapping[key] else { return nil }
                current = next
            case (.index(let index), .sequence(let items)):
                guard index >= 0 && index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Calls `body` with the path of this value and of every value inside it, each path built
    /// from its parent's; `body` returns whether to visit the value's children.
    fileprivate func forEachPath(_ path: ValuePath = .root, _ body: (ValuePath, YAMLValue) -> Bool) {
        guard body(path, self) else { return }
        switch self {
        case .mapping(let mapping):
            for entry in mapping.entries { entry.value.forEachPath(path.appending(key: entry.key), body) }
        case .sequence(let items):
            for (index, item) in items.enumerated() { item.forEachPath(path.appending(index: index), body) }
        default:
            break
        }
    }
}

/// Where each composed value came from: the highest-priority source that wrote it, asked source by
/// source, highest first. A source that replaced a value whole (a scalar, list or null in a file;
/// any `--set` assignment) hides what lower sources wrote inside it, so no stale `nodePools[3]`
/// of a longer default list is named.
private struct ValueOrigins: Sendable {
    enum Source: Sendable {
        case tree(YAMLValue, LocationMap)
        case assignment(ValuePath, YAMLValue?, SourceLocation)
    }

    /// Highest priority first.
    let sources: [Source]

    func location(of path: ValuePath) -> SourceLocation? {
        let steps = path.components
        for source in sources {
            switch source {
            case .assignment(let assigned, let value, let origin):
                guard path.isWithin(assigned) else { continue }
                // It replaced the value at `assigned` whole: below it, only what it set.
                let inside = steps.dropFirst(assigned.components.count)
                if inside.isEmpty { return origin }
                guard let value, case .found = Self.reach(inside, in: value) else { return nil }
                return origin
            case .tree(let tree, let locations):
                switch Self.reach(steps[...], in: tree) {
                case .found(let underReplaced):
                    if let location = locations[path] { return location }
                    // Unrecorded: a lower source's entry stands unless this one replaced a value above it.
                    if underReplaced { return nil }
                case .absent:
                    continue
                case .replaced:
                    return nil
                }
            }
        }
        return nil
    }

    /// Every value of `tree` that some source located.
    func locations(of tree: YAMLValue) -> [ValuePath: SourceLocation] {
        var found: [ValuePath: SourceLocation] = [:]
        tree.forEachPath { path, _ in
            found[path] = location(of: path)
            return true
        }
        return found
    }

    enum Reach: Equatable {
        /// The source has the value; `underReplaced` when a list or scalar encloses it, which the
        /// source wrote whole.
        case found(underReplaced: Bool)
        /// A map on the way lacks the key: the source says nothing about the value.
        case absent
        /// A scalar or null on the way, which this source wrote over whatever was below it.
        case replaced
    }

    static func reach(_ steps: ArraySlice<ValuePath.Component>, in tree: YAMLValue) -> Reach {
        var current = tree
        var underReplaced = false
        for step in steps {
            switch (step, current) {
            case (.key(let key), .mapping(let mapping)):
                guard let next = mapping[key] else { return underReplaced ? .replaced : .absent }
                current = next
            case (.index(let index), .sequence(let items)):
                guard index >= 0, index < items.count else { return .replaced }
                underReplaced = true
                current = items[index]
            default:
                return .replaced
            }
        }
        return .found(underReplaced: underReplaced)
    }
}

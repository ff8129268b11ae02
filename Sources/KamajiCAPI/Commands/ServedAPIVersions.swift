import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// `--api-versions`, as `helm template --api-versions` takes it: the `group/version`s the management
/// cluster serves (`kubectl api-versions`), so the render writes what the cluster can store without
/// the user knowing kamaji-capi's `apiVersions.*` keys (docs/api-versions.md).
public enum ServedAPIVersions {
    /// Every `--api-versions` argument, each a comma-separated list (Helm's string slice), as a set.
    public static func parse(_ arguments: [String]) -> Set<String> {
        Set(arguments.flatMap(HelmCommandLine.csvFields).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// The API versions to write. For each group: a version the user set in values wins; else the
    /// chart's (the default) when the cluster serves it, so a cluster that serves both never rolls
    /// its machines by a switch; else the newest version kamaji-capi writes that the cluster serves;
    /// else the chart's, which `unservedGroups` warns about.
    static func choose(_ versions: APIVersionValues, served: Set<String>, userSet: UserWrittenPaths) -> APIVersionValues {
        var chosen = versions
        chosen.clusterAPI = choose(versions.clusterAPI, group: "cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.clusterAPI"))
        chosen.vsphere = choose(versions.vsphere, group: "infrastructure.cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.vsphere"))
        chosen.kamaji = choose(versions.kamaji, group: "controlplane.cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.kamaji"))
        return chosen
    }

    /// `Version.allCases` runs oldest to newest.
    static func choose<Version: ValuesEnum & Equatable>(_ current: Version, group: String, served: Set<String>, userSet: Bool)
        -> Version
    {
        guard !userSet else { return current }
        let servedVersions = Version.allCases.filter { served.contains("\(group)/\($0.rawValue)") }
        guard !servedVersions.contains(current), let newest = servedVersions.last else { return current }
        return newest
    }

    /// `apps` of `apps/v1`; the core group (`v1`) is the empty string.
    static func group(of apiVersion: String) -> String {
        apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
    }

    /// A warning for every API group an object of the render is written in that the cluster serves
    /// in no version: the provider is missing, or the list is not the cluster's.
    static func unservedGroups(_ objects: [ManifestObject], served: Set<String>) -> [Diagnostic] {
        let servedGroups = Set(served.map(group(of:)))
        var kindsByGroup: [String: [String]] = [:]
        var order: [String] = []
        for object in objects {
            let group = group(of: object.apiVersion)
            guard !servedGroups.contains(group) else { continue }
            if kindsByGroup[group] == nil { order.append(group) }
            if kindsByGroup[group]?.contains(object.kind) != true { kindsByGroup[group, default: []].append(object.kind) }
        }
        return order.map { group in
            let kinds = kindsByGroup[group] ?? []
            return Diagnostic(
                .warning, code: .invalidValue, location: SourceLocation(file: "--api-versions"),
                message: "the cluster serves no version of the API group \(group.isEmpty ? "v1 (core)" : group), "
                    + "which the render writes \(kinds.joined(separator: ", ")) in",
                hint: "install the provider that serves it before applying, or pass the cluster's own list: "
                    + "--api-versions \"$(kubectl api-versions | paste -sd, -)\"")
        }
    }
}

extension ServedAPIVersions {
    /// `choose` for chart capi-kamaji-proxmox's `apiVersions`: CAPMOX's group in place of CAPV's.
    static func choose(_ versions: ProxmoxAPIVersionValues, served: Set<String>, userSet: UserWrittenPaths)
        -> ProxmoxAPIVersionValues
    {
        var chosen = versions
        chosen.clusterAPI = choose(versions.clusterAPI, group: "cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.clusterAPI"))
        chosen.kamaji = choose(versions.kamaji, group: "controlplane.cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.kamaji"))
        chosen.proxmox = choose(versions.proxmox, group: "infrastructure.cluster.x-k8s.io", served: served,
            userSet: userSet.contains("apiVersions.proxmox"))
        return chosen
    }
}

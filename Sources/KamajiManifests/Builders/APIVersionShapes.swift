import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// What differs between the API versions kamaji-capi writes (`apiVersions` in values), for the fields
/// it renders, as read from each version's CRD schema (schemas/crd, docs/api-versions.md). Builders
/// ask these helpers instead of branching on versions themselves.
extension APIVersionValues.ClusterAPI {
    /// The API groups of Cluster API's own kinds; each is served at the same version.
    package enum Group: String {
        case core = "cluster.x-k8s.io"
        case bootstrap = "bootstrap.cluster.x-k8s.io"
        case addons = "addons.cluster.x-k8s.io"
    }

    package func apiVersion(_ group: Group) -> String { "\(group.rawValue)/\(rawValue)" }

    /// How an object of this version refers to another: v1beta1 writes `{apiVersion, kind, name}`;
    /// v1beta2 writes `{apiGroup, kind, name}` and Cluster API finds the served version through the
    /// provider's contract label.
    package func reference(to object: ManifestObject) -> YAMLValue {
        switch self {
        case .v1beta1: return object.reference
        case .v1beta2:
            let group = object.apiVersion.split(separator: "/").dropLast().joined(separator: "/")
            return ["apiGroup": .string(group), "kind": .string(object.kind), "name": .string(object.name)]
        }
    }

    /// kubelet's extra flags: a map in v1beta1; in v1beta2 a list of `{name, value}` in the map's order.
    package func kubeletExtraArgs(_ arguments: YAMLMapping) -> YAMLValue {
        switch self {
        case .v1beta1: return .mapping(arguments)
        case .v1beta2: return .sequence(arguments.entries.map { ["name": .string($0.key), "value": $0.value] })
        }
    }

    /// A `cidrBlocks` list: v1beta2 needs at least one block, so an empty list leaves the whole
    /// network out (Cluster API's defaults apply), as it would in v1beta1 had the chart omitted it.
    package func cidrBlocks(_ blocks: [String]?) -> YAMLValue? {
        guard let blocks, !(self == .v1beta2 && blocks.isEmpty) else { return nil }
        return ["cidrBlocks": .sequence(blocks.map(YAMLValue.string))]
    }

    /// An optional string: v1beta1 writes it as the chart does, `""` included; v1beta2 declares a
    /// minimum length of 1, so an empty one is left out, which the controllers read the same way.
    package func optional(_ text: String?) -> YAMLValue? { optionalString(text, emptyAllowed: self == .v1beta1) }
}

extension APIVersionValues.VSphere {
    package var apiVersion: String { "infrastructure.cluster.x-k8s.io/\(rawValue)" }

    /// As `ClusterAPI.optional`: CAPV v1beta2 gives its optional strings a minimum length of 1.
    package func optional(_ text: String?) -> YAMLValue? { optionalString(text, emptyAllowed: self == .v1beta1) }
}

private func optionalString(_ text: String?, emptyAllowed: Bool) -> YAMLValue? {
    guard let text, emptyAllowed || !text.isEmpty else { return nil }
    return .string(text)
}

extension ClusterModel {
    package var apiVersions: APIVersionValues { values.apiVersions }
}

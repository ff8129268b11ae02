import KamajiDiagnostics
import KamajiYAML

/// The Helm charts kamaji-capi renders: `capi-kamaji-vsphere` (the default) and its Proxmox VE
/// sibling `capi-kamaji-proxmox`. Each has its own defaults, typed values and JSON schema; a values
/// file names its chart with the top-level key `chart` (docs/providers/proxmox.md), or `--chart` does.
public enum ChartName: String, ValuesEnum, Sendable {
    case vsphere = "capi-kamaji-vsphere"
    case proxmox = "capi-kamaji-proxmox"

    /// The chart's defaults, compiled in; `kamaji-capi values` prints them.
    public var defaultValuesYAML: String {
        switch self {
        case .vsphere: DefaultValues.yaml
        case .proxmox: ProxmoxDefaultValues.yaml
        }
    }

    /// The file the defaults are compiled from, as errors name it.
    package var defaultValuesFile: String {
        switch self {
        case .vsphere: "values/values.yaml (built in)"
        case .proxmox: "values/proxmox-values.yaml (built in)"
        }
    }

    /// The chart a values file names with its top-level `chart` key, when it names one.
    package static func named(in document: YAMLValue) -> String? {
        guard case .string(let name)? = document.mapping?["chart"] else { return nil }
        return name
    }
}

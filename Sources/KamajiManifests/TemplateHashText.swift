import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The text hashed into template names where no chart fixes it: the Metal³ and Equinix Metal
/// templates, and the KubeadmConfigTemplates of their pools (vSphere keeps the chart's text,
/// `ChartHashText`, so clusters moved from Helm keep their machines).
///
/// The text is the template's whole `spec` as JSON (`JSONWriter`), every map's keys sorted by their
/// bytes, nulls dropped, two-space indentation, no trailing newline. It depends on what the template
/// holds and nothing else: a changed field (a Metal³ image, an Equinix machine type, a kubelet flag)
/// changes the name, so the MachineDeployment points at a new template and Cluster API rolls the
/// pool; the order keys were written in, replicas and labels outside the spec do not.
public enum TemplateHashText {
    public static func canonicalJSON(_ spec: YAMLValue) -> String {
        JSONWriter.write(canonical(spec.droppingNulls()))
    }

    package static func canonical(_ value: YAMLValue) -> YAMLValue {
        switch value {
        case .mapping(let mapping):
            var sorted = YAMLMapping()
            for entry in mapping.sortedByKey().entries { sorted[entry.key] = canonical(entry.value) }
            return .mapping(sorted)
        case .sequence(let items): return .sequence(items.map(canonical))
        default: return value
        }
    }
}

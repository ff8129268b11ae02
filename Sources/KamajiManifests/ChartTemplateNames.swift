import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The charts' hash-suffixed template names, in the one place every provider and API version is
/// named: a changed machine spec gets a new name (and rolls the pool), an unchanged one keeps the
/// chart's, so moving from `helm upgrade` replaces no machine. The names hash the charts' texts
/// (`ChartHashText`) where a chart renders the objects; elsewhere the builders name the templates
/// from their spec (`TemplateHashText`).
package enum ChartTemplateNames {
    /// The pool with its chart names set, computed once per pool before its objects are built.
    package static func naming(_ pool: PoolModel, in model: ClusterModel) -> PoolModel {
        var pool = pool
        let clusterName = model.clusterName
        if let proxmox = model.proxmox, let values = pool.proxmox {
            if proxmox.apiVersions.proxmox == .v1alpha1 {
                pool.machineTemplateName = TemplateName.proxmoxMachineTemplate(
                    cluster: clusterName, pool: values.name,
                    hashedText: ChartHashText.proxmoxMachineTemplate(pool: values, clusterName: clusterName))
            }
            if proxmox.apiVersions.clusterAPI == .v1beta1 {
                pool.kubeadmConfigTemplateName = TemplateName.kubeadmConfigTemplate(
                    cluster: clusterName, pool: values.name,
                    hashedText: ChartHashText.proxmoxKubeadmConfigTemplate(pool: values))
            }
        } else if model.values.infrastructure.provider == .vsphere {
            let values = pool.values
            pool.machineTemplateName = TemplateName.machineTemplate(
                cluster: clusterName, pool: values.name,
                hashedText: ChartHashText.vSphereMachineTemplate(pool: values, vSphere: model.values.vSphere, clusterName: clusterName))
            pool.kubeadmConfigTemplateName = TemplateName.kubeadmConfigTemplate(
                cluster: clusterName, pool: values.name, hashedText: ChartHashText.kubeadmConfigTemplate(pool: values))
        }
        return pool
    }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// All objects of one cluster, in the documented order (docs/output.md): the credential Secrets,
/// the cluster and its infrastructure, the control plane, then per pool the immutable templates
/// before the MachineDeployment that uses them, then the provider's controllers, the CNI add-on and
/// monitoring.
public enum ClusterManifest {
    public static func build(_ model: ClusterModel) -> [ManifestObject] {
        let provider = InfrastructureProviders.provider(for: model)
        let controlPlane = KamajiControlPlaneBuilder.build(model)
        let infrastructure = provider.clusterObject(model)
        var objects = CredentialSecrets.build(model)
        objects.append(ClusterBuilder.build(model, controlPlane: controlPlane, infrastructure: infrastructure))
        objects.append(infrastructure)
        objects += provider.supportingObjects(model)
        objects.append(controlPlane)
        // A pool's objects depend on nothing but the model and the pool: built on all cores for a
        // cluster with many pools (naming a pool hashes its whole machine spec), concatenated in
        // pool order.
        let poolObjects = Parallel.map(model.pools.count) { index in
            let pool = ChartTemplateNames.naming(model.pools[index], in: model)
            let machineTemplate = provider.machineTemplate(model, pool: pool)
            let bootstrapTemplate = KubeadmConfigTemplateBuilder.build(model, pool: pool, provider: provider)
            return provider.poolObjects(model, pool: pool) + [
                machineTemplate, bootstrapTemplate,
                MachineDeploymentBuilder.build(
                    model, pool: pool, machineTemplate: machineTemplate, bootstrapTemplate: bootstrapTemplate),
            ]
        }
        for objectsOfPool in poolObjects { objects += objectsOfPool }
        objects += provider.componentObjects(model)
        objects += HelmChartProxyBuilder.build(model)
        objects += MetricsBuilder.build(model)
        return objects
    }
}

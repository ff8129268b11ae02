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
        for pool in model.pools {
            let machineTemplate = provider.machineTemplate(model, pool: pool)
            let bootstrapTemplate = KubeadmConfigTemplateBuilder.build(model, pool: pool, provider: provider)
            objects += provider.poolObjects(model, pool: pool)
            objects += [
                machineTemplate, bootstrapTemplate,
                MachineDeploymentBuilder.build(
                    model, pool: pool, machineTemplate: machineTemplate, bootstrapTemplate: bootstrapTemplate),
            ]
        }
        objects += provider.componentObjects(model)
        objects += HelmChartProxyBuilder.build(model)
        objects += MetricsBuilder.build(model)
        return objects
    }
}

/// All objects of one cluster, in the documented order (docs/output.md): the credential Secrets,
/// the cluster and its infrastructure, the control plane, then per pool the two immutable templates
/// before the MachineDeployment that uses them, then the management-side controllers, storage and
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
            let bootstrapTemplate = KubeadmConfigTemplateBuilder.build(model, pool: pool)
            objects += [
                machineTemplate, bootstrapTemplate,
                MachineDeploymentBuilder.build(
                    model, pool: pool, machineTemplate: machineTemplate, bootstrapTemplate: bootstrapTemplate),
            ]
        }
        objects += CloudControllerManagerBuilder.build(model)
        objects += CSIControllerBuilder.build(model)
        let nodeDriver = CSINodeDriverBuilder.build(model)
        objects += nodeDriver
        objects += ClusterResourceSetBuilder.build(model, configMaps: nodeDriver)
        objects += MetricsBuilder.build(model)
        return objects
    }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The seam between the provider-neutral objects (Cluster, KamajiControlPlane, MachineDeployment,
/// KubeadmConfigTemplate) and the infrastructure that runs the workers. vSphere is the chart's
/// provider; Metal³ and Equinix Metal plug in here with their own cluster and machine templates
/// (`infrastructure.provider`, docs/providers/).
public protocol InfrastructureProvider: Sendable {
    /// The infrastructure cluster object (`VSphereCluster`, `Metal3Cluster`, `PacketCluster`) the Cluster points at.
    func clusterObject(_ model: ClusterModel) -> ManifestObject
    /// Objects the infrastructure needs besides the cluster and per-pool templates (IP pools, ...).
    func supportingObjects(_ model: ClusterModel) -> [ManifestObject]
    /// Objects the pool's machine template refers to, rendered before it (Metal³'s data template).
    func poolObjects(_ model: ClusterModel, pool: PoolModel) -> [ManifestObject]
    /// The pool's immutable machine template.
    func machineTemplate(_ model: ClusterModel, pool: PoolModel) -> ManifestObject
    /// The provider's part of the pool's KubeadmConfigTemplate: kubelet flags, node name, CRI socket.
    func nodeRegistration(_ model: ClusterModel, pool: PoolModel) -> NodeRegistration
    /// The name of the pool's KubeadmConfigTemplate whose `spec.template.spec` is `spec`.
    func kubeadmConfigTemplateName(_ model: ClusterModel, pool: PoolModel, spec: YAMLValue) -> String
    /// Controllers the provider runs beside the control plane, rendered after the pools.
    func componentObjects(_ model: ClusterModel) -> [ManifestObject]
}

extension InfrastructureProvider {
    public func supportingObjects(_ model: ClusterModel) -> [ManifestObject] { [] }
    public func poolObjects(_ model: ClusterModel, pool: PoolModel) -> [ManifestObject] { [] }
    public func componentObjects(_ model: ClusterModel) -> [ManifestObject] { [] }

    /// Named from the spec (`TemplateHashText`), so any change to it rolls the pool.
    public func kubeadmConfigTemplateName(_ model: ClusterModel, pool: PoolModel, spec: YAMLValue) -> String {
        TemplateName.providerTemplate(cluster: model.clusterName, pool: pool.values.name, kind: "kubeadmconfig", spec: spec)
    }
}

public enum InfrastructureProviders {
    public static func provider(for model: ClusterModel) -> InfrastructureProvider {
        switch model.values.infrastructure.provider {
        case .vsphere: VSphereProvider()
        case .metal3: Metal3Provider()
        case .equinix: EquinixProvider()
        case .proxmox: ProxmoxProvider()
        }
    }
}

/// vSphere through CAPV, as the chart renders it.
public struct VSphereProvider: InfrastructureProvider {
    public init() {}

    public func clusterObject(_ model: ClusterModel) -> ManifestObject {
        VSphereClusterBuilder.build(model)
    }

    public func supportingObjects(_ model: ClusterModel) -> [ManifestObject] {
        model.values.ipamProvider.enabled ? [InClusterIPPoolBuilder.build(model)] : []
    }

    public func machineTemplate(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        VSphereMachineTemplateBuilder.build(model, pool: pool)
    }

    /// The chart's: the VM's address from the vSphere metadata (unless the pool's
    /// `nodeIPFromMetadata` is false), the vSphere cloud controller.
    public func nodeRegistration(_ model: ClusterModel, pool: PoolModel) -> NodeRegistration {
        var kubeletExtraArgs: YAMLMapping = [:]
        if pool.values.nodeIPFromMetadata != false { kubeletExtraArgs["node-ip"] = "{{ ds.meta_data.local_ipv4 }}" }
        kubeletExtraArgs["cloud-provider"] = "external"
        return NodeRegistration(
            criSocket: "/var/run/containerd/containerd.sock", kubeletExtraArgs: kubeletExtraArgs,
            name: "{{ local_hostname }}")
    }

    /// The chart's hash name (`ChartHashText`), so clusters moved from Helm keep their machines; a
    /// v1beta2 template, which the chart never rendered, is named from its spec like other providers'.
    public func kubeadmConfigTemplateName(_ model: ClusterModel, pool: PoolModel, spec: YAMLValue) -> String {
        guard model.apiVersions.clusterAPI == .v1beta1 else {
            return TemplateName.providerTemplate(
                cluster: model.clusterName, pool: pool.values.name, kind: "kubeadmconfig", spec: spec)
        }
        return pool.kubeadmConfigTemplateName ?? ""
    }

    /// The vSphere cloud controller and CSI controller beside the control plane, the CSI node
    /// driver through a ClusterResourceSet.
    public func componentObjects(_ model: ClusterModel) -> [ManifestObject] {
        let nodeDriver = CSINodeDriverBuilder.build(model)
        return CloudControllerManagerBuilder.build(model) + CSIControllerBuilder.build(model) + nodeDriver
            + ClusterResourceSetBuilder.build(model, configMaps: nodeDriver)
    }
}

extension ManifestObject {
    /// A pool's immutable machine template for the providers other than vSphere, and for vSphere in
    /// CAPV v1beta2 (which the chart never rendered): named from a hash of its spec
    /// (`TemplateHashText`), so any change of the spec gives a new name and rolls the pool.
    package static func hashNamedPoolTemplate(
        apiVersion: String, kind: String, nameKind: String, model: ClusterModel, pool: PoolModel, spec: YAMLMapping
    ) -> ManifestObject {
        let templateSpec = YAMLValue.mapping(spec)
        return ManifestObject(
            apiVersion: apiVersion, kind: kind,
            name: TemplateName.providerTemplate(
                cluster: model.clusterName, pool: pool.values.name, kind: nameKind, spec: templateSpec),
            namespace: model.namespace, labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": ["template": ["spec": templateSpec]]])
    }
}

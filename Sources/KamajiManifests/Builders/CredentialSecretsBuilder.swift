import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The three vSphere credential Secrets of chart 0.1.0, each rendered only when its `secret.create`
/// is true (otherwise the consumer is pointed at the existing Secret named by `secret.name`), named
/// `secret.createdName` when given, else:
///
/// - `<cluster>-vsphere-secret`: `username`/`password` for Cluster API's `VSphereCluster.identityRef`;
/// - `<cluster>-vsphere-config-secret`: the cloud controller's `vsphere.conf`;
/// - `<cluster>-csi-config-secret`: the CSI controller's `csi-vsphere.conf`.
///
/// These are the only objects that carry a password (`SecretString.revealed` is called here and
/// nowhere else). `vsphere.conf` is YAML, built as a tree and written by the emitter; `csi-vsphere.conf`
/// is INI, laid out as chart 0.1.0 writes it, every string through Helm's `quote`.
package enum CredentialSecrets {
    package static func build(_ model: ClusterModel) -> [ManifestObject] {
        var secrets: [ManifestObject] = []
        if let secret = model.values.vSphere.secret, secret.create == true {
            secrets.append(clusterAPISecret(model))
        }
        if model.cloudControllerEnabled, model.values.vSphereCloudControllerManager.secret?.create == true {
            secrets.append(cloudControllerSecret(model))
        }
        if let storage = model.storage, storage.secret?.create == true {
            secrets.append(storageControllerSecret(model))
        }
        return secrets
    }

    package static func clusterAPISecretName(_ model: ClusterModel, _ secret: SecretRef) -> String {
        secret.secretName(cluster: model.clusterName, createdSuffix: "vsphere-secret", fallback: "vsphere-secret")
    }

    package static func storageControllerSecretName(_ model: ClusterModel) -> String {
        (model.values.vSphereStorageControllerManager?.secret ?? SecretRef())
            .secretName(cluster: model.clusterName, createdSuffix: "csi-config-secret", fallback: "csi-config-secret")
    }

    package static func clusterAPISecret(_ model: ClusterModel) -> ManifestObject {
        let credentials = Credentials.vSphere(model)
        return secret(
            model, name: clusterAPISecretName(model, model.values.vSphere.secret ?? SecretRef()), labels: [:],
            stringData: [
                "password": .string(credentials.password?.revealed ?? ""),
                "username": .string(credentials.username ?? ""),
            ])
    }

    package static func cloudControllerSecret(_ model: ClusterModel) -> ManifestObject {
        secret(
            model, name: CloudControllerManagerBuilder.configSecretName(model), labels: [:],
            stringData: ["vsphere.conf": .string(cloudProviderConfig(model))])
    }

    package static func storageControllerSecret(_ model: ClusterModel) -> ManifestObject {
        secret(
            model, name: storageControllerSecretName(model), labels: CSIControllerBuilder.componentLabels(model),
            stringData: ["csi-vsphere.conf": .string(csiConfig(model))])
    }

    package static func secret(_ model: ClusterModel, name: String, labels: YAMLMapping, stringData: YAMLMapping)
        -> ManifestObject
    {
        ManifestObject(
            apiVersion: "v1", kind: "Secret", name: name, namespace: model.namespace,
            labels: labels.isEmpty ? [model.clusterNameLabel.key: model.clusterNameLabel.value] : labels,
            fields: ["stringData": .mapping(stringData)])
    }

    /// The vSphere cloud provider's `vsphere.conf`: the keys of chart 0.1.0's file, built as a tree and
    /// written by the emitter, so a server name such as `0b1` or `on` stays a string key and a long
    /// one becomes an explicit key, by the same go-yaml rules as every manifest.
    package static func cloudProviderConfig(_ model: ClusterModel) -> String {
        let vSphere = model.values.vSphere
        let credentials = Credentials.cloudController(model)
        let server = vSphere.server ?? ""
        let config: YAMLValue = [
            "global": [
                "port": .int(vSphere.port ?? 443),
                "insecure-flag": .bool(vSphere.insecure ?? false),
                "password": .string(credentials.password?.revealed ?? ""),
                "user": .string(credentials.username ?? ""),
                "thumbprint": .string(vSphere.tlsThumbprint ?? ""),
            ],
            "vcenter": .mapping(YAMLMapping([.init(key: server, value: ["datacenters": [.string(vSphere.dataCenter ?? "")], "server": .string(server)])])),
        ]
        return ManifestStream.emit(config)
    }

    /// The vSphere CSI driver's `csi-vsphere.conf` (INI), as chart 0.1.0 lays it out. `cluster-id`
    /// ties the volumes the driver creates to this cluster in vCenter.
    package static func csiConfig(_ model: ClusterModel) -> String {
        let vSphere = model.values.vSphere
        let credentials = Credentials.storageController(model)
        return """
            [Global]
            cluster-id = \(HelmTemplateFunctions.quote("\(model.namespace)/\(model.clusterName)"))
            thumbprint = \(HelmTemplateFunctions.quote(vSphere.tlsThumbprint ?? ""))
            insecure-flag  = \(vSphere.insecure ?? false)

            [VirtualCenter \(HelmTemplateFunctions.quote(vSphere.server ?? ""))]
            port     = \(vSphere.port ?? 443)
            user     = \(HelmTemplateFunctions.quote(credentials.username ?? ""))
            password = \(HelmTemplateFunctions.quote(credentials.password?.revealed ?? ""))

            """
    }
}

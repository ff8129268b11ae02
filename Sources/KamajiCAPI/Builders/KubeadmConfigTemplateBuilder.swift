/// Cluster API's `KubeadmConfigTemplate` for one node pool: how a new VM joins the tenant cluster.
/// In v1beta1 its fields mirror `ChartHashText.kubeadmConfigTemplate`, the text its name is hashed
/// from; a v1beta2 template is named by `TemplateHash`.
enum KubeadmConfigTemplateBuilder {
    static func build(_ model: ClusterModel, pool: PoolModel) -> ManifestObject {
        let values = pool.values
        let version = model.apiVersions.clusterAPI
        var kubeletExtraArgs = [(name: "node-ip", value: "{{ ds.meta_data.local_ipv4 }}"), ("cloud-provider", "external")]
        if let labels = values.labels { kubeletExtraArgs.append(("node-labels", labels)) }
        if let taints = values.taints { kubeletExtraArgs.append(("register-with-taints", taints)) }
        var spec: YAMLMapping = [
            "joinConfiguration": [
                "nodeRegistration": [
                    "criSocket": "/var/run/containerd/containerd.sock",
                    "kubeletExtraArgs": version.kubeletExtraArgs(kubeletExtraArgs),
                    "name": "{{ local_hostname }}",
                ]
            ]
        ]
        spec["preKubeadmCommands"] = YAMLValue(nonEmptyStrings: values.preKubeadmCommands)
        spec["postKubeadmCommands"] = YAMLValue(nonEmptyStrings: values.postKubeadmCommands)
        if let files = values.additionalCloudInitFiles, !files.isEmpty {
            spec["files"] = [
                [
                    "path": "/etc/cloud/cloud.cfg.d/99-custom.cfg", "content": .string(files),
                    "owner": "root:root", "permissions": "0644",
                ]
            ]
        }
        if let users = values.users, !users.isEmpty { spec["users"] = .sequence(users.map(\.tree)) }
        let template = ManifestObject(
            apiVersion: version.apiVersion(.bootstrap), kind: "KubeadmConfigTemplate",
            name: pool.kubeadmConfigTemplateName, namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": ["template": ["spec": .mapping(spec)]]])
        return version == .v1beta1 ? template : TemplateHash.named(template)
    }
}

extension NodePoolValues.User {
    /// The user with exactly the keys that were given, sorted as `toYaml` sorts them: the chart
    /// renders and hashes `toYaml` of the user's map.
    var tree: YAMLValue {
        var tree: YAMLMapping = [:]
        tree["gecos"] = gecos.map(YAMLValue.string)
        tree["groups"] = groups.map(YAMLValue.string)
        tree["homeDir"] = homeDir.map(YAMLValue.string)
        tree["inactive"] = inactive.map(YAMLValue.bool)
        tree["lockPassword"] = lockPassword.map(YAMLValue.bool)
        tree["name"] = .string(name)
        tree["passwd"] = passwd.map(YAMLValue.string)
        if let passwdFrom {
            tree["passwdFrom"] = [
                "secret": ["key": .string(passwdFrom.secret.key), "name": .string(passwdFrom.secret.name)]
            ]
        }
        tree["primaryGroup"] = primaryGroup.map(YAMLValue.string)
        tree["shell"] = shell.map(YAMLValue.string)
        tree["sshAuthorizedKeys"] = sshAuthorizedKeys.map { .sequence($0.map(YAMLValue.string)) }
        tree["sudo"] = sudo.map(YAMLValue.string)
        return .mapping(tree)
    }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Cluster API's `KubeadmConfigTemplate` for one node pool: how a new machine joins the tenant
/// cluster. The provider gives the node registration (kubelet flags, node name, CRI socket); the
/// pool gives labels, taints, commands, files and users. For vSphere in v1beta1 its fields mirror
/// `ChartHashText.kubeadmConfigTemplate`, the text its name is hashed from.
package enum KubeadmConfigTemplateBuilder {
    package static func build(_ model: ClusterModel, pool: PoolModel, provider: InfrastructureProvider) -> ManifestObject {
        let version = model.apiVersions.clusterAPI
        let spec = self.spec(pool: pool, registration: provider.nodeRegistration(model, pool: pool), version: version)
        return ManifestObject(
            apiVersion: version.apiVersion(.bootstrap), kind: "KubeadmConfigTemplate",
            name: provider.kubeadmConfigTemplateName(model, pool: pool, spec: spec), namespace: model.namespace,
            labels: [model.clusterNameLabel.key: model.clusterNameLabel.value],
            fields: ["spec": ["template": ["spec": spec]]])
    }

    package static func spec(pool: PoolModel, registration: NodeRegistration, version: APIVersionValues.ClusterAPI) -> YAMLValue {
        let values = pool.values
        var kubeletExtraArgs = registration.kubeletExtraArgs
        let nodeLabels = registration.nodeLabels + [values.labels].compactMap { $0 }
        if !nodeLabels.isEmpty { kubeletExtraArgs["node-labels"] = .string(nodeLabels.joined(separator: ",")) }
        kubeletExtraArgs["register-with-taints"] = values.taints.map(YAMLValue.string)
        // The pool's own flags come last and win over the provider's of the same name.
        for entry in YAMLMapping(stringMap: values.kubeletExtraArgs).entries { kubeletExtraArgs[entry.key] = entry.value }
        var nodeRegistration: YAMLMapping = [:]
        nodeRegistration["criSocket"] = registration.criSocket.map(YAMLValue.string)
        nodeRegistration["kubeletExtraArgs"] = version.kubeletExtraArgs(kubeletExtraArgs)
        nodeRegistration["name"] = registration.name.map(YAMLValue.string)
        var spec: YAMLMapping = ["joinConfiguration": ["nodeRegistration": .mapping(nodeRegistration)]]
        spec["preKubeadmCommands"] = YAMLValue(nonEmptyStrings: values.preKubeadmCommands)
        spec["postKubeadmCommands"] = YAMLValue(nonEmptyStrings: values.postKubeadmCommands)
        var files: [YAMLValue] = []
        if let text = values.additionalCloudInitFiles, !text.isEmpty {
            files.append([
                "path": "/etc/cloud/cloud.cfg.d/99-custom.cfg", "content": .string(text),
                "owner": "root:root", "permissions": "0644",
            ])
        }
        files += (values.files ?? []).map(\.tree)
        if !files.isEmpty { spec["files"] = .sequence(files) }
        if let users = values.users, !users.isEmpty { spec["users"] = .sequence(users.map(\.tree)) }
        return .mapping(spec)
    }
}

/// The provider's part of a KubeadmConfigTemplate's `joinConfiguration.nodeRegistration`.
public struct NodeRegistration: Equatable, Sendable {
    /// `nil`: kubeadm finds the runtime's socket itself.
    public var criSocket: String?
    public var kubeletExtraArgs: YAMLMapping
    /// Labels the provider needs on every node, written before the pool's `labels` in `node-labels`.
    public var nodeLabels: [String]
    /// The node name, a cloud-init template; `nil` leaves it to kubeadm (the host name).
    public var name: String?

    public init(criSocket: String? = nil, kubeletExtraArgs: YAMLMapping = [:], nodeLabels: [String] = [], name: String? = nil) {
        self.criSocket = criSocket
        self.kubeletExtraArgs = kubeletExtraArgs
        self.nodeLabels = nodeLabels
        self.name = name
    }
}

extension CloudInitFile {
    /// The file as KubeadmConfig writes it, with exactly the keys that were given.
    package var tree: YAMLValue {
        var tree: YAMLMapping = ["path": .string(path), "content": .string(content)]
        tree["owner"] = owner.map(YAMLValue.string)
        tree["permissions"] = permissions.map(YAMLValue.string)
        tree["encoding"] = encoding.map(YAMLValue.string)
        return .mapping(tree)
    }
}

extension NodePoolValues.User {
    /// The user with exactly the keys that were given, null ones included, sorted as `toYaml`
    /// sorts them: the chart renders and hashes `toYaml` of the user's map.
    package var tree: YAMLValue {
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
        // toYaml sorts the keys itself, so the null ones need no place of their own.
        for key in nullKeys { tree[key] = .null }
        return .mapping(tree)
    }
}

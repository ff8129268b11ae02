import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The vSphere cloud controller manager, run on the management cluster beside the tenant's control
/// plane so tenants never hold vCenter credentials: a ServiceAccount, a RoleBinding that lets it read
/// the API server's authentication config, and its Deployment talking to the tenant through the
/// admin kubeconfig Secret Kamaji creates.
package enum CloudControllerManagerBuilder {
    package static func build(_ model: ClusterModel) -> [ManifestObject] {
        guard model.values.vSphereCloudControllerManager.enabled != false else { return [] }
        return [serviceAccount(model), roleBinding(model), deployment(model)]
    }

    package static func serviceAccountName(_ model: ClusterModel) -> String { "\(model.clusterName)-cloud-controller-manager" }

    package static func componentLabels(_ model: ClusterModel) -> YAMLMapping { model.componentLabels("cloud-controller-manager") }

    package static func serviceAccount(_ model: ClusterModel) -> ManifestObject {
        .serviceAccount(model, name: serviceAccountName(model), component: "cloud-controller-manager")
    }

    package static func roleBinding(_ model: ClusterModel) -> ManifestObject {
        ManifestObject(
            apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding",
            name: "\(model.clusterName)-\(model.namespace):apiserver-authentication-reader", namespace: "kube-system",
            labels: componentLabels(model),
            fields: [
                "roleRef": [
                    "apiGroup": "rbac.authorization.k8s.io", "kind": "Role",
                    "name": "extension-apiserver-authentication-reader",
                ],
                "subjects": [
                    [
                        "apiGroup": "", "kind": "ServiceAccount", "name": .string(serviceAccountName(model)),
                        "namespace": .string(model.namespace),
                    ],
                    ["apiGroup": "", "kind": "User", "name": "cloud-controller-manager"],
                ],
            ])
    }

    /// `registry/repository:tag`; chart 0.1.0's `version` is the tag when `image.tag` was not given.
    package static func configSecretName(_ model: ClusterModel) -> String {
        (model.values.vSphereCloudControllerManager.secret ?? SecretRef())
            .secretName(cluster: model.clusterName, createdSuffix: "vsphere-config-secret", fallback: "vsphere-config-secret")
    }

    package static func deployment(_ model: ClusterModel) -> ManifestObject {
        let values = model.values.vSphereCloudControllerManager
        let appName = model.cloudControllerAppName
        let kubeconfigVolume = model.adminKubeconfigSecret
        var container: YAMLMapping = [
            "name": "vsphere-cloud-controller-manager",
            "image": .string(model.cloudControllerImage),
        ]
        container["imagePullPolicy"] = values.image?.pullPolicy.map(YAMLValue.string)
        container["args"] = [
            "--v=2", "--cloud-config=/etc/cloud/vsphere.conf", "--cloud-provider=vsphere",
            "--authentication-kubeconfig=/etc/kubernetes/admin.svc", "--kubeconfig=/etc/kubernetes/admin.svc",
            "--leader-elect=true",
        ]
        container["volumeMounts"] = [
            ["mountPath": "/etc/cloud", "name": "vsphere-config-volume", "readOnly": true],
            [
                "mountPath": "/etc/kubernetes/admin.svc", "name": .string(kubeconfigVolume), "subPath": "admin.svc",
                "readOnly": true,
            ],
        ]
        container["resources"] = .mapping([:])

        var podSpec: YAMLMapping = [
            "containers": [.mapping(container)],
            "hostNetwork": false,
            "securityContext": ["runAsUser": 1001],
        ]
        // Chart 0.2.9 indents a non-empty affinity one level too shallow, so it lands beside
        // `affinity` in the pod spec; it belongs under it (deliberate deviation 2).
        podSpec["affinity"] = YAMLValue(ifNotEmpty: values.affinity)
        podSpec["tolerations"] = YAMLValue(ifNotEmpty: values.tolerations)
        let nodeSelector = YAMLMapping(stringMap: values.nodeSelector)
        if !nodeSelector.isEmpty { podSpec["nodeSelector"] = .mapping(nodeSelector) }
        podSpec["topologySpreadConstraints"] = YAMLValue(ifNotEmpty: values.topologySpreadConstraints)
        podSpec["serviceAccountName"] = .string(serviceAccountName(model))
        podSpec["volumes"] = [
            ["name": "vsphere-config-volume", "secret": ["secretName": .string(configSecretName(model))]],
            ["name": .string(kubeconfigVolume), "secret": ["secretName": .string(kubeconfigVolume)]],
        ]

        var podMetadata: YAMLMapping = [
            "labels": .mapping(
                (["component": "cloud-controller-manager", "app": .string(appName)] as YAMLMapping)
                    .adding(YAMLMapping(stringMap: values.podAdditionalMetadata?.labels)))
        ]
        let podAnnotations = YAMLMapping(stringMap: values.podAdditionalMetadata?.annotations)
        if !podAnnotations.isEmpty { podMetadata["annotations"] = .mapping(podAnnotations) }

        return ManifestObject(
            apiVersion: "apps/v1", kind: "Deployment", name: appName, namespace: model.namespace,
            labels: componentLabels(model).adding(YAMLMapping(stringMap: values.additionalMetadata?.labels)),
            annotations: YAMLMapping(stringMap: values.additionalMetadata?.annotations),
            fields: [
                "spec": [
                    "replicas": 2,
                    "selector": ["matchLabels": ["app": .string(appName)]],
                    "template": ["metadata": .mapping(podMetadata), "spec": .mapping(podSpec)],
                ]
            ])
    }
}

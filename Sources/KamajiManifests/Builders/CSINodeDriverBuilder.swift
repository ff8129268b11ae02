import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The workload-cluster side of vSphere storage: the CSI node driver (its namespace, ServiceAccount,
/// RBAC, the feature-states ConfigMap the driver and the controller read, the DaemonSet), the
/// `CSIDriver` object and the StorageClass. They are objects of the workload cluster, so each is
/// built as a typed tree, printed with the same emitter as every other object, and carried in a
/// ConfigMap on the management cluster that a ClusterResourceSet applies to the workload cluster.
package enum CSINodeDriverBuilder {
    /// One manifest for the workload cluster and the ConfigMap that carries it.
    package struct EmbeddedManifest {
        package var configMapName: String
        package var component: String
        package var document: YAMLValue
    }

    package static let driverName = "csi.vsphere.vmware.com"
    package static let featureStatesName = "internal-feature-states.csi.vsphere.vmware.com"
    package static let nodeServiceAccount = "vsphere-csi-node"

    /// The ConfigMaps, in the order the ClusterResourceSet applies them: the namespace before what
    /// lives in it, the CSIDriver before the DaemonSet that registers it.
    package static func build(_ model: ClusterModel) -> [ManifestObject] {
        manifests(model).map { configMap(model, $0) }
    }

    package static func manifests(_ model: ClusterModel) -> [EmbeddedManifest] {
        guard let storage = model.storage else { return [] }
        let namespace = storage.nodeNamespace
        func node(_ suffix: String, _ document: YAMLValue) -> EmbeddedManifest {
            EmbeddedManifest(
                configMapName: "\(model.clusterName)-csi-\(suffix)", component: "csi-node-driver", document: document)
        }
        var manifests = [
            node("namespace", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]]),
            node(
                "serviceaccount-node",
                [
                    "apiVersion": "v1", "kind": "ServiceAccount",
                    "metadata": ["name": .string(nodeServiceAccount), "namespace": .string(namespace)],
                ]),
            node("clusterrole-node", clusterRole),
            node("clusterrolebinding-node", clusterRoleBinding(namespace: namespace)),
            node("role-node", role(namespace: namespace)),
            node("rolebinding-node", roleBinding(namespace: namespace)),
            node("configmap-featurestates", featureStates(namespace: namespace)),
            // Chart 0.1.0 created a prefixed CSIDriver in the management cluster, where no kubelet
            // reads it; the workload cluster needs this one (deliberate deviation 4).
            node("driver", csiDriver),
            node("daemonset-node", daemonSet(namespace: namespace, logLevel: storage.nodeLogLevel)),
        ]
        if let storageClass = storage.storageClass, storageClass.enabled == true {
            manifests.append(
                EmbeddedManifest(
                    configMapName: "\(model.clusterName)-csi-storageclass", component: "csi-storage-class",
                    document: self.storageClass(storageClass)))
        }
        return manifests
    }

    /// A ConfigMap whose one entry, `data`, is the manifest as YAML, as a ClusterResourceSet reads it.
    package static func configMap(_ model: ClusterModel, _ manifest: EmbeddedManifest) -> ManifestObject {
        ManifestObject(
            apiVersion: "v1", kind: "ConfigMap", name: manifest.configMapName, namespace: model.namespace,
            labels: model.componentLabels(manifest.component),
            fields: ["data": ["data": .string(ManifestStream.emit(manifest.document))]])
    }

    package static let clusterRole: YAMLValue = [
        "kind": "ClusterRole", "apiVersion": "rbac.authorization.k8s.io/v1",
        "metadata": ["name": "vsphere-csi-node-cluster-role"],
        "rules": [
            [
                "apiGroups": ["cns.vmware.com"], "resources": ["csinodetopologies"],
                "verbs": ["create", "watch", "get", "patch"],
            ],
            ["apiGroups": [""], "resources": ["nodes"], "verbs": ["get"]],
        ],
    ]

    package static func serviceAccountSubject(namespace: String) -> YAMLValue {
        [["kind": "ServiceAccount", "name": .string(nodeServiceAccount), "namespace": .string(namespace)]]
    }

    package static func clusterRoleBinding(namespace: String) -> YAMLValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": ["name": "vsphere-csi-node-cluster-role-binding"],
            "roleRef": [
                "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "vsphere-csi-node-cluster-role",
            ],
            "subjects": serviceAccountSubject(namespace: namespace),
        ]
    }

    package static func role(namespace: String) -> YAMLValue {
        [
            "kind": "Role", "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": ["name": "vsphere-csi-node-role", "namespace": .string(namespace)],
            "rules": [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch"]]],
        ]
    }

    package static func roleBinding(namespace: String) -> YAMLValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": ["name": "vsphere-csi-node-binding", "namespace": .string(namespace)],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "vsphere-csi-node-role"],
            "subjects": serviceAccountSubject(namespace: namespace),
        ]
    }

    /// Feature switches the driver reads at start (`--fss-name`); values are strings in a ConfigMap.
    package static func featureStates(namespace: String) -> YAMLValue {
        [
            "apiVersion": "v1",
            "data": ["pv-to-backingdiskobjectid-mapping": "false", "trigger-csi-fullsync": "false"],
            "kind": "ConfigMap",
            "metadata": ["name": .string(featureStatesName), "namespace": .string(namespace)],
        ]
    }

    package static let csiDriver: YAMLValue = [
        "apiVersion": "storage.k8s.io/v1", "kind": "CSIDriver",
        "metadata": ["name": .string(driverName)],
        "spec": ["attachRequired": true, "podInfoOnMount": false],
    ]

    package static func daemonSet(namespace: String, logLevel: String) -> YAMLValue {
        let socket = "/var/lib/kubelet/plugins/\(driverName)/csi.sock"
        let pluginMount: YAMLValue = ["name": "plugin-dir", "mountPath": "/csi"]
        let registrar: YAMLValue = [
            "name": "node-driver-registrar",
            "image": "registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.12.0",
            "args": ["--csi-address=$(ADDRESS)", "--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)"],
            "env": [
                ["name": "ADDRESS", "value": "/csi/csi.sock"],
                ["name": "DRIVER_REG_SOCK_PATH", "value": .string(socket)],
            ],
            "volumeMounts": [pluginMount, ["name": "registration-dir", "mountPath": "/registration"]],
            "livenessProbe": [
                "exec": [
                    "command": [
                        "/csi-node-driver-registrar", .string("--kubelet-registration-path=\(socket)"),
                        "--mode=kubelet-registration-probe",
                    ]
                ],
                "initialDelaySeconds": 3,
            ],
        ]
        let fieldRef: (String) -> YAMLValue = { ["fieldRef": ["fieldPath": .string($0)]] }
        let driver: YAMLValue = [
            "name": "vsphere-csi-node",
            "image": "us-central1-docker.pkg.dev/k8s-staging-images/csi-vsphere/driver:latest",
            "args": [.string("--fss-name=\(featureStatesName)"), "--fss-namespace=$(CSI_NAMESPACE)"],
            "imagePullPolicy": "Always",
            "env": [
                ["name": "NODE_NAME", "valueFrom": fieldRef("spec.nodeName")],
                ["name": "CSI_ENDPOINT", "value": "unix:///csi/csi.sock"],
                ["name": "MAX_VOLUMES_PER_NODE", "value": "59"],
                ["name": "X_CSI_MODE", "value": "node"],
                ["name": "X_CSI_SPEC_REQ_VALIDATION", "value": "false"],
                ["name": "X_CSI_SPEC_DISABLE_LEN_CHECK", "value": "true"],
                // Chart 0.1.0 ships the unreplaced text ${CSI_LOG_LEVEL} (deliberate deviation 3).
                ["name": "LOGGER_LEVEL", "value": .string(logLevel)],
                ["name": "CSI_NAMESPACE", "valueFrom": fieldRef("metadata.namespace")],
                ["name": "NODEGETINFO_WATCH_TIMEOUT_MINUTES", "value": "1"],
            ],
            "securityContext": [
                "privileged": true, "capabilities": ["add": ["SYS_ADMIN"]], "allowPrivilegeEscalation": true,
            ],
            "volumeMounts": [
                pluginMount,
                // Bidirectional, so mounts made inside the container reach the host.
                ["name": "pods-mount-dir", "mountPath": "/var/lib/kubelet", "mountPropagation": "Bidirectional"],
                ["name": "device-dir", "mountPath": "/dev"],
                ["name": "blocks-dir", "mountPath": "/sys/block"],
                ["name": "sys-devices-dir", "mountPath": "/sys/devices"],
            ],
            "ports": [["name": "healthz", "containerPort": 9808, "protocol": "TCP"]],
            "livenessProbe": [
                "httpGet": ["path": "/healthz", "port": "healthz"],
                "initialDelaySeconds": 10, "timeoutSeconds": 5, "periodSeconds": 5, "failureThreshold": 3,
            ],
        ]
        let livenessProbe: YAMLValue = [
            "name": "liveness-probe",
            "image": "registry.k8s.io/sig-storage/livenessprobe:v2.14.0",
            "args": ["--csi-address=/csi/csi.sock"],
            "volumeMounts": [pluginMount],
        ]
        func hostPath(_ name: String, _ path: String, _ type: String?) -> YAMLValue {
            var source: YAMLMapping = ["path": .string(path)]
            source["type"] = type.map(YAMLValue.string)
            return ["name": .string(name), "hostPath": .mapping(source)]
        }
        return [
            "apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": ["name": "vsphere-csi-node", "namespace": .string(namespace)],
            "spec": [
                "selector": ["matchLabels": ["app": "vsphere-csi-node"]],
                "updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1]],
                "template": [
                    "metadata": ["labels": ["app": "vsphere-csi-node", "role": "vsphere-csi"]],
                    "spec": [
                        "priorityClassName": "system-node-critical",
                        "nodeSelector": ["kubernetes.io/os": "linux"],
                        "serviceAccountName": .string(nodeServiceAccount),
                        "hostNetwork": true,
                        "dnsPolicy": "ClusterFirstWithHostNet",
                        "containers": [registrar, driver, livenessProbe],
                        "volumes": [
                            hostPath("registration-dir", "/var/lib/kubelet/plugins_registry", "Directory"),
                            hostPath("plugin-dir", "/var/lib/kubelet/plugins/\(driverName)", "DirectoryOrCreate"),
                            hostPath("pods-mount-dir", "/var/lib/kubelet", "Directory"),
                            hostPath("device-dir", "/dev", nil),
                            hostPath("blocks-dir", "/sys/block", "Directory"),
                            hostPath("sys-devices-dir", "/sys/devices", "Directory"),
                        ],
                        "tolerations": [
                            ["effect": "NoExecute", "operator": "Exists"],
                            ["effect": "NoSchedule", "operator": "Exists"],
                        ],
                    ],
                ],
            ],
        ]
    }

    package static func storageClass(_ values: StorageControllerManagerValues.StorageClass) -> YAMLValue {
        [
            "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": [
                "name": .string(values.name ?? "vsphere-csi"),
                "annotations": ["storageclass.kubernetes.io/is-default-class": .string(String(values.default ?? true))],
            ],
            "provisioner": .string(driverName),
            "allowVolumeExpansion": .bool(values.allowVolumeExpansion ?? true),
            "reclaimPolicy": .string(values.reclaimPolicy ?? "Delete"),
            // The chart always writes the map, `{}` when empty.
            "parameters": .mapping(YAMLMapping(stringMap: values.parameters)),
            "volumeBindingMode": .string(values.volumeBindingMode ?? "WaitForFirstConsumer"),
        ]
    }
}

import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// The vSphere CSI controller, run on the management cluster beside the tenant control plane (like
/// the cloud controller) so the workload cluster never holds vCenter credentials. It reaches the
/// tenant API server through the admin kubeconfig Secret Kamaji creates (`<control plane>-admin-kubeconfig`,
/// key `admin.svc`) and vCenter through `csi-vsphere.conf`. Its ServiceAccount needs no RBAC on the
/// management cluster: every container talks to the tenant. Chart 0.1.0's Deployment, unchanged.
package enum CSIControllerBuilder {
    package static func build(_ model: ClusterModel) -> [ManifestObject] {
        guard let storage = model.storage else { return [] }
        return [serviceAccount(model), deployment(model, storage: storage)]
    }

    package static let component = "csi-controller-manager"

    package static func componentLabels(_ model: ClusterModel) -> YAMLMapping { model.componentLabels(component) }

    package static func serviceAccount(_ model: ClusterModel) -> ManifestObject {
        .serviceAccount(model, name: model.storageControllerAppName, component: component)
    }

    package static let kubeconfigArgument: YAMLValue = "--kubeconfig=/kubeconfig/config/admin.svc"
    package static let kubeconfigMount: YAMLValue = [
        "mountPath": "/kubeconfig/config/admin.svc", "name": "kubeconfig", "readOnly": true, "subPath": "admin.svc",
    ]
    package static let socketMount: YAMLValue = ["mountPath": "/csi", "name": "socket-dir"]
    package static let configMount: YAMLValue = ["mountPath": "/etc/cloud", "name": "vsphere-config-volume", "readOnly": true]
    package static let leaderElection: [YAMLValue] = [
        "--leader-election", "--leader-election-namespace=$(CSI_NAMESPACE)",
        "--leader-election-lease-duration=120s", "--leader-election-renew-deadline=60s",
        "--leader-election-retry-period=30s",
    ]
    package static let featureStates: [YAMLValue] = [
        "--fss-name=internal-feature-states.csi.vsphere.vmware.com", "--fss-namespace=$(CSI_NAMESPACE)",
    ]
    package static let nonRoot: YAMLValue = ["runAsGroup": 65532, "runAsNonRoot": true, "runAsUser": 65532]

    package static func env(_ pairs: KeyValuePairs<String, String>) -> YAMLValue {
        .sequence(pairs.map { ["name": .string($0.key), "value": .string($0.value)] })
    }

    /// A sidecar that talks to the driver over the shared socket and to the tenant API server.
    package static func sidecar(_ name: String, image: String, args: [YAMLValue], namespace: String) -> YAMLValue {
        [
            "args": .sequence(args),
            "env": env(["ADDRESS": "/csi/csi.sock", "CSI_NAMESPACE": namespace]),
            "image": .string(image),
            "name": .string(name),
            "volumeMounts": [socketMount, kubeconfigMount],
        ]
    }

    package static func deployment(_ model: ClusterModel, storage: StorageControllerManagerValues) -> ManifestObject {
        let namespace = storage.nodeNamespace
        let appName = model.storageControllerAppName
        let api: [YAMLValue] = ["--kube-api-qps=100", "--kube-api-burst=100"]
        let containers: [YAMLValue] = [
            sidecar(
                "csi-attacher", image: "registry.k8s.io/sig-storage/csi-attacher:v4.7.0",
                args: [kubeconfigArgument, "--timeout=300s", "--csi-address=$(ADDRESS)"] + leaderElection + api
                    + ["--worker-threads=100"],
                namespace: namespace),
            sidecar(
                "csi-resizer", image: "registry.k8s.io/sig-storage/csi-resizer:v1.12.0",
                args: [kubeconfigArgument, "--timeout=300s", "--handle-volume-inuse-error=false", "--csi-address=$(ADDRESS)"]
                    + api + leaderElection,
                namespace: namespace),
            [
                "args": .sequence([kubeconfigArgument] + featureStates),
                "env": env([
                    "CSI_ENDPOINT": "unix:///csi/csi.sock", "X_CSI_MODE": "controller",
                    "X_CSI_SPEC_DISABLE_LEN_CHECK": "true", "X_CSI_SERIAL_VOL_ACCESS_TIMEOUT": "3m",
                    "VSPHERE_CSI_CONFIG": "/etc/cloud/csi-vsphere.conf", "LOGGER_LEVEL": "PRODUCTION",
                    "INCLUSTER_CLIENT_QPS": "100", "INCLUSTER_CLIENT_BURST": "100", "CSI_NAMESPACE": namespace,
                ]),
                "image": "us-central1-docker.pkg.dev/k8s-staging-images/csi-vsphere/driver:latest",
                "imagePullPolicy": "Always",
                "livenessProbe": [
                    "failureThreshold": 3, "httpGet": ["path": "/healthz", "port": "healthz"],
                    "initialDelaySeconds": 30, "periodSeconds": 180, "timeoutSeconds": 10,
                ],
                "name": "vsphere-csi-controller",
                "ports": [
                    ["containerPort": 9808, "name": "healthz", "protocol": "TCP"],
                    ["containerPort": 2112, "name": "prometheus", "protocol": "TCP"],
                ],
                "securityContext": nonRoot,
                "volumeMounts": [configMount, socketMount, kubeconfigMount],
            ],
            [
                "args": ["--csi-address=/csi/csi.sock"],
                "image": "registry.k8s.io/sig-storage/livenessprobe:v2.14.0",
                "name": "liveness-probe",
                "volumeMounts": [socketMount],
            ],
            [
                "args": .sequence(
                    [
                        kubeconfigArgument, "--leader-election", "--leader-election-namespace=$(CSI_NAMESPACE)",
                        "--leader-election-lease-duration=30s", "--leader-election-renew-deadline=20s",
                        "--leader-election-retry-period=10s",
                    ] + featureStates),
                "env": env([
                    "FULL_SYNC_INTERVAL_MINUTES": "30", "VSPHERE_CSI_CONFIG": "/etc/cloud/csi-vsphere.conf",
                    "LOGGER_LEVEL": "PRODUCTION", "INCLUSTER_CLIENT_QPS": "100", "INCLUSTER_CLIENT_BURST": "100",
                    "CSI_NAMESPACE": namespace,
                ]),
                "image": "us-central1-docker.pkg.dev/k8s-staging-images/csi-vsphere/syncer:latest",
                "imagePullPolicy": "Always",
                "name": "vsphere-syncer",
                "ports": [["containerPort": 2113, "name": "prometheus", "protocol": "TCP"]],
                "securityContext": nonRoot,
                "volumeMounts": [configMount, kubeconfigMount],
            ],
            sidecar(
                "csi-provisioner", image: "registry.k8s.io/sig-storage/csi-provisioner:v4.0.1",
                args: [kubeconfigArgument, "--timeout=300s", "--csi-address=$(ADDRESS)"] + api + leaderElection
                    + ["--default-fstype=ext4"],
                namespace: namespace),
            sidecar(
                "csi-snapshotter", image: "registry.k8s.io/sig-storage/csi-snapshotter:v8.2.0",
                args: [kubeconfigArgument] + api + ["--timeout=300s", "--csi-address=$(ADDRESS)"] + leaderElection,
                namespace: namespace),
        ]
        let kubeconfigSecret = model.adminKubeconfigSecret
        return ManifestObject(
            apiVersion: "apps/v1", kind: "Deployment", name: appName, namespace: model.namespace,
            labels: componentLabels(model),
            fields: [
                "spec": [
                    "replicas": 2,
                    "selector": ["matchLabels": ["app": .string(appName)]],
                    "strategy": ["rollingUpdate": ["maxSurge": 0, "maxUnavailable": 1], "type": "RollingUpdate"],
                    "template": [
                        "metadata": [
                            "labels": ["component": .string(component), "app": .string(appName), "role": "vsphere-csi"]
                        ],
                        "spec": [
                            "containers": .sequence(containers),
                            "dnsPolicy": "ClusterFirst",
                            "serviceAccountName": .string(appName),
                            "volumes": [
                                ["emptyDir": [:], "name": "socket-dir"],
                                [
                                    "name": "vsphere-config-volume",
                                    "secret": ["secretName": .string(CredentialSecrets.storageControllerSecretName(model))],
                                ],
                                ["name": "kubeconfig", "secret": ["secretName": .string(kubeconfigSecret)]],
                            ],
                        ],
                    ],
                ]
            ])
    }
}

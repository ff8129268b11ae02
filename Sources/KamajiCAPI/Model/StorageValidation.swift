/// Rules for the credential Secrets and the vSphere storage values. Messages name the value's path
/// and never a password: a password is only ever described ("is empty", "contains a line break").
extension ValuesValidator {
    static func storage(_ model: ClusterModel, _ findings: inout Findings) {
        credentials(model, &findings)
        guard let storage = model.storage else { return }
        let path = "vSphereStorageControllerManager"
        if !StorageControllerManagerValues.logLevels.contains(storage.nodeLogLevel) {
            findings.error(
                "\(path).logLevel", "\"\(storage.nodeLogLevel)\" is not a log level of the vSphere CSI driver",
                hint: "use PRODUCTION or DEVELOPMENT")
        }
        if let problem = KubernetesNames.labelValueProblem(storage.nodeNamespace, requireDNSLabel: true) {
            findings.error(
                "\(path).namespace", "namespace \"\(storage.nodeNamespace)\" \(problem)",
                hint: "use at most 63 lowercase letters, digits and '-'")
        }
        if let storageClass = storage.storageClass, storageClass.enabled == true {
            let choices: [(String, String?, [String])] = [
                ("reclaimPolicy", storageClass.reclaimPolicy, ["Delete", "Retain"]),
                ("volumeBindingMode", storageClass.volumeBindingMode, ["WaitForFirstConsumer", "Immediate"]),
            ]
            for (key, value, allowed) in choices {
                if let value, !allowed.contains(value) {
                    findings.error(
                        "\(path).storageClass.\(key)", "\"\(value)\" is not accepted by Kubernetes",
                        hint: "use \(allowed.joined(separator: " or "))")
                }
            }
        }
    }

    /// Each created Secret needs a username and a password, and a password must be one line: a file
    /// given to `--set-file` is used byte for byte, so its final newline would become part of it.
    static func credentials(_ model: ClusterModel, _ findings: inout Findings) {
        var required: [(credentials: Credentials, reason: String)] = []
        if model.values.vSphere.secret?.create == true {
            required.append((Credentials.vSphere(model), "vSphere.secret.create is true"))
        }
        if model.cloudControllerEnabled, model.values.vSphereCloudControllerManager.secret?.create == true {
            required.append((Credentials.cloudController(model), "vSphereCloudControllerManager.secret.create is true"))
        }
        if let storage = model.storage, storage.secret?.create == true {
            required.append(
                (Credentials.storageController(model), "vSphereStorageControllerManager.secret.create is true"))
        }
        var reported: Set<String> = []
        for (credentials, reason) in required {
            if credentials.username?.isEmpty ?? true, reported.insert("\(credentials.path).username").inserted {
                findings.error(
                    "\(credentials.path).username", "is required because \(reason)",
                    hint: "set the vCenter user the Secret is created with")
            }
            if credentials.password?.isEmpty ?? true, reported.insert("\(credentials.path).password").inserted {
                findings.error(
                    "\(credentials.path).password", "is required because \(reason)",
                    hint: "pass it with --set-env \(credentials.path).password=VARIABLE or --set-file "
                        + "\(credentials.path).password=FILE (docs/storage.md)")
            }
        }
        let passwords: [(String, SecretString?)] = [
            ("vSphere.password", model.values.vSphere.password),
            ("vSphereCloudControllerManager.password", model.values.vSphereCloudControllerManager.password),
            ("vSphereStorageControllerManager.password", model.values.vSphereStorageControllerManager?.password),
        ]
        for (path, password) in passwords {
            guard let text = password?.revealed else { continue }
            if text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                findings.error(
                    path, "contains a line break",
                    hint: "a file given to --set-file is used byte for byte: write it without the final newline "
                        + "(printf '%s' ...), or use --set-env")
            } else if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                findings.error(
                    path, "contains a control character",
                    hint: "vsphere.conf and csi-vsphere.conf cannot carry it; check how the password was passed")
            }
        }
    }
}

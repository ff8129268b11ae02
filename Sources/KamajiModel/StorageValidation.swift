import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// Check rules for the credential Secrets and the vSphere storage values. Messages name the value's
/// path and never a password: a password is only ever described ("is empty", "contains a line break").
extension CheckRules {
    /// The three places chart 0.1.0 keeps vSphere credentials: the values path, the Secret and the password.
    package static func credentialBlocks(_ values: ChartValues) -> [(path: ValuePath, secret: SecretRef?, password: SecretString?)] {
        [
            ("vSphere", values.vSphere.secret, values.vSphere.password),
            ("vSphereCloudControllerManager", values.vSphereCloudControllerManager.secret, values.vSphereCloudControllerManager.password),
            ("vSphereStorageControllerManager", values.vSphereStorageControllerManager?.secret, values.vSphereStorageControllerManager?.password),
        ]
    }

    package static let storage: [CheckRule] = [
        CheckRule(
            "KC603", .error, "A Secret to create has no username or password",
            fix: "set the vCenter user and password the Secret is created with"
        ) { model in
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
            var reported: Set<ValuePath> = []
            var findings: [CheckRule.Finding] = []
            for (credentials, reason) in required {
                if credentials.username?.isEmpty ?? true, reported.insert(credentials.path / "username").inserted {
                    findings.append(.init(
                        credentials.path / "username", "is required because \(reason)",
                        fix: "set the vCenter user the Secret is created with"))
                }
                if credentials.password?.isEmpty ?? true, reported.insert(credentials.path / "password").inserted {
                    findings.append(.init(
                        credentials.path / "password", "is required because \(reason)",
                        fix: "pass it with --set-env \(credentials.path).password=VARIABLE or --set-file "
                            + "\(credentials.path).password=FILE (docs/storage.md)"))
                }
            }
            return findings
        },
        CheckRule(
            "KC604", .error, "A password holds a line break or control character",
            fix: "a file given to --set-file is used byte for byte: write it without the final newline (printf '%s' ...), or use --set-env"
        ) { model in
            credentialBlocks(model.values).compactMap { block, _, password in
                let path = block / "password"
                guard let text = password?.revealed else { return nil }
                if text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                    return .init(path, "contains a line break")
                }
                if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                    return .init(
                        path, "contains a control character",
                        fix: "vsphere.conf and csi-vsphere.conf cannot carry it; check how the password was passed")
                }
                return nil
            }
        },
        CheckRule(
            "KC605", .error, "The name of a Secret to create is not a valid Secret name",
            fix: "use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
        ) { model in
            credentialBlocks(model.values).compactMap { block, secret, _ in
                guard let secret, secret.create == true, let name = secret.createdName, !name.isEmpty,
                    let problem = KubernetesNames.subdomainProblem(name)
                else { return nil }
                return .init(block / "secret" / "createdName", "Secret name \"\(name)\" \(problem)")
            }
        },
        CheckRule(
            "KC606", .warning, "A password is given but no Secret is created from it",
            fix: "set secret.create: true for the Secret it is meant for, or stop passing it (--set-env, --set-file or a values file)"
        ) { model in
            passwordUses(model).compactMap { path, password, isUsed in
                guard let password, !password.isEmpty, !isUsed else { return nil }
                return .init(path, "is set, but no Secret is created from it")
            }
        },
        CheckRule(
            "KC701", .error, "The vSphere CSI `logLevel` is not one the driver knows", fix: "use PRODUCTION or DEVELOPMENT"
        ) { model in
            guard let storage = model.storage, !StorageControllerManagerValues.logLevels.contains(storage.nodeLogLevel) else {
                return []
            }
            return [.init(
                "vSphereStorageControllerManager.logLevel",
                "\"\(storage.nodeLogLevel)\" is not a log level of the vSphere CSI driver")]
        },
        CheckRule(
            "KC702", .error, "The vSphere CSI node driver's `namespace` is not a DNS-1123 label",
            fix: "use at most 63 lowercase letters, digits and '-'"
        ) { model in
            guard let storage = model.storage,
                let problem = KubernetesNames.labelValueProblem(storage.nodeNamespace, requireDNSLabel: true)
            else { return [] }
            return [.init("vSphereStorageControllerManager.namespace", "namespace \"\(storage.nodeNamespace)\" \(problem)")]
        },
        CheckRule(
            "KC703", .error, "The StorageClass `reclaimPolicy` or `volumeBindingMode` is not accepted by Kubernetes",
            fix: "use Delete or Retain (reclaimPolicy), WaitForFirstConsumer or Immediate (volumeBindingMode)"
        ) { model in
            guard let storageClass = model.storage?.storageClass, storageClass.enabled == true else { return [] }
            let choices: [(String, String?, [String])] = [
                ("reclaimPolicy", storageClass.reclaimPolicy, ["Delete", "Retain"]),
                ("volumeBindingMode", storageClass.volumeBindingMode, ["WaitForFirstConsumer", "Immediate"]),
            ]
            return choices.compactMap { key, value, allowed in
                guard let value, !allowed.contains(value) else { return nil }
                return .init(
                    ValuePath.root / "vSphereStorageControllerManager" / "storageClass" / key, "\"\(value)\" is not accepted by Kubernetes",
                    fix: "use \(allowed.joined(separator: " or "))")
            }
        },
    ]
}

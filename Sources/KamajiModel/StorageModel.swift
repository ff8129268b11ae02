import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// The storage and credential settings the builders read, with chart 0.1.0's fallbacks in one place.
extension ClusterModel {
    /// The CSI settings when `vSphereStorageControllerManager.enabled` is true; `nil` renders no storage.
    package var storage: StorageControllerManagerValues? {
        guard let storage = values.vSphereStorageControllerManager, storage.enabled == true else { return nil }
        return storage
    }

    package var cloudControllerEnabled: Bool { values.vSphereCloudControllerManager.enabled != false }
}

extension StorageControllerManagerValues {
    /// Namespace of the node driver in the workload cluster (chart 0.1.0's default).
    package var nodeNamespace: String { namespace ?? "kube-system" }
    /// Log level of the node driver (chart 0.1.0's default).
    package var nodeLogLevel: String { logLevel ?? "PRODUCTION" }
    package static let logLevels = ["PRODUCTION", "DEVELOPMENT"]
}

extension SecretRef {
    /// The Secret's name: a created one is named `createdName`, else `<cluster>-<createdSuffix>` as
    /// chart 0.1.0 names it (ignoring `name`); an existing one is `name`, else `fallback`.
    package func secretName(cluster: String, createdSuffix: String, fallback: String) -> String {
        guard create == true else { return name ?? fallback }
        return createdName.flatMap { $0.isEmpty ? nil : $0 } ?? "\(cluster)-\(createdSuffix)"
    }
}

/// A username and password from one place in the values, and that place's path for error messages.
package struct Credentials {
    package var path: ValuePath
    package var username: String?
    package var password: SecretString?

    package var isSet: Bool { username != nil || password != nil }

    /// The Cluster API identity Secret's, and the fallback of the cloud controller's.
    package static func vSphere(_ model: ClusterModel) -> Credentials {
        Credentials(path: "vSphere", username: model.values.vSphere.username, password: model.values.vSphere.password)
    }

    /// The cloud controller's own when either is set, else `vSphere`'s (chart 0.1.0 always took
    /// `vSphere`'s: deliberate deviation 5).
    package static func cloudController(_ model: ClusterModel) -> Credentials {
        let values = model.values.vSphereCloudControllerManager
        let own = Credentials(
            path: "vSphereCloudControllerManager", username: values.username, password: values.password)
        return own.isSet ? own : vSphere(model)
    }

    package static func storageController(_ model: ClusterModel) -> Credentials {
        let values = model.values.vSphereStorageControllerManager
        return Credentials(
            path: "vSphereStorageControllerManager", username: values?.username, password: values?.password)
    }
}

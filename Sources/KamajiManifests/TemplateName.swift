import Crypto
import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Names of the immutable machine templates. A changed spec must get a new name so that the
/// MachineDeployment points at a new template and Cluster API rolls the machines; an unchanged spec
/// must keep its name, or every machine is replaced. The suffix is the chart's: the first 8 hex
/// digits of SHA-256 over the chart's template text (`ChartHashText`).
public enum TemplateName {
    public static func machineTemplate(cluster: String, pool: String, hashedText: String) -> String {
        "\(cluster)-\(pool)-vsphere-machine-template-\(hashSuffix(hashedText))"
    }

    public static func kubeadmConfigTemplate(cluster: String, pool: String, hashedText: String) -> String {
        "\(cluster)-\(pool)-kubeadmconfig-\(hashSuffix(hashedText))"
    }

    /// `<cluster>-<pool>-<kind>-<h>` for the templates of providers the chart does not have
    /// (`metal3-machine-template`, `metal3-data-template`, `packet-machine-template`), with `<h>` over
    /// `TemplateHashText.canonicalJSON` of the template's spec.
    public static func providerTemplate(cluster: String, pool: String, kind: String, spec: YAMLValue) -> String {
        "\(cluster)-\(pool)-\(kind)-\(hashSuffix(TemplateHashText.canonicalJSON(spec)))"
    }

    /// What Helm's `sha256sum | trunc 8` yields.
    public static func hashSuffix(_ text: String) -> String {
        String(sha256Hex(Array(text.utf8)).prefix(8))
    }

    /// SHA-256 in lower-case hex, as `sha256sum` prints it.
    package static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

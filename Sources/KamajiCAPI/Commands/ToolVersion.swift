import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// The one place that says which release of kamaji-capi this is. `--version`, the `version`
/// subcommand and the README's pre-commit `rev:` (a test compares them) all read it; a release is
/// tagged `v` + `number`.
public enum ToolVersion {
    public static let number = "0.3.0"

    /// The git tag of this release, as a pre-commit `rev:` names it.
    public static var tag: String { "v" + number }

    /// The Swift compiler that built this binary. Only `#if compiler` can see it, and only as
    /// comparisons, so the chain names the newest version it knows and every one the package accepts.
    public static var swiftCompiler: String {
        #if compiler(>=6.4)
            return "Swift 6.4 or later"
        #elseif compiler(>=6.3)
            return "Swift 6.3"
        #elseif compiler(>=6.2)
            return "Swift 6.2"
        #elseif compiler(>=6.1)
            return "Swift 6.1"
        #else
            return "Swift 6.0"
        #endif
    }

    /// The platform the binary runs on, for bug reports.
    public static var platform: String {
        #if os(Linux)
            let system = "Linux"
        #elseif os(macOS)
            let system = "macOS"
        #else
            let system = "an unknown system"
        #endif
        #if arch(x86_64)
            return system + " x86_64"
        #elseif arch(arm64)
            return system + " arm64"
        #else
            return system
        #endif
    }

    /// `kamaji-capi 0.3.0 (Swift 6.3, Linux x86_64)`: what `--version` and `version` print.
    public static var description: String { "kamaji-capi \(number) (\(swiftCompiler), \(platform))" }
}

// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "kamaji-capi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kamaji-capi", targets: ["kamaji-capi"]),
        .library(name: "KamajiCAPI", targets: ["KamajiCAPI", "KamajiManifests", "KamajiModel", "KamajiValidation", "KamajiValues", "KamajiYAML", "KamajiDiagnostics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Swift cannot call the variadic syscall(2); this one C function swaps two directories atomically.
        .target(name: "CAtomicRename"),
        // mallopt(3) is not visible from Swift; `render` and `render-fleet` tune the heap with it.
        .target(name: "CProcessHeap"),
        // The stages, each a target, so which may call which is the target graph's to say:
        // diagnostics and value paths <- YAML <- ... <- KamajiCAPI (the use cases) <- the executable.
        .target(name: "KamajiDiagnostics"),
        .target(
            name: "KamajiYAML",
            dependencies: [
                "KamajiDiagnostics",
                .product(name: "Yams", package: "Yams"),  // for its copy of libyaml (CYaml)
            ]
        ),
        .target(name: "KamajiValues", dependencies: ["KamajiDiagnostics", "KamajiYAML"]),
        // Manifests against the bundled schemas, the API server's field rules and CEL: any manifest,
        // whoever rendered it, so it knows nothing of values or the model.
        .target(name: "KamajiValidation", dependencies: ["KamajiDiagnostics", "KamajiYAML"]),
        // The typed cluster and its check rules: built from the values, blind to how it is rendered.
        .target(
            name: "KamajiModel", dependencies: ["KamajiDiagnostics", "KamajiYAML", "KamajiValues", "KamajiValidation"]),
        // The objects: builders (pure functions from the model to trees), the charts' hash texts and
        // template names, the manifest stream. No edge to values parsing.
        .target(
            name: "KamajiManifests",
            dependencies: [
                "KamajiDiagnostics", "KamajiYAML", "KamajiModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The use cases the executable calls: render, check, diff, fleets, output trees.
        .target(
            name: "KamajiCAPI",
            dependencies: [
                "KamajiDiagnostics",
                "KamajiYAML",
                "KamajiValues",
                "KamajiValidation",
                "KamajiModel",
                "KamajiManifests",
                "CAtomicRename",
            ]
        ),
        .executableTarget(
            name: "kamaji-capi",
            dependencies: [
                "KamajiCAPI", "KamajiManifests", "KamajiModel", "KamajiValidation", "KamajiValues", "KamajiYAML", "KamajiDiagnostics",
                "CProcessHeap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Statically linked: the dynamic loader's symbol resolution was 13% of a default render's
            // instructions. Only the executable has unsafe flags, so other packages can depend on the
            // library products by version; scripts/build-release.sh adds the build's tuning flag.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        // Times the library and the release binary (and `helm template` when HELM is set); see docs/performance.md.
        .executableTarget(name: "kamaji-capi-bench", dependencies: ["KamajiCAPI", "KamajiManifests", "KamajiModel", "KamajiValidation", "KamajiValues", "KamajiYAML", "KamajiDiagnostics"]),
        .testTarget(
            name: "KamajiCAPITests",
            dependencies: ["KamajiCAPI", "KamajiManifests", "KamajiModel", "KamajiValidation", "KamajiValues", "KamajiYAML", "KamajiDiagnostics"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

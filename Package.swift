// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "kamaji-capi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kamaji-capi", targets: ["kamaji-capi"]),
        .library(name: "KamajiCAPI", targets: ["KamajiCAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Swift cannot call the variadic syscall(2); this one C function swaps two directories atomically.
        .target(name: "CAtomicRename"),
        .target(
            name: "KamajiCAPI",
            dependencies: [
                "CAtomicRename",
                .product(name: "Yams", package: "Yams"),  // for its copy of libyaml (CYaml)
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "kamaji-capi",
            dependencies: [
                "KamajiCAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        // Times the library and the release binary (and `helm template` when HELM is set); see docs/performance.md.
        .executableTarget(name: "kamaji-capi-bench", dependencies: ["KamajiCAPI"]),
        .testTarget(
            name: "KamajiCAPITests",
            dependencies: ["KamajiCAPI"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

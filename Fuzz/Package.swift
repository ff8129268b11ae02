// swift-tools-version:6.1
// The libFuzzer target, in a package of its own so that `swift build` and `swift test` of the tool
// never need `-sanitize=fuzzer`. Built and run by scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "kamaji-capi-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "kamaji-capi", path: "..")
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "kamaji-capi-fuzz",
            dependencies: ["CFuzzerDriver", .product(name: "KamajiCAPI", package: "kamaji-capi")]
        ),
    ]
)

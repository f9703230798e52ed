// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Soma",
    products: [
        .library(name: "Soma", targets: ["Soma"]),
        .library(name: "SomaRuntime", targets: ["SomaRuntime"]),
        .executable(name: "soma", targets: ["SomaCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // json-c, found through pkg-config (Debian: libjson-c-dev).
        .systemLibrary(
            name: "CJSONC",
            path: "Sources/CJSONC",
            pkgConfig: "json-c",
            providers: [.apt(["libjson-c-dev"])]
        ),
        // The C runtime, built from the top-level CRuntime/ and include/ folders
        // exactly as `make lib` builds it. No contraction: the model format fixes
        // where fused multiply-adds happen (docs/model-format.md).
        .target(
            name: "CSoma",
            dependencies: ["CJSONC"],
            path: ".",
            sources: ["CRuntime"],
            publicHeadersPath: "include",
            cSettings: [.unsafeFlags(["-std=c99", "-ffp-contract=off"])]
        ),
        // The training library: independent of the C runtime on purpose.
        .target(name: "Soma"),
        // The thin Swift wrapper over the C runtime.
        .target(name: "SomaRuntime", dependencies: ["CSoma"]),
        // Runs models through both implementations and measures how far they agree.
        .target(name: "SomaParity", dependencies: ["Soma", "SomaRuntime"]),
        .executableTarget(
            name: "SomaCLI",
            dependencies: [
                "Soma", "SomaRuntime", "SomaParity",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/soma"
        ),
        .testTarget(name: "SomaTests", dependencies: ["Soma"]),
        .testTarget(name: "SomaRuntimeTests", dependencies: ["SomaRuntime", "Soma", "SomaParity"]),
    ]
)

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
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // json-c, found through pkg-config (Debian: libjson-c-dev).
        .systemLibrary(
            name: "CJSONC",
            path: "Sources/CJSONC",
            pkgConfig: "json-c",
            providers: [.apt(["libjson-c-dev"])]
        ),
        // The C runtime, in two targets mirroring `make lib`: the core
        // (CRuntime/core: model, forward pass, kernels; no json-c, no heap),
        // which owns the one public header include/soma.h, and the loader
        // (CRuntime/loader: json-c) on top. Both have path "." and disjoint
        // sources; the loader's declarations are in soma.h too, so its public
        // headers folder is an empty one (CRuntime/loader-public/README.md)
        // and only CSomaCore's module exports soma.h. No unsafe flags, so a
        // package depending on this one builds: C99 comes from
        // cLanguageStandard below, and contraction is off in the sources
        // themselves (CRuntime/core/soma_contract.h).
        .target(
            name: "CSomaCore",
            path: ".",
            sources: ["CRuntime/core"],
            publicHeadersPath: "include"
        ),
        .target(
            name: "CSomaLoader",
            dependencies: ["CSomaCore", "CJSONC"],
            path: ".",
            sources: ["CRuntime/loader"],
            publicHeadersPath: "CRuntime/loader-public",
            cSettings: [.headerSearchPath("CRuntime/core")]
        ),
        // Training kernels (matrix products, optimizer steps) for the Swift
        // library: not the runtime, no json-c. Clones for x86-64-v4/v3/baseline
        // give identical bits (fixed summation order, explicit fma only). No
        // build flags: contraction is turned off by a pragma in the source, so
        // the package stays usable as a dependency (SwiftPM refuses unsafe build flags
        // there); Tests/kernels/check_clones.sh pins the bits.
        .target(name: "CSomaKernels", path: "Sources/CSomaKernels"),
        // The training library: independent of the C runtime on purpose.
        .target(name: "Soma", dependencies: ["CSomaKernels"]),
        // The thin Swift wrapper over the C runtime.
        .target(name: "SomaRuntime", dependencies: ["CSomaCore", "CSomaLoader"]),
        // Generated C for `soma export-c`: a model as const data the C core runs
        // directly. Reads models with Soma's reader; never calls the C runtime.
        .target(name: "SomaExportC", dependencies: ["Soma"]),
        // Runs models through both implementations and measures how far they agree.
        .target(name: "SomaParity", dependencies: ["Soma", "SomaRuntime"]),
        // ONNX in and out (docs/interop.md): the message code in Sources/SomaONNX/Generated
        // is protoc's output, committed, so no build runs the protobuf plugin.
        .target(
            name: "SomaONNX",
            dependencies: ["Soma", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .executableTarget(
            name: "SomaCLI",
            dependencies: [
                "Soma", "SomaRuntime", "SomaParity", "SomaONNX", "SomaExportC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/soma"
        ),
        // The C runtime's correctly rounded functions alone, for soma-check-math.
        .target(name: "CSomaMath", path: "Sources/CSomaMath"),
        // Swift's correctly rounded functions against C's on every binary32 input (make check-math).
        .executableTarget(name: "soma-check-math", dependencies: ["Soma", "CSomaMath"], path: "Sources/soma-check-math"),
        // Training-speed harness: digits (and MNIST 5k if given a path).
        .executableTarget(name: "soma-bench", dependencies: ["Soma"], path: "Sources/soma-bench"),
        .testTarget(name: "SomaONNXTests", dependencies: ["SomaONNX", "Soma"]),
        .testTarget(name: "SomaTests", dependencies: ["Soma"]),
        .testTarget(name: "SomaRuntimeTests", dependencies: ["SomaRuntime", "Soma", "SomaParity"]),
        .testTarget(name: "SomaExportCTests", dependencies: ["SomaExportC", "Soma"]),
    ],
    // Every C target is C99 (the runtime's promise; the kernels need nothing newer).
    cLanguageStandard: .c99
)

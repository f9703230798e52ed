// swift-tools-version:6.0
// A package that uses Soma the way anyone else would: by URL, from a version,
// through its products Soma and SomaRuntime. Tests/consumer/check_consumer.sh
// clones the repository at HEAD, tags the clone 1.0.0 and passes its file://
// URL here in SOMA_PACKAGE_URL (a project of your own would name Soma's real
// URL instead).
import Foundation
import PackageDescription

guard let somaURL = ProcessInfo.processInfo.environment["SOMA_PACKAGE_URL"] else {
    fatalError("SOMA_PACKAGE_URL is not set: run Tests/consumer/check_consumer.sh (make test-consumer)")
}

let package = Package(
    name: "SomaConsumer",
    dependencies: [
        .package(url: somaURL, from: "1.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "soma-consumer",
            dependencies: [
                .product(name: "Soma", package: "soma"),
                .product(name: "SomaRuntime", package: "soma"),
            ]
        ),
    ]
)

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "transparency-gen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "transparency-gen", targets: ["transparency-gen"]),
        .library(name: "PublicLog", targets: ["PublicLog"]),
        .library(name: "TransparencyGen", targets: ["TransparencyGen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System libraries (Debian: libsqlite3-dev, libcmark-dev).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),
        // The statutory domain: the only code that opens the operational database.
        .target(name: "PublicLog", dependencies: ["CSQLite", .product(name: "Crypto", package: "swift-crypto")]),
        // The generator: content, templates, pages, CSV, publishing.
        .target(name: "TransparencyGen", dependencies: [
            "PublicLog", "CCmark",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // The thin command line over TransparencyGen.
        .executableTarget(name: "transparency-gen", dependencies: [
            "TransparencyGen",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Writes fixture databases with plain SQL, independently of PublicLog's code.
        .target(name: "TestSupport", dependencies: ["CSQLite", "PublicLog"], path: "Tests/Support"),
        .testTarget(name: "PublicLogTests", dependencies: ["PublicLog", "TestSupport"]),
        .testTarget(name: "TransparencyGenTests", dependencies: ["TransparencyGen", "PublicLog", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

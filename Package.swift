// swift-tools-version:6.1
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
        // The preview server of `transparency-gen serve` (loopback only); its optional
        // swift-configuration support is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Operational data on a PostgreSQL server (a city consortium's, a county's, a vendor's),
        // with TLS from swift-nio-ssl.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The statewide index reads agencies' portals from https:// addresses (verified TLS).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // System libraries (Debian: libsqlite3-dev, libcmark-dev).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),
        // Atomic exchange of two folders (renameat2), which Swift's Glibc module does not export.
        .target(name: "CFileSystem", path: "Sources/CFileSystem"),
        // Returning freed memory to the system (malloc_trim), which Swift's Glibc module does not export.
        .target(name: "CMemory", path: "Sources/CMemory"),
        // The statutory domain: the only code that opens the operational database.
        .target(name: "PublicLog", dependencies: [
            "CSQLite", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // The made-up sample agency and the benchmark's large agency: operational databases and
        // ledgers written for trying the tool and measuring it, never read as real data.
        .target(name: "Samples", dependencies: ["CSQLite", "PublicLog"]),
        // The generator: content, templates, pages, CSV, publishing.
        .target(name: "TransparencyGen", dependencies: [
            "PublicLog", "Samples", "CCmark", "CFileSystem", "CMemory",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Yams", package: "Yams"),
            // The publication's SSH signature (Ed25519).
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], exclude: ["Scaffold/Starter", "Scaffold/IndexStarter"], plugins: ["EmbedSiteFiles", "BuildInfo"]),
        // Compiles templates/, the starter site and the starter index into TransparencyGen, for `init` and `index init`.
        .plugin(name: "EmbedSiteFiles", capability: .buildTool(), dependencies: ["EmbedSiteFilesTool"]),
        .executableTarget(name: "EmbedSiteFilesTool", path: "Plugins/EmbedSiteFilesTool"),
        // Compiles VERSION (the version's one source) and the commit into TransparencyGen, for `--version`.
        .plugin(name: "BuildInfo", capability: .buildTool(), dependencies: ["BuildInfoTool"]),
        .executableTarget(name: "BuildInfoTool", path: "Plugins/BuildInfoTool"),
        // `serve`: previews a site on loopback, rebuilding it as its inputs change.
        .target(name: "PreviewServer", dependencies: [
            "TransparencyGen",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The thin command line over TransparencyGen.
        .executableTarget(name: "transparency-gen", dependencies: [
            "TransparencyGen", "PreviewServer", "Samples", "CMemory",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Writes fixture databases with plain SQL, independently of PublicLog's code.
        .target(name: "TestSupport", dependencies: ["CSQLite", "PublicLog"], path: "Tests/Support"),
        .testTarget(name: "PublicLogTests", dependencies: ["PublicLog", "Samples", "TestSupport"]),
        .testTarget(name: "TransparencyGenTests", dependencies: ["TransparencyGen", "PreviewServer", "PublicLog", "Samples", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

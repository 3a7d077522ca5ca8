// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// What a module target may use: the platform and the libraries its web part needs.
let moduleDependencies: [Target.Dependency] = [
    "HromadaDomain",
    "HromadaStore",
    "HromadaWeb",
    .product(name: "Hummingbird", package: "hummingbird"),
    .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
    .product(name: "SQLKit", package: "sql-kit"),
    .product(name: "PostgresNIO", package: "postgres-nio"),
    .product(name: "Logging", package: "swift-log"),
    .product(name: "Metrics", package: "swift-metrics"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "HTTPTypes", package: "swift-http-types"),
]

let package = Package(
    name: "hromada",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hromada", targets: ["hromada"]),
        .library(name: "BudgetRules", targets: ["BudgetRules"]),
        .library(name: "Routing", targets: ["Routing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        // Without traits: only its core providers (environment, files, directories) are used.
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.0.2", traits: []),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
    ],
    targets: [
        .target(
            name: "HromadaDomain",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "BudgetRules", dependencies: [.product(name: "BigInt", package: "BigInt")], swiftSettings: swiftSettings),
        // Smaller copies of uploaded photos, through Debian's libjpeg-turbo and libpng (a C shim: no Swift package decodes them).
        .target(name: "CImageScale", linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png")]),
        // Vehicle routing, pure and standalone: the waste module's collection routes.
        .target(name: "Routing", swiftSettings: swiftSettings),
        // A small MQTT 3.1.1 client on SwiftNIO (no Swift MQTT package is
        // available here): the waste module's door from a LoRaWAN broker.
        .target(
            name: "MQTT",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HromadaStore",
            dependencies: [
                "HromadaDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HromadaWeb",
            dependencies: [
                "HromadaDomain",
                "HromadaStore",
                "CImageScale",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        // The modules: each a folder with its domain, store, web parts and
        // resources (strings, templates, OpenAPI part, migrations). A module
        // depends on the platform (HromadaDomain, HromadaStore, HromadaWeb)
        // and never on another module (scripts/check-module-boundaries).
        .target(name: "Budgets", dependencies: moduleDependencies + ["BudgetRules"], resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "Petitions", dependencies: moduleDependencies, resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "Auctions", dependencies: moduleDependencies, resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "OpenData", dependencies: moduleDependencies, resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "Invest", dependencies: moduleDependencies, resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "Strategy", dependencies: moduleDependencies, resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "Business", dependencies: moduleDependencies, resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "Visit", dependencies: moduleDependencies, resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "Waste", dependencies: moduleDependencies + ["Routing", "MQTT", .product(name: "AsyncHTTPClient", package: "async-http-client")], resources: [.copy("Resources")], swiftSettings: swiftSettings),
        // The deployment: the one list of its modules.
        .target(name: "HromadaModules", dependencies: ["HromadaWeb", "Budgets", "Petitions", "Auctions", "OpenData", "Invest", "Strategy", "Waste", "Business", "Visit"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "hromada",
            dependencies: [
                "HromadaDomain",
                "HromadaStore",
                "HromadaWeb",
                "HromadaModules",
                "BudgetRules",
                "Routing",
                "Waste",
                "MQTT",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HromadaTestSupport",
            dependencies: ["HromadaStore", "HromadaDomain", "HromadaWeb", "HromadaModules", .product(name: "Logging", package: "swift-log")],
            path: "Tests/HromadaTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "HromadaDomainTests", dependencies: ["HromadaDomain", "Budgets", "Petitions", "Auctions", "OpenData", "Invest", "Strategy", "Waste", "Business", "Visit", "HromadaTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MQTTTests",
            dependencies: [
                "MQTT",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BudgetRulesTests", dependencies: ["BudgetRules"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "HromadaStoreTests",
            dependencies: ["HromadaStore", "HromadaDomain", "Budgets", "Petitions", "Auctions", "OpenData", "Invest", "Strategy", "Waste", "Business", "Visit", "HromadaTestSupport", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HromadaWebTests",
            dependencies: [
                "HromadaWeb", "HromadaStore", "HromadaDomain", "HromadaTestSupport", "HromadaModules", "Budgets", "BudgetRules", "Petitions", "Auctions", "OpenData", "Invest", "Strategy", "Waste", "Business", "Visit", "MQTT",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // The upgrade fixtures and page snapshots are read from the source tree.
            exclude: ["Fixtures/Upgrade", "Snapshots"],
            // The toy module's folder of strings, templates and OpenAPI part.
            resources: [.copy("ToyModule/Resources")],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Coverage-guided fuzz targets (Fuzz/README.md), one per parser of outside
// bytes. Their main hands over to libFuzzer's driver, which only a build
// with `-sanitize=fuzzer` links, so they exist only when scripts/fuzz builds
// them (HROMADA_FUZZ=1, its own scratch path .build-fuzz,
// `-sanitize=fuzzer,address`); `swift build` and `swift test` never see them.
if Context.environment["HROMADA_FUZZ"] != nil {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzImage", ["HromadaDomain", "HromadaWeb"]),
        ("FuzzGeocoder", ["HromadaWeb", "HromadaDomain"]),
        ("FuzzPDF", ["HromadaDomain"]),
        ("FuzzSVGLogo", ["HromadaDomain"]),
        ("FuzzGPX", ["Visit", "HromadaDomain"]),
        ("FuzzMultipart", ["HromadaWeb"]),
        ("FuzzPabulib", ["BudgetRules"]),
        ("FuzzProzorro", ["HromadaDomain", "Auctions"]),
        ("FuzzGeometry", ["Invest"]),
        ("FuzzStrategy", ["Strategy", "HromadaDomain"]),
        ("FuzzRouting", ["Routing"]),
        ("FuzzLoRaWAN", ["Waste"]),
        ("FuzzMQTT", ["MQTT"]),
        ("FuzzAPI", [
            "HromadaWeb", "HromadaDomain", "HromadaStore", "HromadaModules",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ]
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Sources/FuzzDriver"))
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: target.name, dependencies: ["FuzzDriver"] + target.dependencies, path: "Fuzz/Sources/\(target.name)", swiftSettings: swiftSettings))
    }
}

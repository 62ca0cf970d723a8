// swift-tools-version:6.0
import PackageDescription

/// Signaal: one executable, no package dependencies. System C libraries come in through
/// `.systemLibrary` targets; everything else is ours.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Signaal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "signaal", targets: ["signaal"]),
        .executable(name: "signaal-bench", targets: ["SignaalBench"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        .target(name: "Threads", swiftSettings: strict),
        .systemLibrary(name: "CEpoll"),
        .target(name: "HTTP", dependencies: ["Threads", "CEpoll"], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["CSQLite", "Threads"], swiftSettings: strict),
        .target(name: "Security", dependencies: ["CCrypt", "Threads"], swiftSettings: strict),
        .target(name: "Learning", swiftSettings: strict),
        .target(name: "Documents", swiftSettings: strict),
        .target(name: "Signaal", dependencies: ["HTTP", "Storage", "Security", "Learning", "Documents", "Threads"], swiftSettings: strict),
        .executableTarget(name: "signaal", dependencies: ["Signaal", "Threads"], swiftSettings: strict),
        .systemLibrary(name: "CSpawn"),
        .target(name: "TestSupport", dependencies: ["CSpawn"], swiftSettings: strict),
        .executableTarget(name: "SignaalBench", dependencies: ["Signaal", "Storage", "Learning", "Threads", "CSQLite"], swiftSettings: strict),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CSQLite", "CCrypt"], swiftSettings: strict),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Threads", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "CSQLite", "TestSupport", "Threads"], swiftSettings: strict),
        .testTarget(name: "SecurityTests", dependencies: ["Security"], swiftSettings: strict),
        .testTarget(name: "LearningTests", dependencies: ["Learning"], swiftSettings: strict),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents"], swiftSettings: strict),
        .testTarget(name: "BrowserTests", dependencies: ["Signaal", "Learning", "Threads", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "SignaalTests", dependencies: ["Signaal", "HTTP", "Learning", "Security", "Storage", "Threads", "TestSupport"], swiftSettings: strict),
    ]
)

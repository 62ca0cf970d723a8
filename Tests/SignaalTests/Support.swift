import Foundation
import HTTP
import Signaal
import Synchronization
import TestSupport
import Testing
import Threads

/// Paths of the package under test, found from this file's location.
enum Package {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let web = root + "/web"
    static let modules = root + "/modules"

    /// The `signaal` executable that `swift build` / `swift test` produced.
    static var executable: String {
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent().path + "/signaal",
                          root + "/.build/debug/signaal"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }

    /// A new empty folder, removed when the test ends (in a `.cleansUp` suite).
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "signaal-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        TestResources.current?.hold(folder: path)
        return path
    }
}

/// A running application on a free port with its own data folder.
struct RunningApp {
    let application: Application
    let port: Int

    static func start(configure: (inout SignaalConfiguration) -> Void = { _ in }) throws -> RunningApp {
        var configuration = SignaalConfiguration()
        configuration.server.port = 0
        configuration.server.ioThreadCount = 2
        configuration.server.accessLog = false
        configuration.webFolder = Package.web
        configuration.modulesFolder = Package.modules
        configuration.certificatesFolder = Package.root + "/certificates"
        configuration.dataFolder = try Package.temporaryFolder()
        configure(&configuration)
        let application = try Application(configuration: configuration)
        TestResources.current?.hold(application)
        return RunningApp(application: application, port: try application.start())
    }

    /// Sends one request with URLSession-free plain HTTP and returns status, headers and body.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil) async throws -> HTTPClient.Response {
        try await HTTPClient.send(port: port, method: method, path: path, headers: headers, body: body.map { Array($0.utf8) })
    }
}

/// A one-request HTTP/1.1 client that runs the blocking socket work on a thread of its own.
enum HTTPClient {
    typealias Response = BlockingHTTPClient.Response
    typealias Failure = BlockingHTTPClient.Failure

    static func send(port: Int, method: String, path: String, headers: [String: String], body: [UInt8]?) async throws -> Response {
        // Generous timeout: under a full parallel test run on two cores, password hashing queues up.
        try await DedicatedThread.run {
            try BlockingHTTPClient.send(port: port, method: method, path: path, headers: headers, body: body, timeoutSeconds: 60)
        }
    }
}

/// What one test started (applications, temporary folders): stopped and removed when the test ends,
/// also when it fails or throws half-way.
final class TestResources: Sendable {
    @TaskLocal static var current: TestResources?
    private let held = Mutex<(applications: [Application], folders: [String])>(([], []))

    func hold(_ application: Application) { held.withLock { $0.applications.append(application) } }
    func hold(folder: String) { held.withLock { $0.folders.append(folder) } }

    /// Runs `body` with resources of its own, released afterwards however `body` ended.
    static func withScope(_ body: @Sendable () async throws -> Void) async throws {
        let resources = TestResources()
        do {
            try await $current.withValue(resources) { try await body() }
        } catch {
            await resources.release()
            throw error
        }
        await resources.release()
    }

    func release() async {
        let (applications, folders) = held.withLock { held in
            defer { held = ([], []) }
            return held
        }
        for application in applications { await application.shutdown() }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    }
}

/// A suite trait: each of its tests gets its own `TestResources`, released after the test however it ended.
struct CleansUp: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard !test.isSuite else { return try await function() }
        try await TestResources.withScope(function)
    }
}

extension Trait where Self == CleansUp {
    /// Stop every app a test started and remove its folders when the test ends.
    static var cleansUp: Self { CleansUp() }
}

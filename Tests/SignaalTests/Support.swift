import Foundation
import HTTP
import Signaal
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
        TestCleanup.remove(folder: path)
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
        TestCleanup.register { await application.shutdown() }
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

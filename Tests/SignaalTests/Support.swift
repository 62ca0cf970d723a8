import Foundation
import HTTP
import Signaal

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

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "signaal-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
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
        return RunningApp(application: application, port: try application.start())
    }

    /// Sends one request with URLSession-free plain HTTP and returns status, headers and body.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil) async throws -> HTTPClient.Response {
        try await HTTPClient.send(port: port, method: method, path: path, headers: headers, body: body.map { Array($0.utf8) })
    }
}

/// A one-request HTTP/1.1 client over a blocking socket on its own thread.
enum HTTPClient {
    struct Response: Sendable {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    static func send(port: Int, method: String, path: String, headers: [String: String], body: [UInt8]?) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try sendBlocking(port: port, method: method, path: path, headers: headers, body: body) })
            }.start()
        }
    }

    struct Failure: Error { let reason: String }

    private static func sendBlocking(port: Int, method: String, path: String, headers: [String: String], body: [UInt8]?) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // Generous: under a full parallel test run on two cores, password hashing queues up.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(reason: "connect: errno \(errno)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        let request = Array((head + "\r\n").utf8) + (body ?? [])
        var offset = 0
        while offset < request.count {
            let sent = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { throw Failure(reason: "send: errno \(errno)") }
            offset += sent
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var endReason = "end of stream"
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            // A signal for another part of the test process (SIGCHLD from a spawned child) may interrupt the wait.
            if count < 0, errno == EINTR { continue }
            if count < 0 { endReason = "recv errno \(errno)" }
            guard count > 0 else { break }
            received.append(contentsOf: chunk[..<count])
        }
        guard let split = received.indices.first(where: { received[$0...].starts(with: Array("\r\n\r\n".utf8)) }) else {
            throw Failure(reason: "no response head (\(received.count) bytes, \(endReason)) for \(method) \(path)")
        }
        var lines = String(decoding: received[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ")[1]) ?? 0
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: fields, body: Array(received[(split + 4)...]))
    }
}

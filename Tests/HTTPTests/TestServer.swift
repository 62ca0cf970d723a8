import Foundation
import HTTP
import Synchronization
import TestSupport
import Threads

/// Starts a real server on a free loopback port for one test.
enum TestServer {
    /// The `tag`s of `/slow` requests whose handler has started, so a test can wait for one to be in flight.
    static let slowStarted = Mutex<Set<String>>([])
    /// Tags of `/gate` requests allowed to answer: a gated request answers only once its test opens it.
    static let openGates = Mutex<Set<String>>([])

    static func start(_ router: Router = routes(), configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> (HTTPServer, Int) {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.ioThreadCount = 2
        configuration.accessLog = false
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, responder: router)
        let port = try server.start()
        TestCleanup.register { await server.shutdown() }
        return (server, port)
    }

    /// Routes the integration tests talk to.
    static func routes() -> Router {
        var router = Router()
        router.add(.get, "/hello") { _ in .text("hello") }
        router.add(.get, "/n/{number}") { request in .text(request.parameters["number"]!) }
        router.add(.get, "/slow/{ms}") { request in
            if let tag = request.queryParameters["tag"] { slowStarted.withLock { _ = $0.insert(tag) } }
            try await Task.sleep(for: .milliseconds(Int(request.parameters["ms"]!)!))
            return .text("slow \(request.parameters["ms"]!)")
        }
        router.add(.get, "/gate/{tag}") { request in
            let tag = request.parameters["tag"]!
            slowStarted.withLock { _ = $0.insert(tag) }
            try await eventually("the test opens gate \(tag)") { openGates.withLock { $0.contains(tag) } }
            return .text("through \(tag)")
        }
        router.add(.post, "/echo") { request in HTTPResponse(status: .ok, headers: ["content-type": "application/octet-stream"], body: request.body) }
        router.add(.get, "/big") { _ in HTTPResponse(body: Array(repeating: UInt8(ascii: "x"), count: 3 << 20)) }
        return router
    }
}

/// Runs blocking client code on a thread of its own, so the test never blocks the cooperative pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await DedicatedThread.run(body)
}

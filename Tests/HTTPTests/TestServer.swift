import Foundation
import HTTP
import TestSupport
import Threads

/// Starts a real server on a free loopback port for one test.
enum TestServer {
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
            try await Task.sleep(for: .milliseconds(Int(request.parameters["ms"]!)!))
            return .text("slow \(request.parameters["ms"]!)")
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

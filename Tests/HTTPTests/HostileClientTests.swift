import Foundation
@testable import HTTP
import Synchronization
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Clients that try to make the server hold memory or connections: pipelining without reading,
/// dripping a body, never reading an answer, opening every slot from one address.
@Suite(.cleansUp)
struct HostileClientTests {
    /// How many answers a route has made.
    final class Counter: Sendable {
        private let count = Atomic<Int>(0)
        func add() { count.add(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }

    /// Routes that count how many answers the server has made.
    static func countingRoutes(_ answered: Counter) -> Router {
        var router = TestServer.routes()
        router.add(.get, "/kb") { _ in
            answered.add()
            return HTTPResponse(body: Array(repeating: UInt8(ascii: "k"), count: 8 * 1024))
        }
        router.add(.get, "/huge") { _ in HTTPResponse(body: Array(repeating: UInt8(ascii: "h"), count: 32 << 20)) }
        return router
    }

    @Test func pipeliningWithoutReading_isHeldBack_andEveryAnswerComesOnceTheClientReads() async throws {
        let answered = Counter()
        let (server, port) = try TestServer.start(Self.countingRoutes(answered)) { $0.maxUnsentOutputBytes = 64 * 1024 }
        let requests = 4_000
        try await onThread {
            let flood = try RawClient(port: port, timeout: 20)
            try flood.send(String(repeating: "GET /kb HTTP/1.1\r\nHost: t\r\n\r\n", count: requests))
            // Another client is served meanwhile.
            let other = try RawClient(port: port)
            try other.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try other.readResponse().status == 200)
            // Wait until the server stops answering (an unbounded one would go on to all 4,000, 32 MiB):
            // only what fits in the kernel's socket buffers and our bound was answered.
            var held = answered.value
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                usleep(300_000)
                if answered.value == held { break }
                held = answered.value
            }
            #expect(held < requests / 2, "answered \(held) of \(requests) while the client read nothing")
            for index in 0..<requests {
                let response = try flood.readResponse()
                guard response.status == 200, response.body.count == 8 * 1024 else {
                    throw RawClient.Failure(description: "answer \(index): \(response.status), \(response.body.count) bytes")
                }
            }
        }
        #expect(answered.value == requests)
        await server.shutdown()
    }

    @Test func bodyDrippedSlowly_gets408AtTheBodyDeadline() async throws {
        let (server, port) = try TestServer.start { $0.bodyTimeout = .milliseconds(400) }
        try await onThread {
            let client = try RawClient(port: port, timeout: 5)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nx")
            // One byte at a time keeps the idle timeout (60 s) from firing; the body deadline does not move.
            for _ in 0..<3 {
                usleep(150_000)
                try? client.send("x")
            }
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.text.contains("body did not arrive in time"))
            #expect(client.isClosedByServer())
        }
        await server.shutdown()
    }

    @Test func clientThatNeverReads_isClosedAtTheWriteTimeout() async throws {
        let (server, port) = try TestServer.start(Self.countingRoutes(Counter())) { $0.writeTimeout = .milliseconds(300) }
        let metrics = server.metrics
        let closed = try await onThread { () -> Bool in
            let client = try RawClient(port: port, timeout: 5)
            // 32 MiB: more than the kernel's socket buffers hold, and the client reads none of it.
            try client.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\n")
            // The answer has started (so the connection is open on the server), then nothing more is read.
            var start = [UInt8](repeating: 0, count: 12)
            guard recv(client.fd, &start, start.count, 0) == start.count, String(decoding: start, as: UTF8.self) == "HTTP/1.1 200" else { return false }
            #expect(metrics.openConnectionCount == 1)
            let deadline = Date().addingTimeInterval(10)
            while metrics.openConnectionCount > 0, Date() < deadline { usleep(20_000) }
            return metrics.openConnectionCount == 0
        }
        #expect(closed, "the server still holds the connection of a client that reads nothing")
        await server.shutdown()
    }

    @Test func oneAddress_cannotTakeMoreThanItsShareOfConnections() async throws {
        let (server, port) = try TestServer.start { $0.maxConnectionsPerAddress = 3 }
        try await onThread {
            let clients = try (0..<3).map { _ in try RawClient(port: port) }
            for client in clients {
                try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            let fourth = try RawClient(port: port)
            #expect(fourth.isClosedByServer())
        }
        // The three closed with their clients: the address has room again.
        try await onThread {
            var closed = false
            for _ in 0..<100 where !closed {
                let client = try RawClient(port: port)
                try? client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                closed = (try? client.readResponse().status) == 200
                if !closed { usleep(20_000) }
            }
            #expect(closed)
        }
        await server.shutdown()
    }
}

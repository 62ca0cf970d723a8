import Foundation
@testable import HTTP
import TestSupport
import Testing

/// The real server over loopback TCP, spoken to in raw bytes.
@Suite(.cleansUp)
struct ServerIntegrationTests {
    @Test func threePipelinedRequests_inOneWrite_areAnsweredInOrder() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            let client = try RawClient(port: port)
            try client.send("GET /slow/150 HTTP/1.1\r\nHost: t\r\n\r\nGET /n/2 HTTP/1.1\r\nHost: t\r\n\r\nGET /n/3 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "slow 150")
            #expect(try client.readResponse().text == "2")
            #expect(try client.readResponse().text == "3")
        }
        await server.shutdown()
    }

    @Test func requestSentOneByteAtATime_isAnswered() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            let client = try RawClient(port: port)
            var noDelay: Int32 = 1
            setsockopt(client.fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            for byte in "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde".utf8 {
                try client.send([byte])
                usleep(200)
            }
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "abcde")
        }
        await server.shutdown()
    }

    @Test func keepAlive_reusesTheConnection() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            let client = try RawClient(port: port)
            for number in 1...3 {
                try client.send("GET /n/\(number) HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.text == "\(number)")
                #expect(response.headers["connection"] == nil)
            }
        }
        await server.shutdown()
    }

    @Test func limitsAndProtocolErrors_getTheirStatusAndClose() async throws {
        let (server, port) = try TestServer.start()
        let cases: [(String, Int, String)] = [
            ("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "a", count: 17_000))\r\n\r\n", 431, "headers_too_large"),
            ("GET /hello HTTP/1.1\r\nHost: t\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431, "too_many_headers"),
            ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n", 413, "body_too_large"),
            ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "length_and_transfer_encoding"),
            ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "transfer_encoding_not_implemented"),
            ("BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n", 501, "method_not_implemented"),
            ("GET /hello HTTP/1.1\r\n\r\n", 400, "missing_host"),
            ("GET /hello HTTP/1.1\r\nHost: t\r\nX-Fold: a\r\n b\r\n\r\n", 400, "obsolete_line_folding"),
        ]
        for (request, status, code) in cases {
            try await onThread {
                let client = try RawClient(port: port)
                try client.send(request)
                let response = try client.readResponse()
                #expect(response.status == status, "\(code)")
                #expect(response.text.contains(#""code":"\#(code)""#))
                #expect(response.headers["connection"] == "close")
                #expect(response.headers["x-content-type-options"] == "nosniff")
                #expect(client.isClosedByServer())
            }
        }
        await server.shutdown()
    }

    @Test func slowHead_gets408AndIsClosed() async throws {
        let (server, port) = try TestServer.start { $0.headerTimeout = .milliseconds(200) }
        try await onThread {
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.text.contains("request_timeout"))
            #expect(client.isClosedByServer())
        }
        await server.shutdown()
    }

    @Test func chunkedUpload_roundTrips() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            let client = try RawClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n")
            #expect(try client.readResponse().text == "Wikipedia")
            try client.send("GET /n/9 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "9")
        }
        await server.shutdown()
    }

    @Test func expectContinue_getsInterimAnswerThenFinal() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            let client = try RawClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            try client.send("data")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "data")
        }
        await server.shutdown()
    }

    @Test func http10AndConnectionClose_closeAfterAnswer_http10KeepAliveStays() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            for request in ["GET /hello HTTP/1.0\r\n\r\n", "GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"] {
                let client = try RawClient(port: port)
                try client.send(request)
                let response = try client.readResponse()
                #expect(response.text == "hello")
                #expect(response.headers["connection"] == "close")
                #expect(client.isClosedByServer())
            }
            let client = try RawClient(port: port)
            try client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try client.readResponse().headers["connection"] == "keep-alive")
            try client.send("GET /n/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try client.readResponse().text == "2")
        }
        await server.shutdown()
    }

    @Test func head_hasLengthButNoBody() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            let client = try RawClient(port: port)
            try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == "5")
            try client.send("GET /n/7 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "7")
        }
        await server.shutdown()
    }

    @Test func wrongMethod_is405WithAllow_unknownPathIs404() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            let client = try RawClient(port: port)
            try client.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 405)
            #expect(response.headers["allow"] == "GET, HEAD")
            try client.send("GET /nothing HTTP/1.1\r\nHost: t\r\n\r\n")
            let missing = try client.readResponse()
            #expect(missing.status == 404)
            #expect(missing.text == #"{"error":{"code":"not_found","message":"No resource at this path."}}"#)
        }
        await server.shutdown()
    }

    @Test func largeResponse_isWrittenCompletely() async throws {
        let (server, port) = try TestServer.start()
        try await onThread {
            let client = try RawClient(port: port)
            try client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().body.count == 3 << 20)
        }
        await server.shutdown()
    }

    @Test func connectionLimit_holdsNewSocketsInBacklogUntilOneCloses() async throws {
        let (server, port) = try TestServer.start { $0.maxConnections = 1 }
        try await onThread {
            let first = try RawClient(port: port)
            try first.send("GET /n/1 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try first.readResponse().text == "1")
            let second = try RawClient(port: port, timeout: 0.3)
            try second.send("GET /n/2 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(throws: RawClient.Failure.self) { try second.readResponse() }
            shutdown(first.fd, Int32(SHUT_WR))
            let answer = try? second.readResponse()
            #expect(answer?.text == "2")
        }
        await server.shutdown()
    }

    /// The two short pauses stay: waiting on readiness signals instead made this test flaky in the full
    /// parallel run (the request's task did not start within 60 s there), for a reason not yet found.
    @Test func gracefulShutdown_finishesInFlightRequest_andRefusesNewConnections() async throws {
        let (server, port) = try TestServer.start()
        let slow = Task { try await onThread { () -> (Int, String?) in
            let client = try RawClient(port: port)
            try client.send("GET /slow/2000 HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            return (response.status, response.headers["connection"])
        } }
        try await Task.sleep(for: .milliseconds(150))
        let shutdown = Task { await server.shutdown() }
        try await Task.sleep(for: .milliseconds(100))
        _ = try await onThread {
            #expect(throws: RawClient.Failure.self) { try RawClient(port: port) }
        }
        let (status, connection) = try await slow.value
        #expect(status == 200)
        #expect(connection == "close")
        await shutdown.value
    }
}

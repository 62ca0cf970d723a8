import Foundation
import HTTP
@testable import Signaal
import Synchronization
import Testing

/// Forwarding statements to an outside Learning Record Store, against a fake one that fails and recovers.
@Suite(.cleansUp)
struct XAPIForwardingTests {
    /// A stand-in store: answers 503 while `down`, else 204, and keeps what it was sent.
    final class FakeStore: Sendable {
        let state = Mutex<(down: Bool, calls: Int, statements: [String], authorization: String?)>((true, 0, [], nil))

        func router() -> Router {
            var router = Router()
            router.add(.post, "/lrs/statements") { [self] request in
                let ids = ((try? JSONSerialization.jsonObject(with: Data(request.body))) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                let down = state.withLock { state in
                    state.calls += 1
                    state.authorization = request.headers["authorization"]
                    if !state.down { state.statements += ids }
                    return state.down
                }
                return HTTPResponse(status: down ? .serviceUnavailable : .noContent)
            }
            return router
        }
    }

    @Test func statementsReachTheStore_inOrder_onceEach_afterItWasDown() async throws {
        let store = FakeStore()
        var settings = HTTPServerConfiguration()
        settings.port = 0
        settings.ioThreadCount = 1
        settings.accessLog = false
        let server = HTTPServer(configuration: settings, responder: store.router())
        let port = try server.start()
        let credentials = try Package.temporaryFolder() + "/lrs-credentials"
        try "signaal:geheim wachtwoord\n".write(toFile: credentials, atomically: true, encoding: .utf8)
        let fixture = try await BusinessFixture.start { configuration in
            configuration.xapiEndpoint = URL(string: "http://127.0.0.1:\(port)/lrs")
            configuration.xapiCredentialsFile = credentials
        }
        let forwarder = fixture.app.application.xapiForwarder
        let hotel = try await fixture.register(headcount: 1)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                                               body: #"{"name":"Bo","email":"bo@hotel.test","role":"bar"}"#).json)
        _ = try await fixture.passCourse(as: try await fixture.join(try #require(added["inviteUrl"] as? String)))

        // The store is down: nothing is lost, and the next try waits 30 s, then longer.
        #expect(try await forwarder.forwardOnce() == 0)
        #expect(try await forwarder.forwardOnce() == 0, "not due yet")
        #expect(store.state.withLock { $0.calls } == 1)
        fixture.clock.advance(by: 31)
        #expect(try await forwarder.forwardOnce() == 0)
        #expect(store.state.withLock { $0.calls } == 2)
        let metrics = try await fixture.app.request("GET", "/metrics", headers: fixture.admin).text
        #expect(metrics.contains("signaal_xapi_forward_failures 2"))

        // A day later it is back: everything arrives, in order, once.
        store.state.withLock { $0.down = false }
        fixture.clock.advance(by: 86_400)
        var sent = 0
        while case let batch = try await forwarder.forwardOnce(), batch > 0 { sent += batch }
        let expected = try await fixture.app.request("GET", "/api/v1/xapi/statements?limit=500", headers: try await Seed.signIn(fixture.app, email: "admin@signaal.test"))
            .json?["statements"] as? [[String: Any]] ?? []
        let received = store.state.withLock { $0.statements }
        #expect(sent == expected.count && !received.isEmpty)
        #expect(received == expected.compactMap { $0["id"] as? String })
        #expect(store.state.withLock { $0.authorization } == "Basic " + Data("signaal:geheim wachtwoord".utf8).base64EncodedString())
        #expect(try await forwarder.forwardOnce() == 0, "nothing twice")
        await fixture.app.application.shutdown()
        await server.shutdown()
    }
}

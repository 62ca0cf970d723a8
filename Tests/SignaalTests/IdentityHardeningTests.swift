import Foundation
import HTTP
import Security
@testable import Signaal
import Testing

/// Who can learn or block what about an account: registration does not reveal addresses, passwords
/// are not the person's own details, failures only slow an account down from elsewhere, and limits
/// count the client behind a trusted proxy.
@Suite(.cleansUp)
struct IdentityHardeningTests {
    @Test func registration_answersTheSame_whetherOrNotTheAddressHasAnAccount() async throws {
        let fixture = try await BusinessFixture.start()
        let first = try await fixture.register(name: "Hotel Eerst", headcount: 3)
        let email = try #require((try await fixture.app.request("GET", "/api/v1/me", headers: first.manager).json?["user"] as? [String: Any])?["email"] as? String)
        func register(_ address: String) async throws -> HTTPClient.Response {
            try await fixture.app.request("POST", "/api/v1/businesses", body: BusinessFixture.json([
                "name": "Hotel Tweede", "sector": "hotel", "city": "Gouda", "kvk": "12345678", "headcount": 3,
                "manager": ["name": "Mo Tweede", "email": address, "password": "een heel ander wachtwoord"],
            ]))
        }
        let taken = try await register(email)
        let fresh = try await register("nieuw.adres@example.nl")
        #expect(taken.status == 202 && fresh.status == 202)
        #expect(try JSONValue.parse(taken.body) == JSONValue.parse(fresh.body))
        #expect(taken.headers["set-cookie"] == nil && fresh.headers["set-cookie"] == nil)
        let businesses = try await fixture.app.application.database.read { db in
            try db.query("SELECT name FROM businesses ORDER BY name") { $0.string(0) }
        }
        #expect(businesses == ["Hotel Eerst", "Hotel Tweede"], "the taken address registered nothing")
        let owner = try await fixture.app.request("POST", "/api/v1/session", body: BusinessFixture.json(["email": email, "password": Seed.password]))
        #expect(owner.status == 200, "the owner's password is unchanged")
        await fixture.app.application.shutdown()
    }

    @Test func passwords_thatAreThePersonsOwnDetails_areRefused() {
        let personal = ["mila.jansen@goudenleeuw.nl", "Mila Jansen", "Hotel De Gouden Leeuw"]
        for password in ["mila.jansen@goudenleeuw.nl", "hoteldegoudenleeuw", "Hotel De Gouden Leeuw", "mila.jansen2024!"] {
            #expect(PasswordPolicy.problem(with: password, personal: personal) == .tooPersonal, "\(password)")
        }
        #expect(PasswordPolicy.problem(with: "groene fiets op de dijk", personal: personal) == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "ab1c", count: 64), personal: personal) == nil, "256 characters are allowed")
        #expect(PasswordPolicy.problem(with: String(repeating: "ab1c", count: 64) + "x", personal: personal) == .tooLong)
    }

    @Test func failuresFromEverywhere_onlySlowTheAccountDown_andTheOwnersAddressStaysOpen() {
        let throttle = LoginThrottle(limits: .init(perAccount: 5, perAddress: 20))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(throttle.delay(account: "ada@signaal.test", now: now) == 0)
        for attacker in 1...8 { throttle.recordFailure(account: "ada@signaal.test", address: "198.51.100.\(attacker)", now: now) }
        #expect(throttle.retryAfter(account: "ada@signaal.test", address: "203.0.113.9", now: now) == nil, "the owner is never refused")
        let delay = throttle.delay(account: "ada@signaal.test", now: now)
        #expect(delay == 2, "0.25 s doubled for each of the 3 failures past 5")
        let first = throttle.wait(account: "ada@signaal.test", now: now)
        let second = throttle.wait(account: "ADA@signaal.test", now: now)
        #expect(first == 2 && second == 4, "sign-ins of a slowed-down account take turns, so parallel guesses gain nothing")
        for _ in 0..<20 { throttle.recordFailure(account: "ada@signaal.test", address: "198.51.100.1", now: now) }
        #expect(throttle.delay(account: "ada@signaal.test", now: now) == throttle.limits.maximumDelay)
        #expect(throttle.delay(account: "ada@signaal.test", now: now.addingTimeInterval(15 * 60 + 1)) == 0, "the window passes")
        #expect(throttle.throttledAddresses(now: now) == ["198.51.100.1"])
    }

    @Test func behindTrustedProxies_theClientIsTheRightmostUntrustedHop() {
        var settings = SessionSettings()
        var request = HTTPRequest(method: .get, path: "/", headers: ["x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2"])
        request.remoteAddress = "127.0.0.1"
        #expect(settings.clientAddress(request) == "127.0.0.1", "without --trust-proxy the header means nothing")
        settings.trustForwardedProto = true
        #expect(settings.clientAddress(request) == "10.0.0.2", "the loopback proxy appended 10.0.0.2")
        settings.trustedProxies = [AddressRange("127.0.0.1")!, AddressRange("10.0.0.0/24")!]
        #expect(settings.clientAddress(request) == "203.0.113.7", "a second trusted proxy is skipped, the spoofed first entry is not reached")
        var twoLines = HTTPRequest(method: .get, path: "/", headers: ["x-forwarded-for": "6.6.6.6"])
        twoLines.headers.add(name: "x-forwarded-for", value: "203.0.113.8")
        twoLines.remoteAddress = "127.0.0.1"
        #expect(settings.clientAddress(twoLines) == "203.0.113.8", "a proxy's own header line counts, not the client's forged one")
        request.remoteAddress = "198.51.100.1"
        #expect(settings.clientAddress(request) == "198.51.100.1", "a peer that is no trusted proxy cannot forward")
        var proto = HTTPRequest(method: .get, path: "/", headers: ["x-forwarded-proto": "https"])
        proto.remoteAddress = "198.51.100.1"
        #expect(!settings.cameOverHTTPS(proto), "nor claim HTTPS")
    }

    @Test func addressRanges_matchTheirAddresses_inBothFamilies() throws {
        let lan = try #require(AddressRange("10.0.0.0/8"))
        #expect(lan.contains("10.200.3.4") && lan.contains("::ffff:10.1.2.3"))
        #expect(!lan.contains("11.0.0.1") && !lan.contains("fd00::1") && !lan.contains("not an address"))
        let unique = try #require(AddressRange("fd00::/8"))
        #expect(unique.contains("fd12:3456::1") && !unique.contains("fe80::1"))
        #expect(try #require(AddressRange("192.0.2.7")).contains("192.0.2.7"))
        #expect(!(try #require(AddressRange("192.0.2.7"))).contains("192.0.2.8"))
        #expect(AddressRange("10.0.0.0/33") == nil && AddressRange("proxy.example") == nil && AddressRange("10.0.0.0/x") == nil)
    }

    @Test func theAccessLog_namesTheForwardedClient() async throws {
        var settings = SessionSettings()
        settings.trustForwardedProto = true
        var router = Router()
        router.add(.get, "/ping") { _ in HTTPResponse(status: .noContent) }
        router.clientAddress = { [settings] request in settings.clientAddress(request) }
        var request = HTTPRequest(method: .get, path: "/ping", headers: ["x-forwarded-for": "203.0.113.7"])
        request.remoteAddress = "127.0.0.1"
        #expect(await router.respond(to: request).loggedClient == "203.0.113.7")
        request.headers = [:]
        #expect(await router.respond(to: request).loggedClient == nil, "the peer itself is not repeated")
    }

    @Test func throttledAddresses_showInTheMetrics() async throws {
        let fixture = try await BusinessFixture.start { configuration in
            configuration.loginFailuresPerAddress = 2
            configuration.sessions.trustForwardedProto = true
        }
        for _ in 0..<2 {
            _ = try await fixture.app.request("POST", "/api/v1/session", headers: ["X-Forwarded-For": "203.0.113.50"],
                                              body: #"{"email":"nobody@signaal.test","password":"not the right one"}"#)
        }
        let refused = try await fixture.app.request("POST", "/api/v1/session", headers: ["X-Forwarded-For": "203.0.113.50"],
                                                    body: BusinessFixture.json(["email": "admin@signaal.test", "password": Seed.password]))
        #expect(refused.status == 429)
        let metrics = try await fixture.app.request("GET", "/metrics").text
        #expect(metrics.contains("signaal_login_throttled_addresses 1"))
        #expect(metrics.contains(#"signaal_login_throttled{address="203.0.113.50"} 1"#))
        await fixture.app.application.shutdown()
    }
}

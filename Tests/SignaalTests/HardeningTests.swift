import Foundation
@testable import Signaal
import Testing
import TestSupport
import Threads

/// Small holes an outsider found: each now answers with the right status and a JSON error.
@Suite(.cleansUp)
struct HardeningTests {
    @Test func imageOfAModuleWithoutImages_is404() async throws {
        let learner = try await LearningAPITests.learner()
        let image = try await learner.app.request("GET", "/api/v1/modules/core-law/images/none.png", headers: learner.headers)
        #expect(image.status == 404)
        #expect(image.json?["error"] != nil)
        await learner.app.application.shutdown()
    }

    @Test func overlongRepeatedOrBlankPasswords_are422_not500() async throws {
        let fixture = try await BusinessFixture.start()
        for password in [String(repeating: "wachtwoord", count: 60), "aaaaaaaaaa", String(repeating: " ", count: 10)] {
            let response = try await fixture.app.request("POST", "/api/v1/businesses", body: BusinessFixture.json([
                "name": "Hotel Sleutel", "sector": "hotel", "city": "Gouda", "kvk": "12345678", "headcount": 3,
                "manager": ["name": "Mo", "email": "mo.\(password.count)@example.nl", "password": password],
            ]))
            #expect(response.status == 422, "\(password.prefix(12))…: \(response.status)")
            #expect(response.text.contains("weak_password"))
        }
        await fixture.app.application.shutdown()
    }

    @Test func namesWithControlOrDirectionCharacters_areRefused() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 3)
        for name in ["Ana\u{0}", "Bel\u{7}l", "Evil \u{202E}gnp.exe", "Iso\u{2066}late"] {
            let added = try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                                      body: BusinessFixture.json(["name": name]))
            #expect(added.status == 422, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let csv = "naam\nNormaal Mens\nStiekem \u{202E}naam\n"
        let report = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees/import",
                                                                headers: hotel.manager.merging(["Content-Type": "text/csv"]) { $1 }, body: csv).json)
        #expect((report["added"] as? [[String: Any]])?.count == 1)
        #expect((report["rejected"] as? [[String: Any]])?.first?["code"] as? String == "invalid_name")
        await fixture.app.application.shutdown()
    }

    @Test func answersCarryingTheCSRFToken_areNeverCached() async throws {
        let fixture = try await BusinessFixture.start()
        let me = try await fixture.app.request("GET", "/api/v1/me", headers: fixture.admin)
        #expect(me.status == 200)
        #expect(me.headers["cache-control"] == "no-store")
        #expect(try await fixture.app.request("GET", "/api/v1/session", headers: fixture.admin).headers["cache-control"] == "no-store")
        await fixture.app.application.shutdown()
    }

    @Test func qrCodes_encodeLinksOfThisSiteOnly() async throws {
        let fixture = try await BusinessFixture.start { $0.publicURL = "https://signaal.example" }
        let hotel = try await fixture.register(headcount: 1)
        for data in ["javascript:alert(1)", "https://evil.example/join/x", "https://signaal.example.evil.example/x"] {
            let refused = try await fixture.app.request("GET", "/api/v1/qr.svg?data=\(data.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                                        headers: hotel.manager)
            #expect(refused.status == 422, "\(data)")
        }
        let own = try await fixture.app.request("GET", "/api/v1/qr.svg?data=\("https://signaal.example/join/abc".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                                headers: hotel.manager)
        #expect(own.status == 200)
        #expect(own.headers["content-type"] == "image/svg+xml")
        await fixture.app.application.shutdown()
    }

    @Test func overHTTPS_everyAnswerAsksForHTTPSOnly() async throws {
        let secure = try RunningApp.start { $0.publicURL = "https://signaal.example" }
        #expect(try await secure.request("GET", "/health").headers["strict-transport-security"] == "max-age=31536000")
        #expect(try await secure.request("GET", "/").headers["strict-transport-security"] == "max-age=31536000")
        await secure.application.shutdown()
        let proxied = try RunningApp.start { $0.sessions.trustForwardedProto = true }
        #expect(try await proxied.request("GET", "/health", headers: ["X-Forwarded-Proto": "https"]).headers["strict-transport-security"] != nil)
        #expect(try await proxied.request("GET", "/health").headers["strict-transport-security"] == nil)
        await proxied.application.shutdown()
    }

    @Test func metrics_answerTheOperatorOnly() async throws {
        let fixture = try await BusinessFixture.start { $0.sessions.trustForwardedProto = true }
        // From this machine, not through the proxy: the scraper.
        #expect(try await fixture.app.request("GET", "/metrics").status == 200)
        // Through the proxy: the public.
        let outside = ["X-Forwarded-For": "203.0.113.5"]
        let refused = try await fixture.app.request("GET", "/metrics", headers: outside)
        #expect(refused.status == 403)
        #expect(refused.json?["error"] != nil)
        #expect(try await fixture.app.request("GET", "/metrics", headers: outside.merging(fixture.admin) { $1 }).status == 403)  // a session is not enough
        let token = try #require(try await fixture.app.request("POST", "/api/v1/admin/tokens", headers: fixture.admin, body: #"{"name":"prometheus"}"#)
            .json?["token"] as? String)
        let scraped = try await fixture.app.request("GET", "/metrics", headers: outside.merging(["Authorization": "Bearer \(token)"]) { $1 })
        #expect(scraped.status == 200)
        #expect(scraped.text.contains("http_requests_total"))
        await fixture.app.application.shutdown()
    }

    @Test func registrationsAndSignUps_areLimitedPerAddress() async throws {
        let fixture = try await BusinessFixture.start { $0.registrationsPerHour = 2 }
        _ = try await fixture.register(name: "Eerste", headcount: 1)
        _ = try await fixture.register(name: "Tweede", headcount: 1)
        let third = try await fixture.app.request("POST", "/api/v1/businesses", body: BusinessFixture.json([
            "name": "Derde", "sector": "hotel", "city": "Gouda", "kvk": "12345678", "headcount": 3,
            "manager": ["name": "Mo", "email": "mo.derde@example.nl", "password": Seed.password],
        ]))
        #expect(third.status == 429)
        #expect(third.headers["retry-after"] != nil)
        #expect(try await fixture.app.request("POST", "/api/v1/signup/ABCDEFGHJK", body: #"{"name":"Eva"}"#).status == 429)
        fixture.clock.advance(by: 3601)
        #expect(try await fixture.app.request("POST", "/api/v1/signup/ABCDEFGHJK", body: #"{"name":"Eva"}"#).status == 404)
        await fixture.app.application.shutdown()
    }

    @Test func figuresThatAreSettings_comeFromTheConfiguration() async throws {
        let fixture = try await BusinessFixture.start { $0.certificationThreshold = 75; $0.completionValidityMonths = 36 }
        let business = try await fixture.register(headcount: 1)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 1), businessID: business.id)
        let code = try #require(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates",
                                                              headers: fixture.admin).json?["code"] as? String)
        let page = try await fixture.app.request("GET", "/verify/\(code)")
        #expect(page.text.contains("minstens 75 procent"))
        let badgeClass = try await fixture.app.request("GET", "/api/v1/badges/responsibility-certificate")
        #expect(badgeClass.text.contains("75 percent") && badgeClass.text.contains("36 months") && !badgeClass.text.contains("60 percent"))
        await fixture.app.application.shutdown()
    }

    @Test func withoutAPublicURL_linksNameThisMachine_notWhateverTheHostHeaderSays() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 2)
        func inviteURL(host: String) async throws -> String {
            let port = fixture.app.port
            let headers = hotel.manager.merging(["Content-Type": "application/json"]) { $1 }
            let added = try await DedicatedThread.run {
                try BlockingHTTPClient.send(port: port, method: "POST", path: "/api/v1/businesses/\(hotel.id)/employees", headers: headers,
                                            body: Array(#"{"name":"Ria \#(host.count)"}"#.utf8), host: host)
            }
            return try #require(added.json?["inviteUrl"] as? String, "\(added.text)")
        }
        #expect(try await inviteURL(host: "localhost:8080").hasPrefix("http://localhost:8080/join/"))
        #expect(try await inviteURL(host: "127.0.0.1:18080").hasPrefix("http://127.0.0.1:18080/join/"))
        #expect(try await inviteURL(host: "evil.example:8080").hasPrefix("http://127.0.0.1:8080/join/"))
        #expect(try await inviteURL(host: "evil.example").hasPrefix("http://127.0.0.1/join/"))
        await fixture.app.application.shutdown()
        #expect(AppServices.split(host: "[::1]:8080") == ("[::1]", "8080"))
        #expect(AppServices.split(host: "[::1]") == ("[::1]", nil))
    }
}

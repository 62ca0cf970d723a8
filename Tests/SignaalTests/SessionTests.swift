import Foundation
import HTTP
@testable import Signaal
import Testing

/// Sign-in, sessions, CSRF, throttling, API tokens and the setup link, over HTTP.
@Suite(.cleansUp)
struct SessionTests {
    static let password = "groene fiets op de dijk"

    /// An app with an admin `admin@signaal.test` and a clock under the test's control.
    static func appWithAdmin(configure: (inout SignaalConfiguration) -> Void = { _ in }) async throws -> (RunningApp, TestClock) {
        let clock = TestClock()
        let app = try RunningApp.start { configuration in
            configuration.now = { clock.now }
            configure(&configuration)
        }
        try await Operations.createAdmin(dataFolder: app.application.configuration.dataFolder, name: "Ada Admin",
                                         email: "admin@signaal.test", password: password)
        return (app, clock)
    }

    static func login(_ app: RunningApp, email: String = "admin@signaal.test", password: String = password) async throws -> (cookie: String, csrf: String) {
        let response = try await app.request("POST", "/api/v1/session", headers: ["Content-Type": "application/json"],
                                             body: #"{"email":"\#(email)","password":"\#(password)"}"#)
        #expect(response.status == 200)
        let cookie = try #require(response.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let csrf = try #require(response.json?["csrfToken"] as? String)
        return (cookie, csrf)
    }

    @Test func forwardedHTTPS_marksCookiesSecureAndLinksHTTPS_onlyBehindATrustedProxy() async throws {
        let body = #"{"email":"admin@signaal.test","password":"\#(Self.password)"}"#
        let forwarded = ["X-Forwarded-Proto": "https"]
        let (open, _) = try await Self.appWithAdmin()
        let untrusted = try await open.request("POST", "/api/v1/session", headers: forwarded, body: body)
        #expect(untrusted.headers["set-cookie"]?.contains("Secure") == false, "anyone can send the header")
        await open.application.shutdown()

        let (proxied, _) = try await Self.appWithAdmin { $0.sessions.trustForwardedProto = true }
        let plain = try await proxied.request("POST", "/api/v1/session", body: body)
        #expect(plain.headers["set-cookie"]?.contains("Secure") == false)
        let secure = try await proxied.request("POST", "/api/v1/session", headers: forwarded, body: body)
        #expect(secure.headers["set-cookie"]?.hasSuffix("; Secure") == true)
        let spoofed = try await proxied.request("POST", "/api/v1/session", headers: ["X-Forwarded-Proto": "https, http"], body: body)
        #expect(spoofed.headers["set-cookie"]?.contains("Secure") == false, "the nearest proxy's value, the last, counts")
        let registered = try await proxied.request("POST", "/api/v1/businesses", headers: ["X-Forwarded-Proto": "http, https"], body: """
            {"name":"Hotel Proxy","sector":"hotel","city":"Utrecht","kvk":"12345678","headcount":3,
             "manager":{"name":"Mila","email":"mila@proxy.test","password":"\(Self.password)"}}
            """)
        #expect(registered.status == 202)
        let signedIn = try await proxied.request("POST", "/api/v1/session", headers: ["X-Forwarded-Proto": "http, https"],
                                                 body: #"{"email":"mila@proxy.test","password":"\#(Self.password)"}"#)
        let cookie = try #require(signedIn.headers["set-cookie"]?.split(separator: ";").first)
        let id = try #require((signedIn.json?["user"] as? [String: Any])?["businessId"] as? String)
        let csrf = try #require(signedIn.json?["csrfToken"] as? String)
        let added = try await proxied.request("POST", "/api/v1/businesses/\(id)/employees",
                                              headers: ["Cookie": String(cookie), "X-CSRF-Token": csrf, "X-Forwarded-Proto": "https"],
                                              body: #"{"name":"Ana"}"#)
        #expect((added.json?["inviteUrl"] as? String)?.hasPrefix("https://127.0.0.1/join/") == true)
        await proxied.application.shutdown()
    }

    @Test func login_setsHardenedCookie_andReturnsUserRoleAndCSRF() async throws {
        let (app, _) = try await Self.appWithAdmin()
        let response = try await app.request("POST", "/api/v1/session", body: #"{"email":"ADMIN@signaal.test","password":"\#(Self.password)"}"#)
        #expect(response.status == 200)
        let cookie = try #require(response.headers["set-cookie"])
        #expect(cookie.hasPrefix("signaal_session="))
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=2592000"] { #expect(cookie.contains(attribute)) }
        #expect(!cookie.contains("Secure"))
        #expect(response.json?["role"] as? String == "admin")
        #expect((response.json?["user"] as? [String: Any])?["email"] as? String == "admin@signaal.test")
        #expect((response.json?["user"] as? [String: Any])?["passwordHash"] == nil)
        #expect((response.json?["csrfToken"] as? String)?.count == 43)
        // Only the token's hash is stored.
        let token = String(cookie.dropFirst("signaal_session=".count).prefix { $0 != ";" })
        let stored = try await app.application.database.read { try $0.query("SELECT token_hash FROM sessions") { $0.blob(0) } }
        #expect(stored.count == 1 && stored[0].count == 32 && stored[0] != Array(token.utf8))
        await app.application.shutdown()
    }

    @Test func unknownEmailAndWrongPassword_getTheSame401_andTheSameWork() async throws {
        let (app, _) = try await Self.appWithAdmin()
        let hasher = app.application.hasher
        let before = hasher.verificationCount
        let unknown = try await app.request("POST", "/api/v1/session", body: #"{"email":"nobody@signaal.test","password":"whatever12345"}"#)
        // An unknown login still computes one yescrypt verification (against a dummy hash), so its
        // time tells nothing; counted rather than timed, which a loaded machine would blur.
        #expect(hasher.verificationCount == before + 1)
        let wrong = try await app.request("POST", "/api/v1/session", body: #"{"email":"admin@signaal.test","password":"whatever12345"}"#)
        #expect(hasher.verificationCount == before + 2)
        #expect(unknown.status == 401)
        #expect(wrong.status == 401)
        #expect(unknown.body == wrong.body)
        #expect(unknown.text.contains("invalid_credentials"))
        await app.application.shutdown()
    }

    @Test func repeatedFailures_are429WithRetryAfter() async throws {
        let (app, _) = try await Self.appWithAdmin()
        for _ in 0..<5 {
            let response = try await app.request("POST", "/api/v1/session", body: #"{"email":"admin@signaal.test","password":"not the one!"}"#)
            #expect(response.status == 401)
        }
        let blocked = try await app.request("POST", "/api/v1/session", body: #"{"email":"admin@signaal.test","password":"\#(Self.password)"}"#)
        #expect(blocked.status == 429)
        #expect(Int(blocked.headers["retry-after"] ?? "") ?? 0 > 0)
        #expect(blocked.text.contains("too_many_attempts"))
        await app.application.shutdown()
    }

    @Test func theOwnerSignsIn_whileAnAttackerFailsFromElsewhere_behindTheProxy() async throws {
        let (app, _) = try await Self.appWithAdmin { $0.sessions.trustForwardedProto = true }
        let attacker = ["X-Forwarded-For": "198.51.100.1, 203.0.113.66"]
        for _ in 0..<5 {
            let failed = try await app.request("POST", "/api/v1/session", headers: attacker, body: #"{"email":"admin@signaal.test","password":"not the one!"}"#)
            #expect(failed.status == 401)
        }
        #expect(try await app.request("POST", "/api/v1/session", headers: attacker,
                                      body: #"{"email":"admin@signaal.test","password":"not the one!"}"#).status == 429)
        // The proxy added the last address: the owner, elsewhere, is not locked out by the attacker.
        let owner = try await app.request("POST", "/api/v1/session", headers: ["X-Forwarded-For": "203.0.113.66, 192.0.2.10"],
                                          body: #"{"email":"admin@signaal.test","password":"\#(Self.password)"}"#)
        #expect(owner.status == 200)
        await app.application.shutdown()
    }

    @Test func withoutATrustedProxy_forwardedAddressesAreIgnored() async throws {
        let (app, _) = try await Self.appWithAdmin()
        for index in 0..<5 {
            _ = try await app.request("POST", "/api/v1/session", headers: ["X-Forwarded-For": "192.0.2.\(index)"],
                                      body: #"{"email":"admin@signaal.test","password":"not the one!"}"#)
        }
        // Every attempt came from the same socket address, whatever the header claimed.
        #expect(try await app.request("POST", "/api/v1/session", headers: ["X-Forwarded-For": "192.0.2.99"],
                                      body: #"{"email":"admin@signaal.test","password":"\#(Self.password)"}"#).status == 429)
        await app.application.shutdown()
    }

    @Test func me_needsASession() async throws {
        let (app, _) = try await Self.appWithAdmin()
        let anonymous = try await app.request("GET", "/api/v1/me")
        #expect(anonymous.status == 401)
        #expect(anonymous.text.contains("unauthenticated"))
        let session = try await Self.login(app)
        let me = try await app.request("GET", "/api/v1/me", headers: ["Cookie": session.cookie])
        #expect(me.status == 200)
        #expect((me.json?["user"] as? [String: Any])?["name"] as? String == "Ada Admin")
        // Pages ask GET /api/v1/session whether they are signed in, without a 401 when not.
        let anonymousSession = try await app.request("GET", "/api/v1/session")
        #expect(anonymousSession.status == 200)
        #expect(anonymousSession.json?["signedIn"] as? Bool == false)
        let signedInSession = try await app.request("GET", "/api/v1/session", headers: ["Cookie": session.cookie])
        #expect(signedInSession.json?["csrfToken"] as? String == session.csrf)
        #expect((me.json?["csrfToken"] as? String) == session.csrf)
        let forged = try await app.request("GET", "/api/v1/me", headers: ["Cookie": "signaal_session=" + String(repeating: "A", count: 43)])
        #expect(forged.status == 401)
        #expect(forged.text.contains("session_expired"))
        await app.application.shutdown()
    }

    @Test func cookieWrites_needTheCSRFHeader() async throws {
        let (app, _) = try await Self.appWithAdmin()
        let session = try await Self.login(app)
        let missing = try await app.request("DELETE", "/api/v1/session", headers: ["Cookie": session.cookie])
        #expect(missing.status == 403)
        #expect(missing.text.contains("csrf_token_missing"))
        let wrong = try await app.request("DELETE", "/api/v1/session", headers: ["Cookie": session.cookie, "X-CSRF-Token": "nope"])
        #expect(wrong.status == 403)
        #expect(wrong.text.contains("csrf_token_invalid"))
        let logout = try await app.request("DELETE", "/api/v1/session", headers: ["Cookie": session.cookie, "X-CSRF-Token": session.csrf])
        #expect(logout.status == 204)
        #expect(logout.headers["set-cookie"]?.contains("Max-Age=0") == true)
        let after = try await app.request("GET", "/api/v1/me", headers: ["Cookie": session.cookie])
        #expect(after.status == 401)
        await app.application.shutdown()
    }

    @Test func sessions_expireWhenIdle_andAfterTheirLifetime() async throws {
        let (app, clock) = try await Self.appWithAdmin()
        let idle = try await Self.login(app)
        clock.advance(by: 12 * 3600 - 5)
        #expect(try await app.request("GET", "/api/v1/me", headers: ["Cookie": idle.cookie]).status == 200)
        clock.advance(by: 12 * 3600 + 1)
        let expired = try await app.request("GET", "/api/v1/me", headers: ["Cookie": idle.cookie])
        #expect(expired.status == 401)
        #expect(expired.text.contains("session_expired"))

        let busy = try await Self.login(app)
        var hours = 0
        while hours < 1000 {  // active every 11 hours: never idle, but 30 days end it
            clock.advance(by: 11 * 3600)
            hours += 11
            if try await app.request("GET", "/api/v1/me", headers: ["Cookie": busy.cookie]).status == 401 { break }
        }
        #expect(hours >= 30 * 24 && hours < 30 * 24 + 11)
        await app.application.shutdown()
    }

    @Test func apiTokens_authenticateWithoutCSRF_untilRevoked() async throws {
        let (app, _) = try await Self.appWithAdmin()
        let session = try await Self.login(app)
        let created = try await app.request("POST", "/api/v1/admin/tokens", headers: ["Cookie": session.cookie, "X-CSRF-Token": session.csrf],
                                            body: #"{"name":"municipality dashboard"}"#)
        #expect(created.status == 201)
        let token = try #require(created.json?["token"] as? String)
        let id = try #require(created.json?["id"] as? String)
        let bearer = ["Authorization": "Bearer \(token)"]
        #expect(try await app.request("GET", "/api/v1/me", headers: bearer).status == 200)
        #expect(try await app.request("POST", "/api/v1/admin/tokens", headers: bearer, body: #"{"name":"second"}"#).status == 201)
        let list = try await app.request("GET", "/api/v1/admin/tokens", headers: bearer)
        #expect(!list.text.contains(token))
        #expect(try await app.request("DELETE", "/api/v1/admin/tokens/\(id)", headers: bearer).status == 204)
        let revoked = try await app.request("GET", "/api/v1/me", headers: bearer)
        #expect(revoked.status == 401)
        #expect(revoked.text.contains("invalid_token"))
        #expect(try await app.request("DELETE", "/api/v1/admin/tokens/\(id)", headers: ["Cookie": session.cookie, "X-CSRF-Token": session.csrf]).status == 404)
        await app.application.shutdown()
    }

    @Test func setupLink_createsTheFirstAdminOnce_andExpires() async throws {
        let clock = TestClock()
        let app = try RunningApp.start { $0.now = { clock.now } }
        let link = try #require(try await app.application.setupLinkIfNeeded(baseURL: "http://x"))
        let token = String(link.split(separator: "/").last!)
        let page = try await app.request("GET", "/setup/\(token)")
        #expect(page.status == 200)
        #expect(page.text.contains(#"<script type="module" src="/js/app.js">"#), "the app shell, which shows the setup view for /setup/ links")
        let weak = try await app.request("POST", "/api/v1/setup", body: #"{"token":"\#(token)","name":"Ada","email":"ada@x.nl","password":"short"}"#)
        #expect(weak.status == 422)
        #expect(weak.text.contains("weak_password"))
        let created = try await app.request("POST", "/api/v1/setup", body: #"{"token":"\#(token)","name":"Ada","email":"ada@x.nl","password":"\#(Self.password)"}"#)
        #expect(created.status == 201)
        #expect(created.json?["role"] as? String == "admin")
        let again = try await app.request("POST", "/api/v1/setup", body: #"{"token":"\#(token)","name":"Eve","email":"eve@x.nl","password":"\#(Self.password)"}"#)
        #expect(again.status == 404)
        #expect(try await app.application.setupLinkIfNeeded(baseURL: "http://x") == nil)
        await app.application.shutdown()

        let second = try RunningApp.start { $0.now = { clock.now } }
        let late = try #require(try await second.application.setupLinkIfNeeded(baseURL: "http://x"))
        clock.advance(by: 3601)
        let expired = try await second.request("POST", "/api/v1/setup",
                                               body: #"{"token":"\#(late.split(separator: "/").last!)","name":"Ada","email":"ada@x.nl","password":"\#(Self.password)"}"#)
        #expect(expired.status == 404)
        #expect(expired.text.contains("setup_link_invalid"))
        await second.application.shutdown()
    }

    @Test func badBodies_getClearErrors() async throws {
        let (app, _) = try await Self.appWithAdmin()
        let notJSON = try await app.request("POST", "/api/v1/session", body: "email=a")
        #expect(notJSON.status == 400)
        #expect(notJSON.text.contains("invalid_json"))
        let missing = try await app.request("POST", "/api/v1/session", body: #"{"email":"a@b.nl"}"#)
        #expect(missing.status == 400)
        #expect(missing.text.contains("'password' is missing"))
        let wrongType = try await app.request("POST", "/api/v1/session", headers: ["Content-Type": "text/plain"], body: "{}")
        #expect(wrongType.status == 415)
        await app.application.shutdown()
    }

    @Test func everyAPIRoute_declaresItsAccess() async throws {
        let app = try RunningApp.start()
        let apiRoutes = app.application.routes.filter { $0.pattern.hasPrefix("/api/") }
        #expect(!apiRoutes.isEmpty)
        for route in apiRoutes {
            #expect(app.application.documentation["\(route.method.rawValue) \(route.pattern)"] != nil, "\(route.method) \(route.pattern) has no access rule")
        }
        await app.application.shutdown()
    }
}

/// The OpenAPI document names every API route with its method, path parameters and access, and
/// describes each one; a route added without a summary fails here.
@Suite(.cleansUp)
struct OpenAPITests {
    @Test func document_listsEveryRoute_withASummary_andNothingElse() async throws {
        let app = try RunningApp.start()
        let response = try await app.request("GET", "/api/v1/openapi.json")
        #expect(response.status == 200)
        let document = try #require(response.json)
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        var documented: Set<String> = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                documented.insert("\(method.uppercased()) \(path)")
                #expect(!(operation["summary"] as? String ?? "").isEmpty, "\(method) \(path) has no summary")
                let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                #expect(parameters == names, "\(method) \(path) parameters")
            }
        }
        #expect(documented == Set(app.application.documentation.keys))
        let roster = try #require(paths["/api/v1/businesses/{id}/employees"]?["post"])
        #expect(roster["x-roles"] as? [String] == ["manager"])
        #expect((paths["/api/v1/certificates/{code}"]?["get"]?["security"] as? [Any])?.isEmpty == true, "verification needs no sign-in")
        await app.application.shutdown()
    }
}

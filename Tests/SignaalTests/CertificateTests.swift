import Foundation
@testable import Signaal
import Storage
import Testing

/// Issuing when the rule first holds, verification, revocation, renewal, the warning, the audit chain.
@Suite(.cleansUp)
struct CertificateTests {
    /// A business of 5 where 2 staff have completed and a third is signed in, ready to finish.
    static func almostThere() async throws -> (BusinessFixture, String, [String: String], [String: String]) {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 5)
        let staff = try await fixture.addStaff(business.id, count: 4)
        try await fixture.complete(Array(staff.prefix(2)), businessID: business.id)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager,
                                                               body: #"{"name":"Dewi"}"#).json)
        let joined = try await fixture.app.request("POST", "/api/v1/invites/\(String((added["inviteUrl"] as! String).split(separator: "/").last!))", body: "{}")
        let learner = ["Cookie": String(joined.headers["set-cookie"]!.split(separator: ";")[0]), "X-CSRF-Token": joined.json?["csrfToken"] as! String]
        return (fixture, business.id, business.manager, learner)
    }

    @Test func certificate_isIssuedWhenTheRuleFirstHolds_andVerifies() async throws {
        let (fixture, business, manager, learner) = try await Self.almostThere()
        #expect(try await fixture.app.request("GET", "/api/v1/businesses/\(business)", headers: manager).json?["certificate"] == nil)
        let last = try await fixture.passCourse(as: learner)
        #expect(last["courseCompleted"] as? Bool == true)
        let view = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business)", headers: manager).json)
        let certificate = try #require(view["certificate"] as? [String: Any])
        #expect(certificate["state"] as? String == "valid")
        #expect(certificate["completed"] as? Int == 3)
        #expect(certificate["denominator"] as? Int == 5)
        let code = try #require(certificate["code"] as? String)
        #expect(code.count == 16 && code.split(separator: "-").count == 4)

        let verified = try await fixture.app.request("GET", "/api/v1/certificates/\(code)")
        #expect(verified.status == 200)
        #expect(verified.json?["status"] as? String == "valid")
        #expect(verified.json?["businessName"] as? String == "Hotel De Gouden Leeuw")
        #expect(!verified.text.contains("Staff") && !verified.text.contains("Dewi"))
        let lowercase = try await fixture.app.request("GET", "/api/v1/certificates/\(code.lowercased().replacingOccurrences(of: "-", with: ""))")
        #expect(lowercase.status == 200)
        let page = try await fixture.app.request("GET", "/verify/\(code)")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.text.contains("Geldig"))
        #expect(page.text.contains("Hotel De Gouden Leeuw"))
        #expect(!page.text.contains("<script"))
        let english = try await fixture.app.request("GET", "/verify/\(code)?lang=en")
        #expect(english.text.contains("Valid"))
        #expect(english.headers["set-cookie"]?.hasPrefix("signaal_lang=en; Path=/") == true, "the choice is remembered")
        let remembered = try await fixture.app.request("GET", "/verify/\(code)", headers: ["Cookie": "signaal_lang=en", "Accept-Language": "nl"])
        #expect(remembered.text.contains("Valid") && remembered.text.contains("<html lang=\"en\" dir=\"ltr\">"))
        // Every language of the wording files is offered by its own name; Arabic pages run right to left.
        for name in ["Nederlands", "English", "Polski", "Română", "Български", "Українська", "Español", "Português", "Türkçe", "العربية"] {
            #expect(english.text.contains(name), "\(name)")
        }
        let arabic = try await fixture.app.request("GET", "/verify/\(code)?lang=ar")
        #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\">") && arabic.text.contains("<code>\(code)</code>"))
        await fixture.app.application.shutdown()
    }

    @Test func mistypedAndUnknownCodes_are404() async throws {
        let fixture = try await BusinessFixture.start()
        let code = VerificationCode.make()
        var characters = Array(code)
        characters[0] = characters[0] == "A" ? "B" : "A"
        let mistyped = try await fixture.app.request("GET", "/api/v1/certificates/\(String(characters))")
        #expect(mistyped.status == 404)
        #expect(mistyped.text.contains("mistyped_code"))
        let unknown = try await fixture.app.request("GET", "/api/v1/certificates/\(code)")
        #expect(unknown.status == 404)
        #expect(unknown.text.contains("not_found"))
        let page = try await fixture.app.request("GET", "/verify/\(code)?lang=en")
        #expect(page.status == 404)
        #expect(page.text.contains("Unknown code"))
        await fixture.app.application.shutdown()
    }

    @Test func verificationLookups_areRateLimited() async throws {
        let fixture = try await BusinessFixture.start { $0.verificationsPerMinute = 3 }
        for _ in 0..<3 { #expect(try await fixture.app.request("GET", "/api/v1/certificates/\(VerificationCode.make())").status == 404) }
        let limited = try await fixture.app.request("GET", "/api/v1/certificates/\(VerificationCode.make())")
        #expect(limited.status == 429)
        #expect(limited.headers["retry-after"] != nil)
        await fixture.app.application.shutdown()
    }

    @Test func behindATrustedProxy_theLookupLimitCountsEachForwardedAddress() async throws {
        let fixture = try await BusinessFixture.start { $0.verificationsPerMinute = 2; $0.sessions.trustForwardedProto = true }
        for _ in 0..<2 {
            #expect(try await fixture.app.request("GET", "/api/v1/certificates/\(VerificationCode.make())", headers: ["X-Forwarded-For": "203.0.113.1"]).status == 404)
        }
        #expect(try await fixture.app.request("GET", "/api/v1/certificates/\(VerificationCode.make())", headers: ["X-Forwarded-For": "203.0.113.1"]).status == 429)
        // Another visitor behind the same proxy is not limited by the first one.
        #expect(try await fixture.app.request("GET", "/api/v1/certificates/\(VerificationCode.make())", headers: ["X-Forwarded-For": "203.0.113.2"]).status == 404)
        await fixture.app.application.shutdown()
    }

    @Test func pendingBusiness_trainsButIsNotCertified_untilApproved() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 2, approve: false)
        let staff = try await fixture.addStaff(business.id, count: 2)
        try await fixture.complete(staff, businessID: business.id)
        let issue = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates", headers: fixture.admin)
        #expect(issue.status == 409)
        #expect(issue.text.contains("business_not_approved"))
        let approved = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/approve", headers: fixture.admin)
        #expect((approved.json?["certificate"] as? [String: Any])?["state"] as? String == "valid")  // automatic on approval
        await fixture.app.application.shutdown()
    }

    @Test func revocation_showsRevokedWithDateButNotTheReason() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 1)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 1), businessID: business.id)
        let issued = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates", headers: fixture.admin)
        #expect(issued.status == 201)
        let code = try #require(issued.json?["code"] as? String)
        let revoked = try await fixture.app.request("POST", "/api/v1/admin/certificates/\(code)/revoke", headers: fixture.admin,
                                                    body: #"{"reason":"Staff list was falsified"}"#)
        #expect(revoked.status == 200)
        let verified = try await fixture.app.request("GET", "/api/v1/certificates/\(code)")
        #expect(verified.json?["status"] as? String == "revoked")
        #expect(verified.json?["revokedAt"] is String)
        #expect(!verified.text.contains("falsified"))
        let page = try await fixture.app.request("GET", "/verify/\(code)")
        #expect(page.text.contains("Ingetrokken"))
        #expect(!page.text.contains("falsified"))
        #expect(try await fixture.app.request("POST", "/api/v1/admin/certificates/\(code)/revoke", headers: fixture.admin, body: #"{"reason":"again"}"#).status == 409)
        await fixture.app.application.shutdown()
    }

    @Test func renewal_inTheLastTwoMonths_issuesANewCode_andDroppingBelowWarns() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 5)
        let staff = try await fixture.addStaff(business.id, count: 5)
        try await fixture.complete(Array(staff.prefix(3)), businessID: business.id)
        let first = try #require(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates", headers: fixture.admin).json)
        let firstCode = first["code"] as! String
        #expect(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates", headers: fixture.admin).status == 409)

        fixture.clock.advance(by: 305 * 86_400)  // ten months on: inside the renewal window (sessions have ended)
        let admin = try await Seed.signIn(fixture.app, email: "admin@signaal.test")
        let renewal = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates", headers: admin)
        #expect(renewal.status == 201, "\(renewal.text)")
        let renewed = try #require(renewal.json)
        let secondCode = try #require(renewed["code"] as? String)
        #expect(secondCode != firstCode)
        #expect(try await fixture.app.request("GET", "/api/v1/certificates/\(firstCode)").json?["status"] as? String == "superseded")
        #expect(try await fixture.app.request("GET", "/api/v1/certificates/\(secondCode)").json?["status"] as? String == "valid")

        _ = try await fixture.addStaff(business.id, count: 2)  // 3 of 7: below 60 percent
        let view = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)", headers: admin).json)
        #expect((view["certificate"] as? [String: Any])?["state"] as? String == "valid")
        #expect((view["warning"] as? String)?.contains("2 more staff") == true)
        await fixture.app.application.shutdown()
    }

    @Test func auditLog_recordsEveryChange_andTheProductCannotEditIt() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 1)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 1), businessID: business.id)
        _ = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates", headers: fixture.admin)
        let audit = try #require(try await fixture.app.request("GET", "/api/v1/admin/audit", headers: fixture.admin).json)
        let actions = (audit["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
        for action in ["business.registered", "business.approved", "employee.added", "certificate.issued"] { #expect(actions.contains(action)) }
        await #expect(throws: StorageError.self) {
            try await fixture.app.application.database.write { try $0.run("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1") }
        }
        await #expect(throws: StorageError.self) {
            try await fixture.app.application.database.write { try $0.run("DELETE FROM audit_log WHERE seq = 1") }
        }
        await fixture.app.application.shutdown()
    }
}

/// Open Badges 2.0 hosted verification and the SVG website badge.
@Suite(.cleansUp)
struct BadgeTests {
    @Test func hostedAssertion_followsTheLiveState() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 1)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 1), businessID: business.id)
        let code = try #require(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates",
                                                              headers: fixture.admin).json?["code"] as? String)
        let assertion = try await fixture.app.request("GET", "/api/v1/certificates/\(code)/badge")
        #expect(assertion.status == 200)
        #expect(assertion.headers["content-type"] == "application/ld+json")
        #expect(assertion.json?["@context"] as? String == "https://w3id.org/openbadges/v2")
        #expect(assertion.json?["type"] as? String == "Assertion")
        #expect((assertion.json?["verification"] as? [String: Any])?["type"] as? String == "hosted")
        let badgeURL = try #require(assertion.json?["badge"] as? String)
        let badgeClass = try await fixture.app.request("GET", String(badgeURL.dropFirst("http://127.0.0.1".count)))
        #expect(badgeClass.json?["type"] as? String == "BadgeClass")
        let issuer = try await fixture.app.request("GET", "/api/v1/badges/issuer")
        #expect(issuer.json?["type"] as? String == "Issuer")
        let svg = try await fixture.app.request("GET", "/certificates/\(code)/badge.svg")
        #expect(svg.headers["content-type"] == "image/svg+xml")
        #expect(svg.text.contains("valid"))
        #expect(svg.text.contains("/verify/\(code)"))

        _ = try await fixture.app.request("POST", "/api/v1/admin/certificates/\(code)/revoke", headers: fixture.admin, body: #"{"reason":"test"}"#)
        let revoked = try await fixture.app.request("GET", "/api/v1/certificates/\(code)/badge")
        #expect(revoked.status == 410)
        #expect(revoked.json?["revoked"] as? Bool == true)
        #expect(try await fixture.app.request("GET", "/certificates/\(code)/badge.svg").text.contains("revoked"))
        await fixture.app.application.shutdown()
    }

    /// The verification page's words come from the wording files, like the documents' (and are escaped).
    @Test func verificationPageWords_comeFromTheWordingFiles() async throws {
        let folder = try Package.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for language in ["nl", "en"] {
            let text = try String(contentsOfFile: Package.root + "/certificates/\(language).txt", encoding: .utf8)
            try text.replacingOccurrences(of: "verify-unknown: ", with: "verify-unknown: <b>Onbekend</b> ")
                .write(toFile: folder + "/\(language).txt", atomically: true, encoding: .utf8)
        }
        try FileManager.default.copyItem(atPath: Package.root + "/certificates/fonts", toPath: folder + "/fonts")
        let app = try RunningApp.start { $0.certificatesFolder = folder }
        let page = try await app.request("GET", "/verify/AAAA-BBBB-CCCC-D?lang=en")
        #expect(page.status == 404)
        #expect(page.text.contains("&lt;b&gt;Onbekend&lt;/b&gt; Unknown code"))
        await app.application.shutdown()
    }
}

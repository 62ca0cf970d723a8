import Foundation
@testable import Signaal
import Testing

/// More than one manager: a business registered by an admin for someone who phoned in, a second manager
/// invited by link (one use), and removal that never leaves a business without a manager.
@Suite(.cleansUp)
struct ManagerTests {
    func token(_ link: String) -> String { String(link.split(separator: "/").last ?? "") }

    func join(_ fixture: BusinessFixture, _ link: String, password: String? = Seed.password) async throws -> HTTPClient.Response {
        try await fixture.app.request("POST", "/api/v1/invites/\(token(link))", body: password.map { #"{"password":"\#($0)"}"# } ?? "{}")
    }

    func headers(_ joined: HTTPClient.Response) throws -> [String: String] {
        try BusinessFixture.session(joined)
    }

    @Test func anAdminRegistersABusinessForACaller_whoseManagerJoinsOnceByTheLink() async throws {
        let fixture = try await BusinessFixture.start()
        let registered = try await fixture.app.request("POST", "/api/v1/admin/businesses", headers: fixture.admin, body: BusinessFixture.json([
            "name": "Pension De Duinroos", "sector": "hotel", "city": "Texel", "kvk": "87654321", "headcount": 8,
            "manager": ["name": "Dirk Duin", "email": "dirk@duinroos.test"],
        ]))
        #expect(registered.status == 201, "\(registered.text)")
        let business = try #require(registered.json?["business"] as? [String: Any])
        #expect(business["status"] as? String == "approved")
        let link = try #require(registered.json?["inviteUrl"] as? String)
        #expect(try await join(fixture, link, password: nil).status == 422, "a manager joins by choosing a password")
        let joined = try await join(fixture, link)
        #expect(joined.status == 200)
        #expect((joined.json?["user"] as? [String: Any])?["businessId"] as? String == business["id"] as? String)
        #expect(try await join(fixture, link).status == 404, "the link worked once")
        #expect(try await Seed.signIn(fixture.app, email: "dirk@duinroos.test")["Cookie"] != nil)
        let audit = try await fixture.app.application.database.read { db in
            try db.query("SELECT action FROM audit_log WHERE action IN ('business.registered', 'manager.invited') ORDER BY seq") { $0.string(0) }
        }
        #expect(audit.suffix(2) == ["business.registered", "manager.invited"])
        let employee = try await fixture.app.request("POST", "/api/v1/admin/businesses", headers: try headers(joined), body: "{}")
        #expect(employee.status == 403)
        await fixture.app.application.shutdown()
    }

    @Test func aSecondManager_isInvited_joins_andIsRemoved_butNeverTheLastOne() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 5)
        let other = try await fixture.register(name: "Hotel Elders", headcount: 2)
        let base = "/api/v1/businesses/\(hotel.id)/managers"
        let invited = try await fixture.app.request("POST", base, headers: hotel.manager, body: #"{"name":"Sanne Smit","email":"sanne@hotel.test"}"#)
        #expect(invited.status == 201)
        let secondID = try #require(invited.json?["id"] as? String)
        #expect(try await fixture.app.request("POST", base, headers: hotel.manager, body: #"{"name":"Sanne","email":"sanne@hotel.test"}"#).status == 409)
        #expect(try await fixture.app.request("POST", base, headers: other.manager, body: #"{"name":"X","email":"x@y.test"}"#).status == 404)
        let second = try headers(try await join(fixture, try #require(invited.json?["inviteUrl"] as? String)))
        let list = try await fixture.app.request("GET", base, headers: second).json?["managers"] as? [[String: Any]] ?? []
        #expect(list.count == 2 && list.allSatisfy { $0["joined"] as? Bool == true })
        #expect(try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)", headers: second).status == 200)

        // The first manager removes the second: their session ends at once.
        #expect(try await fixture.app.request("DELETE", "\(base)/\(secondID)", headers: other.manager).status == 404)
        #expect(try await fixture.app.request("DELETE", "\(base)/\(secondID)", headers: hotel.manager).status == 204)
        #expect(try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)", headers: second).status == 401)
        // The last manager cannot go, not even by their own hand.
        let me = try #require(try await fixture.app.request("GET", "/api/v1/me", headers: hotel.manager).json?["user"] as? [String: Any])
        let last = try await fixture.app.request("DELETE", "\(base)/\(try #require(me["id"] as? String))", headers: hotel.manager)
        #expect(last.status == 409)
        #expect((last.json?["error"] as? [String: Any])?["code"] as? String == "last_manager")
        #expect(try await fixture.app.request("DELETE", "\(base)/usr_unknown", headers: hotel.manager).status == 404)
        let removed = try await fixture.app.application.database.read { db in
            try db.queryOne("SELECT count(*) FROM audit_log WHERE action = 'manager.removed' AND subject = ?", secondID) { $0.int(0) }
        }
        #expect(removed == 1)
        await fixture.app.application.shutdown()
    }

    @Test func aManagerWhoWorksThere_putsThemselvesOnTheRoster_takesTheCourse_andCounts() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 2)
        try await fixture.complete(try await fixture.addStaff(hotel.id, count: 1), businessID: hotel.id)
        #expect(try await fixture.progress(hotel.id, as: hotel.manager)["completed"] as? Int == 1)
        let place = try await fixture.app.request("PUT", "/api/v1/me/roster", headers: hotel.manager, body: #"{"onRoster":true}"#)
        #expect(place.status == 200 && place.json?["onRoster"] as? Bool == true)
        let roster = try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager).json?["employees"] as? [[String: Any]] ?? []
        #expect(roster.count == 2 && roster.filter { $0["manager"] as? Bool == true }.count == 1)
        _ = try await fixture.passCourse(as: hotel.manager)
        let progress = try await fixture.progress(hotel.id, as: hotel.manager)
        #expect(progress["completed"] as? Int == 2 && progress["eligible"] as? Bool == true)
        let business = try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)", headers: hotel.manager).json
        #expect((business?["certificate"] as? [String: Any])?["state"] as? String == "valid", "their pass made the rule hold")
        // Off the roster again, they no longer count.
        #expect(try await fixture.app.request("PUT", "/api/v1/me/roster", headers: hotel.manager, body: #"{"onRoster":false}"#).status == 200)
        #expect(try await fixture.progress(hotel.id, as: hotel.manager)["completed"] as? Int == 1)
        #expect(try await fixture.app.request("PUT", "/api/v1/me/roster", headers: fixture.admin, body: #"{"onRoster":true}"#).status == 403)
        await fixture.app.application.shutdown()
    }
}

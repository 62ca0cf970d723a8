import Foundation
@testable import Signaal
import Testing

/// Adding staff, invites, joining, usernames, (de)activation, privacy export and erasure.
@Suite(.cleansUp)
struct RosterTests {
    @Test func addedPerson_joinsByInvite_withAUsername_andTheLinkSignsInAgain() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 3)
        let added = try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager,
                                                  body: #"{"name":"Ana Kowalska"}"#)
        #expect(added.status == 201)
        let inviteURL = try #require(added.json?["inviteUrl"] as? String)
        #expect(inviteURL.contains("/join/"))
        let token = String(inviteURL.split(separator: "/").last!)
        let page = try await fixture.app.request("GET", "/join/\(token)")
        #expect(page.status == 200)

        let joined = try await fixture.app.request("POST", "/api/v1/invites/\(token)", body: #"{"password":"\#(Seed.password)"}"#)
        #expect(joined.status == 200)
        let user = try #require(joined.json?["user"] as? [String: Any])
        let username = try #require(user["username"] as? String)
        #expect(username.hasPrefix("ana."))
        #expect(joined.json?["csrfToken"] != nil)
        #expect(joined.headers["set-cookie"]?.contains("HttpOnly") == true)
        // The username works as a login, and joining again with a password is refused.
        #expect(try await fixture.app.request("POST", "/api/v1/session", body: #"{"email":"\#(username)","password":"\#(Seed.password)"}"#).status == 200)
        #expect(try await fixture.app.request("POST", "/api/v1/invites/\(token)", body: #"{"password":"\#(Seed.password)x"}"#).status == 409)
        // Without a password the personal link signs in.
        #expect(try await fixture.app.request("POST", "/api/v1/invites/\(token)", body: "{}").status == 200)
        await fixture.app.application.shutdown()
    }

    @Test func renewedInvite_replacesTheOldLink() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 3)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager,
                                                               body: #"{"name":"Bo","email":"bo@example.nl"}"#).json)
        let oldToken = String((added["inviteUrl"] as! String).split(separator: "/").last!)
        let renewed = try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees/\(added["id"] as! String)/invite",
                                                    headers: business.manager)
        #expect(renewed.status == 200)
        let newToken = String((renewed.json?["inviteUrl"] as! String).split(separator: "/").last!)
        #expect(newToken != oldToken)
        let old = try await fixture.app.request("POST", "/api/v1/invites/\(oldToken)", body: "{}")
        #expect(old.status == 404)
        #expect(old.text.contains("invite_invalid"))
        #expect(try await fixture.app.request("POST", "/api/v1/invites/\(newToken)", body: "{}").status == 200)
        await fixture.app.application.shutdown()
    }

    @Test func deactivation_endsSessions_andReactivationRestoresAccess() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 3)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager,
                                                               body: #"{"name":"Cas"}"#).json)
        let id = added["id"] as! String
        let token = String((added["inviteUrl"] as! String).split(separator: "/").last!)
        let joined = try await fixture.app.request("POST", "/api/v1/invites/\(token)", body: "{}")
        let learner = ["Cookie": String(joined.headers["set-cookie"]!.split(separator: ";")[0]), "X-CSRF-Token": joined.json?["csrfToken"] as! String]
        #expect(try await fixture.app.request("GET", "/api/v1/course", headers: learner).status == 200)
        #expect(try await fixture.app.request("DELETE", "/api/v1/businesses/\(business.id)/employees/\(id)", headers: business.manager).status == 204)
        #expect(try await fixture.app.request("GET", "/api/v1/course", headers: learner).status == 401)
        let list = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)/employees?active=false", headers: business.manager).json)
        #expect((list["employees"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        let inactive = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)/employees?status=inactive", headers: business.manager).json)
        #expect((inactive["employees"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        #expect(try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees/\(id)/reactivate", headers: business.manager).status == 204)
        #expect(try await fixture.app.request("POST", "/api/v1/invites/\(token)", body: "{}").status == 200)
        await fixture.app.application.shutdown()
    }

    @Test func rosterListsProgress_withSearch() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 3)
        let staff = try await fixture.addStaff(business.id, count: 3)
        try await fixture.complete([staff[1]], businessID: business.id)
        let list = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)/employees", headers: business.manager).json)
        let employees = try #require(list["employees"] as? [[String: Any]])
        #expect(employees.count == 3)
        #expect(employees.first { $0["id"] as? String == staff[1] }?["status"] as? String == "completed")
        #expect(employees.first { $0["id"] as? String == staff[0] }?["status"] as? String == "not_started")
        let search = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)/employees?q=staff%202", headers: business.manager).json)
        #expect((search["employees"] as? [[String: Any]])?.count == 1)
        await fixture.app.application.shutdown()
    }

    @Test func personalData_isExported_andErasedWhileTheCompletionStays() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 1)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager,
                                                               body: #"{"name":"Zoë ’t Hart","email":"zoe@example.nl"}"#).json)
        let id = added["id"] as! String
        let joined = try await fixture.app.request("POST", "/api/v1/invites/\(String((added["inviteUrl"] as! String).split(separator: "/").last!))",
                                                   body: #"{"password":"\#(Seed.password)"}"#)
        let learner = ["Cookie": String(joined.headers["set-cookie"]!.split(separator: ";")[0]), "X-CSRF-Token": joined.json?["csrfToken"] as! String]
        _ = try await fixture.passCourse(as: learner)
        let export = try await fixture.app.request("GET", "/api/v1/me/export", headers: learner)
        #expect(export.status == 200)
        #expect(export.headers["content-disposition"]?.contains("attachment") == true)
        #expect((export.json?["account"] as? [String: Any])?["name"] as? String == "Zoë ’t Hart")
        #expect((export.json?["courseCompletions"] as? [[String: Any]])?.count == 1)
        #expect(((export.json?["attempts"] as? [[String: Any]])?.count ?? 0) >= 5)

        #expect(try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees/\(id)/erase", headers: business.manager).status == 204)
        let stored = try await fixture.app.application.database.read { db in
            try db.queryOne("SELECT name, email, username, password_hash FROM users WHERE id = ?", id) {
                [$0.string(0), $0.optionalString(1) ?? "-", $0.optionalString(2) ?? "-", $0.optionalString(3) ?? "-"]
            }
        }
        #expect(stored == ["Erased person", "-", "-", "-"])
        let completions = try await fixture.app.application.database.read { try $0.query("SELECT count(*) FROM course_completions WHERE user_id = ?", id) { $0.int(0) } }
        #expect(completions == [1])
        #expect(try await fixture.app.request("GET", "/api/v1/me", headers: learner).status == 401)
        await fixture.app.application.shutdown()
    }

    @Test func badRosterInput_getsClearErrors() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 1)
        let empty = try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager, body: #"{"name":"  "}"#)
        #expect(empty.status == 422)
        let badEmail = try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager,
                                                     body: #"{"name":"A","email":"not-an-email"}"#)
        #expect(badEmail.status == 422)
        #expect(badEmail.text.contains("invalid_email"))
        _ = try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager, body: #"{"name":"A","email":"a@x.nl"}"#)
        let duplicate = try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager,
                                                      body: #"{"name":"B","email":"A@x.nl"}"#)
        #expect(duplicate.status == 409)
        let badKvk = try await fixture.app.request("POST", "/api/v1/businesses", body: BusinessFixture.json([
            "name": "X", "sector": "hotel", "city": "Ede", "kvk": "1234", "headcount": 3,
            "manager": ["name": "M", "email": "m@x.nl", "password": Seed.password]]))
        #expect(badKvk.status == 422)
        #expect(badKvk.text.contains("invalid_kvk"))
        await fixture.app.application.shutdown()
    }
}

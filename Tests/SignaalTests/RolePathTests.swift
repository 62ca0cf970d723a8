import Foundation
import Learning
@testable import Signaal
import Testing

/// Every person has a job role, and their course is the core modules, their sector's module and their
/// role's module: from the add form, the CSV, the sign-up poster, or asked at sign-in when missing.
@Suite(.cleansUp)
struct RolePathTests {
    func courseModules(_ app: RunningApp, _ headers: [String: String]) async throws -> [String: Any] {
        try #require(try await app.request("GET", "/api/v1/course", headers: headers).json)
    }

    func ids(_ course: [String: Any]) -> [String] {
        (course["modules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    func join(_ fixture: BusinessFixture, _ added: [String: Any]) async throws -> [String: String] {
        try await fixture.join(try #require(added["inviteUrl"] as? String))
    }

    @Test func aHousekeepersCourseHoldsHousekeeping_aDriversHoldsDriver() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 3)
        let housekeeper = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                                                     body: #"{"name":"Ana","role":"housekeeping"}"#).json)
        let course = try await courseModules(fixture.app, try await join(fixture, housekeeper))
        #expect(ids(course).filter { $0.hasPrefix("role-") } == ["role-housekeeping"])
        #expect(ids(course).filter { $0.hasPrefix("core-") }.count == 5)
        #expect(ids(course).contains("sector-hotel"))
        #expect(course["role"] as? String == "housekeeping")
        #expect((30...40).contains(course["estimatedMinutes"] as? Int ?? 0))

        let taxi = try await fixture.register(name: "Taxi Centrale", sector: "taxi", headcount: 3)
        let driver = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(taxi.id)/employees", headers: taxi.manager,
                                                                body: #"{"name":"Daan","role":"driver"}"#).json)
        let driverHeaders = try await join(fixture, driver)
        #expect(ids(try await courseModules(fixture.app, driverHeaders)).filter { $0.hasPrefix("role-") } == ["role-driver"])
        // Another role's module is not theirs.
        #expect(try await fixture.app.request("GET", "/api/v1/modules/role-dispatcher", headers: driverHeaders).status == 404)
        // A job the sector's course has no module for is refused.
        let refused = try await fixture.app.request("POST", "/api/v1/businesses/\(taxi.id)/employees", headers: taxi.manager,
                                                    body: #"{"name":"Hans","role":"housekeeping"}"#)
        #expect(refused.status == 422)
        #expect(refused.text.contains("invalid_role"))
        await fixture.app.application.shutdown()
    }

    @Test func aPersonWithoutARole_isAskedForItFirst_onceOnly_andTheManagerCanChangeIt() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 3)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                                               body: #"{"name":"Bo"}"#).json)
        let learner = try await join(fixture, added)
        let before = try await courseModules(fixture.app, learner)
        #expect(before["roleRequired"] as? Bool == true)
        #expect(before["roles"] as? [String] == ["reception", "housekeeping", "maintenance", "bar", "security", "management"])
        #expect(!ids(before).contains { $0.hasPrefix("role-") })
        #expect(try await fixture.app.request("PUT", "/api/v1/me/role", headers: learner, body: #"{"role":"driver"}"#).status == 422)
        #expect(try await fixture.app.request("PUT", "/api/v1/me/role", headers: learner, body: #"{"role":"bar"}"#).status == 204)
        let after = try await courseModules(fixture.app, learner)
        #expect(after["roleRequired"] as? Bool == false)
        #expect(ids(after).filter { $0.hasPrefix("role-") } == ["role-bar"])
        // Changing it afterwards is the manager's: nobody swaps to an easier path alone.
        let again = try await fixture.app.request("PUT", "/api/v1/me/role", headers: learner, body: #"{"role":"reception"}"#)
        #expect(again.status == 409)
        #expect(again.text.contains("role_already_set"))
        let id = added["id"] as! String
        #expect(try await fixture.app.request("PUT", "/api/v1/businesses/\(hotel.id)/employees/\(id)/role", headers: hotel.manager,
                                              body: #"{"role":"reception"}"#).status == 204)
        #expect(ids(try await courseModules(fixture.app, learner)).filter { $0.hasPrefix("role-") } == ["role-reception"])
        let roster = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager).json)
        #expect((roster["employees"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["role"] as? String == "reception")
        let actions = (try await fixture.app.request("GET", "/api/v1/admin/audit", headers: fixture.admin).json?["entries"] as? [[String: Any]] ?? [])
            .compactMap { $0["action"] as? String }
        #expect(actions.filter { $0 == "employee.role_set" }.count == 2)
        await fixture.app.application.shutdown()
    }

    @Test func csvRoleColumn_setsEachPersonsRole_andRejectsUnknownJobs() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 5)
        let csv = "naam;e-mail;functie\nAna;;housekeeping\nBram;;Receptie\nCees;;\nDirk;;astronaut\n"
        let report = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees/import",
                                                                headers: hotel.manager.merging(["Content-Type": "text/csv"]) { $1 }, body: csv).json)
        #expect((report["added"] as? [[String: Any]])?.count == 3)
        let rejected = try #require(report["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1 && rejected[0]["code"] as? String == "invalid_role" && rejected[0]["line"] as? Int == 5)
        let roster = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager).json)
        let roles = Dictionary(uniqueKeysWithValues: (roster["employees"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0["role"] as? String) })
        #expect(roles["Ana"] == "housekeeping")
        #expect(roles["Bram"] == "reception")
        #expect(roles["Cees"] == .some(nil))
        let export = try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)/employees.csv", headers: hotel.manager)
        #expect(export.text.contains("role"))
        #expect(export.text.contains("Ana,,,housekeeping,"))
        await fixture.app.application.shutdown()
    }

    @Test func signUpFromThePoster_takesTheRole() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 1)
        _ = try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)/poster.pdf", headers: hotel.manager)
        let code = try #require(try await fixture.app.application.database.read { try $0.queryOne("SELECT code FROM signup_codes") { $0.string(0) } })
        #expect(try await fixture.app.request("POST", "/api/v1/signup/\(code)", body: #"{"name":"Eva","role":"driver"}"#).status == 422)
        let signedUp = try await fixture.app.request("POST", "/api/v1/signup/\(code)", body: #"{"name":"Eva","role":"maintenance"}"#)
        #expect(signedUp.status == 201)
        let headers = ["Cookie": String(signedUp.headers["set-cookie"]!.split(separator: ";")[0]), "X-CSRF-Token": signedUp.json?["csrfToken"] as! String]
        #expect(ids(try await courseModules(fixture.app, headers)).contains("role-maintenance"))
        await fixture.app.application.shutdown()
    }
}

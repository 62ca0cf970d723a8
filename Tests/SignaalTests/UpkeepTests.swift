import Foundation
@testable import Signaal
import Testing

/// The daily upkeep, with the injected clock moved across a year instead of waiting one.
@Suite(.cleansUp)
struct UpkeepTests {
    func standing(_ fixture: BusinessFixture, _ business: (id: String, manager: [String: String])) async throws -> [String: Any] {
        try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)", headers: business.manager).json)
    }

    func warningKinds(_ standing: [String: Any]) -> [String] {
        (standing["warnings"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
    }

    /// The businesses the admin list shows under "needs attention" (signing in again: the clock moves by months).
    func attention(_ fixture: BusinessFixture) async throws -> [String] {
        let admin = try await Seed.signIn(fixture.app, email: "admin@signaal.test")
        let answer = try await fixture.app.request("GET", "/api/v1/admin/businesses?attention=true", headers: admin)
        #expect(answer.status == 200)
        let page = answer.json
        return (page?["businesses"] as? [[String: Any]] ?? []).compactMap { ($0["business"] as? [String: Any])?["id"] as? String }
    }

    @Test func upkeep_warnsBeforeExpiry_renewsInTheWindow_andRecordsExpiriesOnce() async throws {
        let fixture = try await BusinessFixture.start()
        let upkeep = fixture.app.application.upkeep
        let hotel = try await fixture.register(headcount: 10)
        let staff = try await fixture.addStaff(hotel.id, count: 10)
        try await fixture.complete(Array(staff.prefix(6)), businessID: hotel.id)
        let park = try await fixture.register(name: "Park Zonnedauw", headcount: 1)
        let parkStaff = try await fixture.addStaff(park.id, count: 1)
        try await fixture.complete(parkStaff, businessID: park.id)
        var report = try await upkeep.run()
        #expect(report.certificatesIssued == 2 && report.warnings == 0)
        let first = try #require((try await standing(fixture, hotel)["certificate"] as? [String: Any])?["code"] as? String)
        // The park's only trained person leaves; nobody takes their place.
        #expect(try await fixture.app.request("DELETE", "/api/v1/businesses/\(park.id)/employees/\(parkStaff[0])", headers: park.manager).status == 204)

        // Turnover: two trained people leave, and the business is below 60 percent.
        for person in staff.prefix(2) {
            #expect(try await fixture.app.request("DELETE", "/api/v1/businesses/\(hotel.id)/employees/\(person)", headers: hotel.manager).status == 204)
        }
        report = try await upkeep.run()
        #expect(report.warnings == 2)
        #expect(warningKinds(try await standing(fixture, hotel)) == ["below_threshold"])
        #expect(Set(try await attention(fixture)) == [hotel.id, park.id])

        // 340 days on, the certificate expires within 30 days and two more people are needed.
        fixture.clock.advance(by: 340 * 86_400)
        let manager = try await Seed.signIn(fixture.app, email: try #require(try await managerEmail(fixture, hotel.id)))
        _ = try await upkeep.run()
        let soon = try await standing(fixture, (hotel.id, manager))
        let warning = try #require((soon["warnings"] as? [[String: Any]])?.first)
        #expect(warning["kind"] as? String == "certificate_expiring" && warning["needed"] as? Int == 2 && warning["expiresAt"] != nil)

        // Two more complete the course: the next run renews at once, and the warning is gone.
        try await fixture.complete(Array(staff.suffix(2)), businessID: hotel.id)
        report = try await upkeep.run()
        #expect(report.certificatesIssued == 1 && report.warnings == 1, "the park's warning stays")
        let renewed = try await standing(fixture, (hotel.id, manager))
        #expect((renewed["certificate"] as? [String: Any])?["code"] as? String != first)
        #expect(warningKinds(renewed).isEmpty)
        #expect(try await attention(fixture) == [park.id], "the park still needs someone trained")

        // The park's certificate runs out: recorded once, however often upkeep runs.
        fixture.clock.advance(by: 60 * 86_400)
        report = try await upkeep.run()
        #expect(report.certificatesExpired >= 1)
        _ = try await upkeep.run()
        let recorded = try await fixture.app.application.database.read { db in
            try db.queryOne("SELECT count(*) FROM audit_log WHERE action = 'certificate.expired' AND subject = ?", park.id) { $0.int(0) }
        }
        #expect(recorded == 1)
        await fixture.app.application.shutdown()
    }

    @Test func twoRunsNeverOverlap_aHeldLeaseSkips_andARunThatDiedLetsGoAfterAnHour() async throws {
        let fixture = try await BusinessFixture.start()
        let upkeep = fixture.app.application.upkeep
        _ = try await upkeep.run()
        let now = fixture.clock.now
        try await fixture.app.application.database.write { db in
            _ = try db.run("UPDATE task_runs SET holder = 'cron', lease_until = ? WHERE name = 'upkeep'", now.addingTimeInterval(600))
        }
        #expect(try await upkeep.run().skipped)
        fixture.clock.advance(by: 3_700)
        #expect(try await !upkeep.run().skipped, "the lease of a run that died runs out")
        #expect(try await upkeep.lastFinished() == fixture.clock.now)
        await fixture.app.application.shutdown()
    }

    func managerEmail(_ fixture: BusinessFixture, _ businessID: String) async throws -> String? {
        try await fixture.app.application.database.read { db in
            try db.queryOne("SELECT email FROM users WHERE business_id = ? AND role = 'manager'", businessID) { $0.string(0) }
        }
    }
}

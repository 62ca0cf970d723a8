import Foundation
@testable import Signaal
import Testing

/// Reminders: who should act now, with the link they already have (a reminder never replaces it), when
/// they were last reminded, and printable slips.
@Suite(.cleansUp)
struct ReminderTests {
    func add(_ fixture: BusinessFixture, _ hotel: (id: String, manager: [String: String]), _ name: String, language: String? = nil) async throws -> (id: String, link: String) {
        var body: [String: Any] = ["name": name, "role": "reception"]
        if let language { body["language"] = language }
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                                               body: BusinessFixture.json(body)).json)
        return (try #require(added["id"] as? String), try #require(added["inviteUrl"] as? String))
    }

    @Test func theListHoldsWhoShouldActNow_withTheirOwnLink_andRemembersReminders() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 5)
        let other = try await fixture.register(name: "Hotel Elders", headcount: 1)
        let ana = try await add(fixture, hotel, "Ana Silva", language: "pt")
        let bram = try await add(fixture, hotel, "Bram de Vries")
        let chloe = try await add(fixture, hotel, "Chloé Martin", language: "uk")
        let done = try await add(fixture, hotel, "Dewi Santoso")
        // Chloé finished 23 months ago (expires within 60 days); Dewi last week.
        try await fixture.complete([chloe.id], businessID: hotel.id, at: fixture.clock.now.addingTimeInterval(-700 * 86_400))
        try await fixture.complete([done.id], businessID: hotel.id, at: fixture.clock.now.addingTimeInterval(-7 * 86_400))
        // Bram started: he joined and read a lesson.
        let bramSession = try await fixture.join(bram.link)
        let module = try #require(fixture.app.application.catalog.modules["core-signals"])
        #expect(try await fixture.app.request("POST", "/api/v1/modules/core-signals/lessons/\(module.lessonIDs[0])/seen", headers: bramSession).status == 204)
        let legacy = try #require(try await fixture.addStaff(hotel.id, count: 1).first)

        let base = "/api/v1/businesses/\(hotel.id)/reminders"
        let list = try #require(try await fixture.app.request("GET", base, headers: hotel.manager).json)
        let people = Dictionary(uniqueKeysWithValues: (list["people"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0) })
        #expect(Set(people.keys) == [ana.id, bram.id, chloe.id, legacy])
        #expect(people[ana.id]?["reason"] as? String == "not_started" && people[ana.id]?["language"] as? String == "pt")
        #expect(people[bram.id]?["reason"] as? String == "in_progress")
        #expect(people[chloe.id]?["reason"] as? String == "expiring" && people[chloe.id]?["expiresAt"] != nil)
        // The link they already have, which still works; a link from before links could be shown again is missing.
        #expect(people[ana.id]?["inviteUrl"] as? String == ana.link)
        #expect(people[legacy]?["inviteUrl"] == nil)
        #expect(list["remindedThisMonth"] as? Int == 0)

        #expect(try await fixture.app.request("POST", base, headers: hotel.manager, body: #"{"ids":["\#(ana.id)","usr_nobody"]}"#).status == 404)
        let recorded = try await fixture.app.request("POST", base, headers: hotel.manager, body: #"{"ids":["\#(ana.id)"]}"#)
        #expect(recorded.status == 200 && recorded.json?["recorded"] as? Int == 1)
        let after = try #require(try await fixture.app.request("GET", base, headers: hotel.manager).json)
        #expect(after["remindedThisMonth"] as? Int == 1)
        #expect(((after["people"] as? [[String: Any]])?.first { $0["id"] as? String == ana.id })?["lastRemindedAt"] != nil)
        #expect(try await fixture.app.request("POST", "/api/v1/invites/\(ana.link.split(separator: "/").last!)", body: "{}").status == 200,
                "a reminder never replaces the link")

        // A new link replaces the old one, and the list shows the new one.
        let renewed = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees/\(chloe.id)/invite",
                                                                 headers: hotel.manager).json?["inviteUrl"] as? String)
        let again = try await fixture.app.request("GET", base, headers: hotel.manager).json?["people"] as? [[String: Any]] ?? []
        #expect(again.first { $0["id"] as? String == chloe.id }?["inviteUrl"] as? String == renewed && renewed != chloe.link)
        #expect(try await fixture.app.request("POST", "/api/v1/invites/\(chloe.link.split(separator: "/").last!)", body: "{}").status == 404)

        // Slips: every person with a link, 8 to a page; printing records them.
        let slips = try await fixture.app.request("GET", "\(base)/slips.pdf", headers: hotel.manager)
        #expect(slips.status == 200 && slips.headers["content-type"] == "application/pdf")
        try await DocumentTests.check(slips.body, contains: ["Ana Silva", "Chloé Martin", "Scan"], qrDecodesTo: nil)
        #expect(try await fixture.app.request("GET", base, headers: hotel.manager).json?["remindedThisMonth"] as? Int == 4)

        #expect(try await fixture.app.request("GET", base, headers: other.manager).status == 404)
        #expect(try await fixture.app.request("GET", base, headers: bramSession).status == 403)
        await fixture.app.application.shutdown()
    }
}

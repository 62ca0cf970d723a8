import Foundation
@testable import Signaal
import Testing

/// The declared headcount is part of what an admin approves: a lowered figure waits for an admin, so the
/// 60 percent cannot be bought by shrinking the business on paper.
@Suite(.cleansUp)
struct HeadcountTests {
    func patch(_ fixture: BusinessFixture, _ id: String, as headers: [String: String], headcount: Int) async throws -> HTTPClient.Response {
        try await fixture.app.request("PATCH", "/api/v1/businesses/\(id)", headers: headers, body: #"{"headcount": \#(headcount)}"#)
    }

    func decide(_ fixture: BusinessFixture, _ id: String, _ decision: String) async throws -> HTTPClient.Response {
        try await fixture.app.request("POST", "/api/v1/admin/businesses/\(id)/headcount-change", headers: fixture.admin,
                                      body: #"{"decision": "\#(decision)"}"#)
    }

    @Test func headcountIsAtLeastOne() async throws {
        let fixture = try await BusinessFixture.start()
        let refused = try await fixture.app.request("POST", "/api/v1/businesses", body: BusinessFixture.json([
            "name": "Leeg Hotel", "sector": "hotel", "city": "Utrecht", "kvk": "12345678", "headcount": 0,
            "manager": ["name": "Mo", "email": "mo@example.nl", "password": Seed.password],
        ]))
        #expect(refused.status == 422)
        #expect(refused.text.contains("invalid_headcount"))
        let business = try await fixture.register(headcount: 3)
        #expect(try await patch(fixture, business.id, as: business.manager, headcount: 0).status == 422)
        // Not even the database takes it.
        await #expect(throws: (any Error).self) {
            try await fixture.app.application.database.write { try $0.run("UPDATE businesses SET declared_headcount = 0 WHERE id = ?", business.id) }
        }
        await fixture.app.application.shutdown()
    }

    @Test func loweringAfterApproval_waitsForAnAdmin_andTheRuleKeepsTheApprovedFigure() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 10)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 5), businessID: business.id)

        let lowered = try await patch(fixture, business.id, as: business.manager, headcount: 5)
        #expect(lowered.status == 200)
        let view = try #require(lowered.json)
        let shown = try #require(view["business"] as? [String: Any])
        #expect(shown["declaredHeadcount"] as? Int == 10)
        #expect((shown["pendingHeadcount"] as? [String: Any])?["headcount"] as? Int == 5)
        #expect((view["progress"] as? [String: Any])?["denominator"] as? Int == 10)
        #expect((view["progress"] as? [String: Any])?["eligible"] as? Bool == false)
        #expect(view["certificate"] == nil || view["certificate"] is NSNull)

        let pendingList = try #require(try await fixture.app.request("GET", "/api/v1/admin/businesses?headcount=pending", headers: fixture.admin).json)
        #expect((pendingList["businesses"] as? [[String: Any]])?.map { ($0["business"] as? [String: Any])?["id"] as? String } == [business.id])
        #expect(try await fixture.app.request("GET", "/api/v1/admin/businesses?headcount=soon", headers: fixture.admin).status == 400)
        // Only admins decide.
        #expect(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/headcount-change", headers: business.manager,
                                              body: #"{"decision": "confirm"}"#).status == 403)
        #expect(try await decide(fixture, business.id, "maybe").status == 422)

        let confirmed = try await decide(fixture, business.id, "confirm")
        #expect(confirmed.status == 200)
        #expect((confirmed.json?["business"] as? [String: Any])?["declaredHeadcount"] as? Int == 5)
        #expect((confirmed.json?["business"] as? [String: Any])?["pendingHeadcount"] == nil)
        #expect((confirmed.json?["certificate"] as? [String: Any])?["state"] as? String == "valid")
        #expect(try await decide(fixture, business.id, "confirm").status == 409)

        let audit = try #require(try await fixture.app.request("GET", "/api/v1/admin/audit", headers: fixture.admin).json?["entries"] as? [[String: Any]])
        let actions = audit.compactMap { $0["action"] as? String }
        #expect(actions.contains("business.headcount_change_requested"))
        #expect(actions.contains("business.headcount_change_confirmed"))
        await fixture.app.application.shutdown()
    }

    @Test func raisingCountsAtOnce_andWithdrawsAPendingLowering_rejectionKeepsTheFigure() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 10)
        _ = try await patch(fixture, business.id, as: business.manager, headcount: 4)
        let rejected = try await decide(fixture, business.id, "reject")
        #expect((rejected.json?["business"] as? [String: Any])?["declaredHeadcount"] as? Int == 10)
        #expect((rejected.json?["business"] as? [String: Any])?["pendingHeadcount"] == nil)

        _ = try await patch(fixture, business.id, as: business.manager, headcount: 4)
        let raised = try await patch(fixture, business.id, as: business.manager, headcount: 12)
        #expect((raised.json?["business"] as? [String: Any])?["declaredHeadcount"] as? Int == 12)
        #expect((raised.json?["business"] as? [String: Any])?["pendingHeadcount"] == nil)
        #expect((raised.json?["progress"] as? [String: Any])?["denominator"] as? Int == 12)

        // Before approval the figure is part of what the admin will approve, so it changes at once.
        let pending = try await fixture.register(name: "Nog niet goedgekeurd", headcount: 10, approve: false)
        let before = try await patch(fixture, pending.id, as: pending.manager, headcount: 6)
        #expect((before.json?["business"] as? [String: Any])?["declaredHeadcount"] as? Int == 6)
        // An admin's own change is the decision itself.
        let byAdmin = try await patch(fixture, business.id, as: fixture.admin, headcount: 8)
        #expect((byAdmin.json?["business"] as? [String: Any])?["declaredHeadcount"] as? Int == 8)
        let actions = (try await fixture.app.request("GET", "/api/v1/admin/audit", headers: fixture.admin).json?["entries"] as? [[String: Any]] ?? [])
            .compactMap { $0["action"] as? String }
        #expect(actions.contains("business.headcount_change_rejected"))
        #expect(actions.contains("business.headcount_change_withdrawn"))
        await fixture.app.application.shutdown()
    }

    @Test func approval_coversTheHeadcountTheAdminSaw() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 50, approve: false)
        _ = try await patch(fixture, business.id, as: business.manager, headcount: 2)
        let stale = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/approve", headers: fixture.admin,
                                                  body: #"{"headcount": 50}"#)
        #expect(stale.status == 409)
        #expect(stale.text.contains("headcount_changed"))
        let approved = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/approve", headers: fixture.admin,
                                                     body: #"{"headcount": 2}"#)
        #expect((approved.json?["business"] as? [String: Any])?["status"] as? String == "approved")
        await fixture.app.application.shutdown()
    }

    @Test func withApprovalSwitchedOff_aLoweredHeadcountIsStillHeldForAnAdmin() async throws {
        let fixture = try await BusinessFixture.start { $0.requireApproval = false }
        let business = try await fixture.register(headcount: 10, approve: false)
        let lowered = try await patch(fixture, business.id, as: business.manager, headcount: 5)
        #expect((lowered.json?["business"] as? [String: Any])?["declaredHeadcount"] as? Int == 10)
        #expect(((lowered.json?["business"] as? [String: Any])?["pendingHeadcount"] as? [String: Any])?["headcount"] as? Int == 5)
        await fixture.app.application.shutdown()
    }
}

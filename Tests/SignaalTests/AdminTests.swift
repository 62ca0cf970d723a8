import Foundation
@testable import Signaal
import Testing

/// Registration, the business page, the admin's filtered list and national figures.
@Suite(.cleansUp)
struct AdminTests {
    @Test func registration_isPendingUntilApproved_andSignsTheManagerIn() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 4, approve: false)
        let view = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)", headers: business.manager).json)
        #expect((view["business"] as? [String: Any])?["status"] as? String == "pending")
        #expect((view["progress"] as? [String: Any])?["denominator"] as? Int == 4)
        let patched = try await fixture.app.request("PATCH", "/api/v1/businesses/\(business.id)", headers: business.manager,
                                                    body: #"{"headcount": 6, "city": "Den Haag"}"#)
        #expect(patched.status == 200)
        #expect((patched.json?["business"] as? [String: Any])?["city"] as? String == "Den Haag")
        #expect((patched.json?["progress"] as? [String: Any])?["denominator"] as? Int == 6)
        let badPatch = try await fixture.app.request("PATCH", "/api/v1/businesses/\(business.id)", headers: business.manager, body: #"{"headcount": -1}"#)
        #expect(badPatch.status == 422)
        let approved = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/approve", headers: fixture.admin)
        #expect((approved.json?["business"] as? [String: Any])?["status"] as? String == "approved")
        await fixture.app.application.shutdown()
    }

    @Test func approvalCanBeSwitchedOff() async throws {
        let fixture = try await BusinessFixture.start { $0.requireApproval = false }
        let business = try await fixture.register(headcount: 1, approve: false)
        let view = try #require(try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)", headers: business.manager).json)
        #expect((view["business"] as? [String: Any])?["status"] as? String == "approved")
        await fixture.app.application.shutdown()
    }

    @Test func adminList_filtersAndPages_andFiguresAddUp() async throws {
        let fixture = try await BusinessFixture.start()
        let eligible = try await fixture.register(name: "Alpha Hotel", headcount: 2)
        try await fixture.complete(try await fixture.addStaff(eligible.id, count: 2), businessID: eligible.id)
        _ = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(eligible.id)/certificates", headers: fixture.admin)
        _ = try await fixture.register(name: "Beta Camping", sector: "holiday_park", headcount: 3)
        _ = try await fixture.register(name: "Gamma Taxi", sector: "taxi", headcount: 3, approve: false)

        func list(_ query: String) async throws -> [String: Any] {
            try #require(try await fixture.app.request("GET", "/api/v1/admin/businesses\(query)", headers: fixture.admin).json)
        }
        func names(_ page: [String: Any]) -> [String] {
            (page["businesses"] as? [[String: Any]] ?? []).compactMap { ($0["business"] as? [String: Any])?["name"] as? String }
        }
        #expect(names(try await list("")) == ["Alpha Hotel", "Beta Camping", "Gamma Taxi"])
        #expect(names(try await list("?eligible=true")) == ["Alpha Hotel"])
        #expect(names(try await list("?status=pending")) == ["Gamma Taxi"])
        #expect(names(try await list("?sector=holiday_park")) == ["Beta Camping"])
        #expect(names(try await list("?certificate=valid")) == ["Alpha Hotel"])
        let certified = try #require((try await list("?certificate=valid")["businesses"] as? [[String: Any]])?.first)
        let code = try #require(certified["certificateCode"] as? String, "the live certificate's code, for revoking it")
        #expect(try await fixture.app.request("GET", "/api/v1/certificates/\(code)").json?["status"] as? String == "valid")
        #expect((try await list("?certificate=none")["businesses"] as? [[String: Any]])?.allSatisfy { $0["certificateCode"] == nil } == true)
        #expect(names(try await list("?certificate=none&limit=1&offset=1")) == ["Gamma Taxi"])
        #expect(try await list("?limit=1")["total"] as? Int == 3)
        #expect(try await fixture.app.request("GET", "/api/v1/admin/businesses?sector=spaceport", headers: fixture.admin).status == 422)

        let stats = try #require(try await fixture.app.request("GET", "/api/v1/admin/stats", headers: fixture.admin).json)
        let sectors = try #require(stats["sectors"] as? [[String: Any]])
        let hotel = try #require(sectors.first { $0["sector"] as? String == "hotel" })
        #expect(hotel["businesses"] as? Int == 1)
        #expect(hotel["certifiedBusinesses"] as? Int == 1)
        #expect(hotel["staffTrained"] as? Int == 2)
        #expect(stats["staffTrained"] as? Int == 2)
        #expect((stats["completionsPerMonth"] as? [[String: Any]])?.first?["completions"] as? Int == 2)
        await fixture.app.application.shutdown()
    }
}

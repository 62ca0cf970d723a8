import Foundation
@testable import Signaal
import Testing

/// The 60 percent rule at its boundaries, over `GET /api/v1/businesses/{id}/progress`.
@Suite(.cleansUp)
struct CertificationRuleTests {
    @Test(arguments: [
        (1, 0, 0, false, 1),  // the headcount is at least 1: at least one person must train
        (5, 5, 3, true, 0),
        (9, 9, 5, false, 1),
        (10, 10, 6, true, 0),
        (100, 100, 59, false, 1),
        (100, 100, 60, true, 0),
        (10, 5, 5, false, 1),
    ])
    func rule(declared: Int, roster: Int, completed: Int, eligible: Bool, needed: Int) async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: declared)
        let staff = try await fixture.addStaff(business.id, count: roster)
        try await fixture.complete(Array(staff.prefix(completed)), businessID: business.id)
        let progress = try await fixture.progress(business.id, as: business.manager)
        #expect(progress["denominator"] as? Int == max(declared, roster))
        #expect(progress["declaredHeadcount"] as? Int == declared)
        #expect(progress["activeEmployees"] as? Int == roster)
        #expect(progress["completed"] as? Int == completed)
        #expect(progress["threshold"] as? Int == 60)
        #expect(progress["eligible"] as? Bool == eligible, "\(completed) of \(max(declared, roster))")
        #expect(progress["needed"] as? Int == needed)
        await fixture.app.application.shutdown()
    }

    @Test func deactivatedStaffsCompletion_doesNotCount() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 5)
        let staff = try await fixture.addStaff(business.id, count: 5)
        try await fixture.complete(Array(staff.prefix(3)), businessID: business.id)
        #expect(try await fixture.progress(business.id, as: business.manager)["eligible"] as? Bool == true)
        let removed = try await fixture.app.request("DELETE", "/api/v1/businesses/\(business.id)/employees/\(staff[0])", headers: business.manager)
        #expect(removed.status == 204)
        let after = try await fixture.progress(business.id, as: business.manager)
        #expect(after["completed"] as? Int == 2)
        #expect(after["activeEmployees"] as? Int == 4)
        #expect(after["denominator"] as? Int == 5)  // the declared headcount still holds
        #expect(after["eligible"] as? Bool == false)
        await fixture.app.application.shutdown()
    }

    @Test func expiredCompletion_doesNotCount() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 5)
        let staff = try await fixture.addStaff(business.id, count: 5)
        try await fixture.complete(Array(staff.prefix(2)), businessID: business.id)
        try await fixture.complete([staff[2]], businessID: business.id, at: fixture.clock.now.addingTimeInterval(-25 * 31 * 86_400))
        let progress = try await fixture.progress(business.id, as: business.manager)
        #expect(progress["completed"] as? Int == 2)
        #expect(progress["eligible"] as? Bool == false)
        await fixture.app.application.shutdown()
    }

    @Test func completionOfAVersionThatRequiresRetraining_doesNotCount() async throws {
        let modules = try ModulesCheckCommandTests.brokenCopy { folder in
            try ModulesCheckCommandTests.replace(folder + "/courses.txt", "course: hotel\nversion: 2", with: "course: hotel\nversion: 3\nretrain-from: 3")
        }
        let fixture = try await BusinessFixture.start { $0.modulesFolder = modules }
        let business = try await fixture.register(headcount: 5)
        let staff = try await fixture.addStaff(business.id, count: 5)
        try await fixture.complete(Array(staff.prefix(2)), businessID: business.id, version: 3)
        try await fixture.complete([staff[2]], businessID: business.id, version: 2)
        let progress = try await fixture.progress(business.id, as: business.manager)
        #expect(progress["completed"] as? Int == 2)
        #expect(progress["eligible"] as? Bool == false)
        await fixture.app.application.shutdown()
    }
}

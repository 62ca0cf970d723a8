import Foundation
@testable import Signaal
import Testing

/// The roster as a manager of a large business meets it: searched and paged on the server, leavers
/// found again, and the same name never silently twice.
@Suite(.cleansUp)
struct RosterPagingTests {
    func add(_ fixture: BusinessFixture, _ business: (id: String, manager: [String: String]), _ body: [String: Any]) async throws -> HTTPClient.Response {
        try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees", headers: business.manager, body: BusinessFixture.json(body))
    }

    @Test func theSameNameTwice_isAWarningAndAChoice_oneByOneAndInTheCSV() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 10)
        let first = try await add(fixture, hotel, ["name": "Ana Silva"])
        #expect(first.status == 201)
        let again = try await add(fixture, hotel, ["name": "ana silva"])
        #expect(again.status == 409)
        let error = try #require(again.json?["error"] as? [String: Any])
        #expect(error["code"] as? String == "possible_duplicate")
        #expect(error["existingId"] as? String == first.json?["id"] as? String)
        // With an email address on one side only, it may still be the same person.
        #expect(try await add(fixture, hotel, ["name": "Ana Silva", "email": "ana.silva@hotel.test"]).status == 409)
        // Another Ana Silva, on purpose.
        #expect(try await add(fixture, hotel, ["name": "Ana Silva", "allowDuplicate": true]).status == 201)
        // Two different email addresses tell two people of one name apart.
        #expect(try await add(fixture, hotel, ["name": "Bram Smit", "email": "bram@hotel.test"]).status == 201)
        #expect(try await add(fixture, hotel, ["name": "Bram Smit", "email": "bram.smit@hotel.test"]).status == 201)

        let file = "name,email,role\r\nChloé Martin,,\r\nchloé martin,,\r\nANA SILVA,,bar\r\n"
        let report = try await CSVTests.importCSV(fixture, hotel, file)
        #expect(report.status == 201)
        #expect((report.json?["added"] as? [[String: Any]])?.map { $0["line"] as? Int } == [2])
        let rejected = try #require(report.json?["rejected"] as? [[String: Any]])
        #expect(rejected.map { $0["code"] as? String } == ["possible_duplicate", "possible_duplicate"])
        let person = try #require(rejected.last?["person"] as? [String: Any])
        #expect(person["name"] as? String == "ANA SILVA" && person["role"] as? String == "bar")
        let onPurpose = try await CSVTests.importCSV(fixture, hotel, "name\r\nChloé Martin\r\n", contentType: "text/csv")
        #expect(onPurpose.status == 200, "still a warning without the choice")
        let chosen = try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees/import?duplicates=add",
                                                   headers: hotel.manager.merging(["Content-Type": "text/csv"]) { $1 }, body: "name\r\nChloé Martin\r\n")
        #expect(chosen.status == 201)
        #expect(try await CSVTests.rosterCount(fixture, hotel.id) == 6)
        await fixture.app.application.shutdown()
    }

    @Test func theRoster_isSearchedAndPagedOnTheServer_andFindsLeavers() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 130)
        let ids = try await fixture.addStaff(hotel.id, count: 120)
        try await fixture.complete(Array(ids.prefix(30)), businessID: hotel.id)
        let base = "/api/v1/businesses/\(hotel.id)/employees"
        #expect(try await fixture.app.request("DELETE", "\(base)/\(ids[0])", headers: hotel.manager).status == 204)
        #expect(try await fixture.app.request("DELETE", "\(base)/\(ids[50])", headers: hotel.manager).status == 204)
        func page(_ query: String) async throws -> (names: [String], total: Int) {
            let answer = try #require(try await fixture.app.request("GET", "\(base)?\(query)", headers: hotel.manager).json)
            return ((answer["employees"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }, answer["total"] as? Int ?? -1)
        }
        let first = try await page("limit=50")
        #expect(first.names.count == 50 && first.total == 120)
        let last = try await page("limit=50&offset=100")
        #expect(last.names.count == 20 && Set(first.names).isDisjoint(with: last.names))
        #expect(try await page("").names.count == 100, "a hundred by default")
        let leavers = try await page("status=inactive")
        #expect(leavers.total == 2)
        let completed = try await page("status=completed&limit=500")
        #expect(completed.total == 29, "the trained leaver does not count as completed")
        let notStarted = try await page("status=not_started&limit=500")
        #expect(notStarted.total == 89)
        let one = try #require(first.names.first)
        let searched = try await page("q=\(one.uppercased().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        #expect(searched.names.contains(one))
        #expect(try await fixture.app.request("GET", "\(base)?limit=0", headers: hotel.manager).json?["limit"] as? Int == 1)
        await fixture.app.application.shutdown()
    }
}

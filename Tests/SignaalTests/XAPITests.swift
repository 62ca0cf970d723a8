import Foundation
@testable import Signaal
import Testing

/// Learning records out as xAPI 1.0.3 statements, checked against the properties the specification
/// requires of a stored statement (id, actor, verb, object, timestamp, stored, authority).
@Suite(.cleansUp)
struct XAPITests {
    @Test func everyPassAndTheCompletion_areStatements_pagedWithMore_forAdminsAndTokens() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 1)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                                               body: #"{"name":"Ana Kowalska","email":"ana@hotel.test","role":"reception"}"#).json)
        let ana = try await fixture.join(try #require(added["inviteUrl"] as? String))
        let anaID = try #require(added["id"] as? String)
        _ = try await fixture.passCourse(as: ana)

        // Page through everything, three at a time, following `more`.
        var statements: [[String: Any]] = []
        var next = "/api/v1/xapi/statements?limit=3"
        var pages = 0
        while !next.isEmpty, pages < 20 {
            let page = try await fixture.app.request("GET", next, headers: fixture.admin)
            #expect(page.status == 200)
            #expect(page.headers["x-experience-api-version"] == "1.0.3")
            statements += page.json?["statements"] as? [[String: Any]] ?? []
            next = page.json?["more"] as? String ?? ""
            pages += 1
        }
        let passes = statements.filter { ($0["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/passed" }
        let completions = statements.filter { ($0["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/completed" }
        let path = fixture.app.application.catalog.path(for: .hotel, role: .reception)
        #expect(passes.count == path.count && completions.count == 1 && pages > 1)
        #expect(Set(statements.compactMap { $0["id"] as? String }).count == statements.count, "ids are unique")
        let stored = statements.compactMap { $0["stored"] as? String }
        #expect(stored == stored.sorted(), "oldest first")

        let uuid = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        for statement in statements {
            for property in ["id", "actor", "verb", "object", "timestamp", "stored", "authority"] {
                #expect(statement[property] != nil, "required property \(property)")
            }
            #expect((statement["id"] as? String)?.wholeMatch(of: uuid) != nil)
            let actor = try #require(statement["actor"] as? [String: Any])
            #expect(actor["objectType"] as? String == "Agent" && actor["name"] == nil && actor["mbox"] == nil, "never a name or an email address")
            #expect((actor["account"] as? [String: Any])?["name"] as? String == anaID)
            #expect(!String(describing: statement).contains("Ana") && !String(describing: statement).contains("ana@hotel.test"))
            let object = try #require(statement["object"] as? [String: Any])
            let names = try #require((object["definition"] as? [String: Any])?["name"] as? [String: String])
            #expect(names["nl-NL"] != nil && names["en-US"] != nil)
            let context = try #require(statement["context"] as? [String: Any])
            #expect((context["team"] as? [String: Any])?["objectType"] as? String == "Group")
            #expect(((context["team"] as? [String: Any])?["account"] as? [String: Any])?["name"] as? String == hotel.id)
            #expect(context["revision"] as? String != nil)
            #expect(statement["version"] as? String == "1.0.3")
        }
        for pass in passes {
            let scaled = try #require(((pass["result"] as? [String: Any])?["score"] as? [String: Any])?["scaled"] as? Double)
            #expect(scaled >= 0.8 && scaled <= 1, "a pass meets the pass mark")
        }

        // Later than everything: nothing; a bad `since` is a 400; the same page twice is the same statements.
        #expect((try await fixture.app.request("GET", "/api/v1/xapi/statements?since=2099-01-01T00:00:00Z", headers: fixture.admin)
            .json?["statements"] as? [Any])?.isEmpty == true)
        #expect(try await fixture.app.request("GET", "/api/v1/xapi/statements?since=yesterday", headers: fixture.admin).status == 400)
        let again = try await fixture.app.request("GET", "/api/v1/xapi/statements?limit=500", headers: fixture.admin).json?["statements"] as? [[String: Any]]
        #expect(again?.compactMap { $0["id"] as? String } == statements.compactMap { $0["id"] as? String })

        // Integrations use a bearer token; staff and managers get 403.
        let created = try await fixture.app.request("POST", "/api/v1/admin/tokens", headers: fixture.admin, body: #"{"name":"hotel chain LMS"}"#)
        let bearer = ["Authorization": "Bearer \(try #require(created.json?["token"] as? String))"]
        #expect(try await fixture.app.request("GET", "/api/v1/xapi/statements", headers: bearer).status == 200)
        #expect(try await fixture.app.request("GET", "/api/v1/xapi/statements", headers: ana).status == 403)
        #expect(try await fixture.app.request("GET", "/api/v1/xapi/statements", headers: hotel.manager).status == 403)
        await fixture.app.application.shutdown()
    }
}

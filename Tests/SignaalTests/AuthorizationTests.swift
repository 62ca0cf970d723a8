import Foundation
@testable import Signaal
import Testing

/// Every API route, called by every role, against another business's data.
@Suite(.cleansUp)
struct AuthorizationTests {
    @Test func everyRoute_byEveryRole_getsTheRightRefusal_andNeverA500() async throws {
        let fixture = try await BusinessFixture.start()
        let mine = try await fixture.register(name: "Hotel A", headcount: 1)
        let theirs = try await fixture.register(name: "Hotel B", headcount: 1)
        let theirStaff = try await fixture.addStaff(theirs.id, count: 1)
        try await fixture.complete(theirStaff, businessID: theirs.id)
        let certificate = try #require(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(theirs.id)/certificates",
                                                                     headers: fixture.admin).json?["code"] as? String)
        let myStaff = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(mine.id)/employees", headers: mine.manager,
                                                                 body: #"{"name":"Eva"}"#).json)
        let joined = try await fixture.app.request("POST", "/api/v1/invites/\(String((myStaff["inviteUrl"] as! String).split(separator: "/").last!))", body: "{}")
        let employee = ["Cookie": String(joined.headers["set-cookie"]!.split(separator: ";")[0]), "X-CSRF-Token": joined.json?["csrfToken"] as! String]

        let roles: [(Role?, [String: String])] = [(nil, [:]), (.employee, employee), (.manager, mine.manager), (.admin, fixture.admin)]
        let table = fixture.app.application.documentation.mapValues(\.access).filter { $0.key != "DELETE /api/v1/session" }
        #expect(table.count >= 25)
        for (route, access) in table.sorted(by: { $0.key < $1.key }) {
            let parts = route.split(separator: " ", maxSplits: 1)
            let path = String(parts[1])
                .replacingOccurrences(of: "{id}", with: route.contains("/tokens/") ? "tok_none" : route.contains("/attempts/") ? "att_none" : theirs.id)
                .replacingOccurrences(of: "{employeeId}", with: theirStaff[0])
                .replacingOccurrences(of: "{code}", with: certificate)
                .replacingOccurrences(of: "{token}", with: String(repeating: "A", count: 43))
                .replacingOccurrences(of: "{lessonId}", with: "spot-the-pattern")
                .replacingOccurrences(of: "{name}", with: "none.png")
            for (role, headers) in roles {
                let response = try await fixture.app.request(String(parts[0]), path, headers: headers, body: "{}")
                #expect(response.status != 500, "\(route) as \(role?.rawValue ?? "anonymous"): \(response.text)")
                #expect(response.json?["error"] != nil || response.status < 400, "\(route): error without JSON body")
                switch (access, role) {
                case (.anyone, _):
                    break
                case (_, nil):
                    #expect(response.status == 401, "\(route) anonymous got \(response.status)")
                case (.roles(let allowed), let role?) where !allowed.contains(role):
                    #expect(response.status == 403, "\(route) as \(role) got \(response.status)")
                case (.roles, .manager?) where route.contains("/businesses/{id}"):
                    #expect(response.status == 404, "\(route): a manager of A must not see B (\(response.status))")
                case (.roles, _), (.signedIn, _):
                    #expect(response.status != 401 && response.status != 403, "\(route) as \(role?.rawValue ?? "-") got \(response.status)")
                }
            }
        }
        await fixture.app.application.shutdown()
    }
}

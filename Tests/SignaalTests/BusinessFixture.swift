import Foundation
import Learning
@testable import Signaal
import Storage
import Testing

/// A running app with an admin, and helpers to register businesses, add staff and record completions.
struct BusinessFixture {
    let app: RunningApp
    let clock: TestClock
    let admin: [String: String]

    static func start(configure: (inout SignaalConfiguration) -> Void = { _ in }) async throws -> BusinessFixture {
        let clock = TestClock()
        let app = try RunningApp.start { configuration in
            configuration.now = { clock.now }
            configure(&configuration)
        }
        try await Operations.createAdmin(dataFolder: app.application.configuration.dataFolder, name: "Ada Admin",
                                         email: "admin@signaal.test", password: Seed.password)
        return BusinessFixture(app: app, clock: clock, admin: try await Seed.signIn(app, email: "admin@signaal.test"))
    }

    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    /// Registers a business through the API; returns its id and the manager's headers.
    func register(name: String = "Hotel De Gouden Leeuw", sector: String = "hotel", city: String = "Utrecht", headcount: Int, approve: Bool = true) async throws -> (id: String, manager: [String: String]) {
        let email = "manager.\(UUID().uuidString.prefix(8))@signaal.test"
        let response = try await app.request("POST", "/api/v1/businesses", body: Self.json([
            "name": name, "sector": sector, "city": city, "kvk": "12345678", "headcount": headcount,
            "manager": ["name": "Mila Manager", "email": email, "password": Seed.password],
        ]))
        guard response.status == 202 else { throw HTTPClient.Failure(description: "registration failed: \(response.status) \(response.text)") }
        let manager = try await Seed.signIn(app, email: email)
        guard let id = (try await app.request("GET", "/api/v1/me", headers: manager).json?["user"] as? [String: Any])?["businessId"] as? String else {
            throw HTTPClient.Failure(description: "the new manager has no business")
        }
        if approve {
            let approved = try await app.request("POST", "/api/v1/admin/businesses/\(id)/approve", headers: admin)
            guard approved.status == 200 else { throw HTTPClient.Failure(description: "approval failed: \(approved.text)") }
        }
        return (id, manager)
    }

    /// The headers a signed-in browser sends after an answer shaped like a sign-in (its session cookie and CSRF token).
    static func session(_ signedIn: HTTPClient.Response) throws -> [String: String] {
        ["Cookie": String(try #require(signedIn.headers["set-cookie"]).split(separator: ";")[0]),
         "X-CSRF-Token": try #require(signedIn.json?["csrfToken"] as? String)]
    }

    /// Follows a personal invite link (choosing a password when one is given); the joined person's headers.
    func join(_ inviteUrl: String, password: String? = nil) async throws -> [String: String] {
        let token = String(inviteUrl.split(separator: "/").last ?? "")
        return try Self.session(try await app.request("POST", "/api/v1/invites/\(token)", body: password.map { #"{"password":"\#($0)"}"# } ?? "{}"))
    }

    /// Adds `count` confirmed staff straight to the database; returns their ids.
    func addStaff(_ businessID: String, count: Int) async throws -> [String] {
        let now = clock.now
        let audit = app.application.audit
        return try await app.application.database.write { db in
            try (0..<count).map { index in
                try RosterStore.insertEmployee(db, audit: audit, businessID: businessID, name: "Staff \(index)", email: nil, actor: "test", now: now).id
            }
        }
    }

    /// Records course completions for these people at `at` (default: now), of `version`.
    func complete(_ userIDs: [String], businessID: String, at date: Date? = nil, version: Int = 1) async throws {
        let when = date ?? clock.now
        try await app.application.database.write { db in
            for user in userIDs {
                try CompletionRecord.insert(db, userID: user, businessID: businessID, sector: "hotel", courseVersion: version, at: when)
            }
        }
    }

    func progress(_ businessID: String, as headers: [String: String]) async throws -> [String: Any] {
        let response = try await app.request("GET", "/api/v1/businesses/\(businessID)/progress", headers: headers)
        guard response.status == 200, let json = response.json else { throw HTTPClient.Failure(description: "progress: \(response.status) \(response.text)") }
        return json
    }

    /// Passes every required module of the learner's path through the quiz API, first choosing the
    /// course's first job when the learner has none.
    func passCourse(as learner: [String: String]) async throws -> [String: Any] {
        let catalog = app.application.catalog
        var course = try #require(try await app.request("GET", "/api/v1/course", headers: learner).json)
        if course["roleRequired"] as? Bool == true, let role = (course["roles"] as? [String])?.first {
            let chosen = try await app.request("PUT", "/api/v1/me/role", headers: learner, body: #"{"role":"\#(role)"}"#)
            guard chosen.status == 204 else { throw HTTPClient.Failure(description: "role: \(chosen.status) \(chosen.text)") }
            course = try #require(try await app.request("GET", "/api/v1/course", headers: learner).json)
        }
        var last: [String: Any] = [:]
        let path = (course["modules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }.compactMap { catalog.modules[$0] }
        for module in path.filter(\.isRequired) {
            let attempt = try await LearningAPITests.startQuiz(app, module.id, headers: learner)
            guard let body = attempt.json else { throw HTTPClient.Failure(description: "attempt: \(attempt.status) \(attempt.text)") }
            let answers = LearningAPITests.answers(for: body, catalog: catalog, module: module.id)
            last = try await app.request("POST", "/api/v1/attempts/\(body["id"] as! String)/answers", headers: learner,
                                         body: Self.json(["answers": answers])).json ?? [:]
        }
        return last
    }
}

import Foundation
@testable import Security
@testable import Signaal

/// Test data written straight to the database: businesses and staff who can sign in.
enum Seed {
    static let password = "groene fiets op de dijk"
    /// One real yescrypt hash of `password`, computed once: hashing is slow on purpose.
    /// (Synchronous on purpose: waiting for a task here could starve the cooperative pool.)
    static let passwordHash: String = try! PasswordHasher.hashNow(password)

    static func business(_ app: RunningApp, sector: String = "hotel", headcount: Int = 5, status: String = "approved") async throws -> String {
        let id = Identifier.make("biz")
        try await app.application.database.write { db in
            try db.run("""
                INSERT INTO businesses (id, name, sector, city, kvk, declared_headcount, status, created_at)
                VALUES (?, ?, ?, 'Utrecht', '12345678', ?, ?, ?)
                """, id, "Hotel \(id.suffix(4))", sector, headcount, status, Date())
        }
        return id
    }

    /// A person on `businessID`'s roster with an email login.
    static func person(_ app: RunningApp, businessID: String, role: String = "employee", name: String = "Ana", jobRole: String? = nil) async throws -> String {
        let id = Identifier.make("usr")
        let hash = passwordHash
        try await app.application.database.write { db in
            try db.run("""
                INSERT INTO users (id, role, business_id, name, email, job_role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, id, role, businessID, name, "\(id)@signaal.test", jobRole, hash, Date())
        }
        return "\(id)@signaal.test"
    }

    /// Signs in and returns the headers for cookie-authenticated requests.
    static func signIn(_ app: RunningApp, email: String, password: String = password) async throws -> [String: String] {
        let response = try await app.request("POST", "/api/v1/session", body: #"{"email":"\#(email)","password":"\#(password)"}"#)
        guard response.status == 200, let cookie = response.headers["set-cookie"]?.split(separator: ";").first,
              let csrf = response.json?["csrfToken"] as? String
        else { throw HTTPClient.Failure(description: "sign-in failed: \(response.status) \(response.text)") }
        return ["Cookie": String(cookie), "X-CSRF-Token": csrf]
    }
}

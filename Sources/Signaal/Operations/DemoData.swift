import Foundation
import Learning
import Security

/// Businesses with staff who can sign in, for `signaal-bench` and demonstrations.
public enum DemoData {
    /// Adds an approved business of `sector` with `employees` staff, all with `password`.
    /// - Returns: the business id and the staff's sign-in email addresses.
    /// - Parameters:
    ///   - role: every employee's job role; nil leaves it unknown.
    ///   - lessonsRead: also mark every lesson of their path read, so their quizzes can start at once.
    public static func addBusiness(to application: Application, name: String, sector: String, employees: Int, password: String,
                                   role: JobRole? = nil, lessonsRead: Bool = false) async throws -> (businessID: String, emails: [String]) {
        let hash = try await PasswordHasher(concurrentHashes: 1).hash(password)
        let businessID = Identifier.make("biz")
        let now = application.configuration.now()
        let emails = (0..<employees).map { "staff\($0).\(businessID.suffix(6))@demo.signaal" }
        let lessons = lessonsRead ? Sector(rawValue: sector).map { application.catalog.path(for: $0, role: role) } ?? [] : []
        try await application.database.write { db in
            try db.run("""
                INSERT INTO businesses (id, name, sector, city, kvk, declared_headcount, status, created_at)
                VALUES (?, ?, ?, 'Utrecht', '12345678', ?, 'approved', ?)
                """, businessID, name, sector, employees, now)
            for (index, email) in emails.enumerated() {
                let userID = Identifier.make("usr")
                try db.run("INSERT INTO users (id, role, business_id, name, email, job_role, password_hash, created_at) VALUES (?, 'employee', ?, ?, ?, ?, ?, ?)",
                           userID, businessID, "Staff \(index)", email, role?.rawValue, hash, now)
                for module in lessons {
                    for lesson in module.lessonIDs {
                        try db.run("INSERT INTO lesson_progress (user_id, module_id, lesson_id, seen_at) VALUES (?, ?, ?, ?)", userID, module.id, lesson, now)
                    }
                }
            }
        }
        return (businessID, emails)
    }

    /// A signed-in session for every employee of a business, made straight in the database (no password
    /// hashing: a benchmark can sign in thousands at once); each as the cookie and CSRF headers a browser sends.
    public static func sessions(in application: Application, businessID: String) async throws -> [[String: String]] {
        let now = application.configuration.now()
        return try await application.database.write { db in
            try db.query("SELECT id FROM users WHERE business_id = ? AND role = 'employee' ORDER BY id", businessID) { $0.string(0) }.map { userID in
                let token = SecretToken()
                let csrf = SecretToken().text
                try db.run("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                           token.hash, userID, csrf, now, now)
                return ["Cookie": "\(Authenticator.cookieName)=\(token.text)", "X-CSRF-Token": csrf]
            }
        }
    }
}

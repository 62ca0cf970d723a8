import Foundation
import Security

/// Businesses with staff who can sign in, for `signaal-bench` and demonstrations.
public enum DemoData {
    /// Adds an approved business of `sector` with `employees` staff, all with `password`.
    /// - Returns: the business id and the staff's sign-in email addresses.
    public static func addBusiness(to application: Application, name: String, sector: String, employees: Int,
                                   password: String) async throws -> (businessID: String, emails: [String]) {
        let hash = try await PasswordHasher(concurrentHashes: 1).hash(password)
        let businessID = Identifier.make("biz")
        let now = application.configuration.now()
        let emails = (0..<employees).map { "staff\($0).\(businessID.suffix(6))@demo.signaal" }
        try await application.database.write { db in
            try db.run("""
                INSERT INTO businesses (id, name, sector, city, kvk, declared_headcount, status, created_at)
                VALUES (?, ?, ?, 'Utrecht', '12345678', ?, 'approved', ?)
                """, businessID, name, sector, employees, now)
            for (index, email) in emails.enumerated() {
                try db.run("INSERT INTO users (id, role, business_id, name, email, password_hash, created_at) VALUES (?, 'employee', ?, ?, ?, ?, ?)",
                           Identifier.make("usr"), businessID, "Staff \(index)", email, hash, now)
            }
        }
        return (businessID, emails)
    }
}

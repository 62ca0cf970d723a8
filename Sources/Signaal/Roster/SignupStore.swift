import Foundation
import Learning
import Security
import Storage

/// Signing up from a business's poster: its public code, and the person added unconfirmed (not
/// counted until a manager confirms them).
struct SignupStore: Sendable {
    let database: Database
    let audit: AuditLog

    /// The business's public sign-up code, made on first use and kept so printed posters keep working.
    func code(for businessID: String, now: Date) async throws -> String {
        try await database.write { db in
            if let code = try db.queryOne("SELECT code FROM signup_codes WHERE business_id = ?", businessID, row: { $0.string(0) }) { return code }
            let code = String((0..<10).map { _ in VerificationCode.alphabet[Int(SecureRandom.integer(below: 32))] })
            try db.run("INSERT INTO signup_codes (code, business_id, created_at) VALUES (?, ?, ?)", code, businessID, now)
            return code
        }
    }

    /// The business a sign-up code belongs to, and its sector; nil for an unknown code.
    func business(forCode code: String) async throws -> (id: String, sector: Sector?)? {
        try await database.read { db in
            try db.queryOne("SELECT s.business_id, b.sector FROM signup_codes s JOIN businesses b ON b.id = s.business_id WHERE s.code = ?", code) {
                ($0.string(0), Sector(rawValue: $0.string(1)))
            }
        }
    }

    /// Adds the person unconfirmed and joined (with a username when they gave no email).
    func signUp(businessID: String, name: String, email: String?, role: JobRole?, passwordHash: String?, now: Date) async throws -> Account {
        let audit = audit
        return try await database.write { db in
            let added = try RosterStore.insertEmployee(db, audit: audit, businessID: businessID, name: name, email: email, role: role,
                                                       actor: "self", now: now, confirmed: false)
            let username = email == nil ? try InviteStore.freeUsername(db, for: name) : nil
            try db.run("UPDATE users SET joined_at = ?, password_hash = ?, username = ? WHERE id = ?", now, passwordHash, username, added.id)
            return Account(id: added.id, role: .employee, businessId: businessID, name: name, email: email, username: username)
        }
    }
}

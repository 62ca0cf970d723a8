import Foundation
import Security
import Storage

/// Why a change to a business's managers was refused.
enum ManagerRefusal: Error, Equatable {
    /// No such manager of this business.
    case unknown
    /// Removing them would leave the business without an active manager who has joined.
    case lastManager
}

/// The SQL for the people who manage a business: registering a business for someone who phoned in
/// (approved at once, its first manager invited), inviting more managers (a link that works once), the
/// list, and removal — never of the last one. Every change goes into the audit log.
struct ManagerStore: Sendable {
    let database: Database
    let audit: AuditLog
    /// Issues the certificate when a manager joining the roster makes the rule hold.
    let issuer: CertificateIssuer

    /// A manager as the business and admins see them.
    struct Manager: Codable, Sendable, Equatable {
        let id: String
        let name: String
        let email: String?
        /// False until they followed their invite and chose a password.
        let joined: Bool
        /// Whether they put themselves on the roster (they take the course and count).
        let onRoster: Bool
    }

    /// A new manager account with a one-use invite: the link sets their password and then stops working.
    static func invite(_ db: DatabaseConnection, audit: AuditLog, businessID: String, name: String, email: String,
                       actor: String, now: Date) throws -> (id: String, invite: SecretToken) {
        let id = Identifier.make("usr")
        let invite = SecretToken()
        try db.run("""
            INSERT INTO users (id, role, business_id, name, email, job_role, invite_hash, confirmed, created_at)
            VALUES (?, 'manager', ?, ?, ?, 'management', ?, 1, ?)
            """, id, businessID, name, email, invite.hash, now)
        try audit.append(db, at: now, actor: actor, action: .managerInvited, subject: id, details: ["business": businessID])
        return (id, invite)
    }

    /// Registers an approved business and invites its first manager, in one transaction.
    func registerByAdmin(_ business: Business, managerName: String, managerEmail: String, actor: String) async throws -> SecretToken {
        let audit = audit
        return try await database.write { db in
            try BusinessStore.insert(db, business)
            try audit.append(db, at: business.createdAt, actor: actor, action: .businessRegistered, subject: business.id,
                             details: ["name": business.name, "status": business.status.rawValue, "by": "admin"])
            return try Self.invite(db, audit: audit, businessID: business.id, name: managerName, email: managerEmail,
                                   actor: actor, now: business.createdAt).invite
        }
    }

    func invite(businessID: String, name: String, email: String, actor: String, now: Date) async throws -> (id: String, invite: SecretToken) {
        let audit = audit
        return try await database.write { db in
            try Self.invite(db, audit: audit, businessID: businessID, name: name, email: email, actor: actor, now: now)
        }
    }

    /// The business's active managers, by name.
    func managers(businessID: String) async throws -> [Manager] {
        try await database.read { db in
            try db.query("""
                SELECT id, name, email, joined_at IS NOT NULL, on_roster FROM users
                WHERE business_id = ? AND role = 'manager' AND active = 1 AND erased_at IS NULL ORDER BY name COLLATE NOCASE, id
                """, businessID) { Manager(id: $0.string(0), name: $0.string(1), email: $0.optionalString(2), joined: $0.bool(3), onRoster: $0.bool(4)) }
        }
    }

    /// Puts a manager who works in the business on its roster (they take the course and count) or takes them off.
    func setOnRoster(_ onRoster: Bool, managerID: String, businessID: String, now: Date) async throws {
        let (audit, issuer) = (audit, issuer)
        try await database.write { db in
            guard try db.run("UPDATE users SET on_roster = ? WHERE id = ? AND business_id = ? AND role = 'manager' AND active = 1",
                             onRoster, managerID, businessID) == 1 else { throw ManagerRefusal.unknown }
            try audit.append(db, at: now, actor: managerID, action: onRoster ? .managerOnRoster : .managerOffRoster, subject: managerID,
                             details: ["business": businessID])
            _ = try issuer.issueIfDue(db, businessID: businessID, actor: managerID, now: now)
        }
    }

    /// Whether the manager is on their business's roster.
    func isOnRoster(managerID: String) async throws -> Bool {
        try await database.read { db in try db.queryOne("SELECT on_roster FROM users WHERE id = ?", managerID) { $0.bool(0) } ?? false }
    }

    /// Removes a manager: their account stops working (sessions and link too). - Throws: `ManagerRefusal`.
    func remove(managerID: String, businessID: String, actor: String, now: Date) async throws {
        let audit = audit
        try await database.write { db in
            guard try db.queryOne("SELECT 1 FROM users WHERE id = ? AND business_id = ? AND role = 'manager' AND active = 1", managerID, businessID,
                                  row: { _ in true }) != nil else { throw ManagerRefusal.unknown }
            let others = try db.queryOne("""
                SELECT count(*) FROM users WHERE business_id = ? AND role = 'manager' AND active = 1 AND joined_at IS NOT NULL AND id != ?
                """, businessID, managerID) { $0.int(0) } ?? 0
            guard others > 0 else { throw ManagerRefusal.lastManager }
            try db.run("UPDATE users SET active = 0, invite_hash = NULL WHERE id = ?", managerID)
            try db.run("DELETE FROM sessions WHERE user_id = ?", managerID)
            try audit.append(db, at: now, actor: actor, action: .managerRemoved, subject: managerID, details: ["business": businessID])
        }
    }
}

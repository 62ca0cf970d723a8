import Foundation
import Learning
import Security
import Storage

/// The SQL for a business's staff: adding, listing with progress, (de)activating, invites,
/// joining, erasing. Every change is audited.
struct RosterStore: Sendable {
    let database: Database

    /// One person on the roster with their training state.
    struct Member: Sendable, Codable {
        let id: String
        let name: String
        let email: String?
        let username: String?
        /// The job that picks their role module; nil until known.
        let role: String?
        /// Their interface language; nil until they or their manager chose one.
        let language: String?
        /// A manager who put themselves on the roster (they take themselves off; the roster's actions are not for them).
        let manager: Bool
        let active: Bool
        let joined: Bool
        let confirmed: Bool
        /// `not_started`, `in_progress`, `completed` or `expired`.
        let status: String
        let completedAt: Date?
        let modulesPassed: Int
    }

    /// Every email address with an account, lower-cased (an address belongs to one account).
    static func takenEmails(_ db: DatabaseConnection) throws -> Set<String> {
        Set(try db.query("SELECT lower(email) FROM users WHERE email IS NOT NULL") { $0.string(0) })
    }

    /// The lower-cased names of the business's staff without an email address, who a name alone identifies.
    /// The names on the business's roster, lower-cased (in Swift: SQLite's `lower` knows only ASCII), of
    /// everyone or only of the people without an email address.
    static func names(_ db: DatabaseConnection, businessID: String, withoutEmailOnly: Bool) throws -> Set<String> {
        Set(try db.query("""
            SELECT name FROM users WHERE business_id = ? AND role = 'employee' AND erased_at IS NULL\(withoutEmailOnly ? " AND email IS NULL" : "")
            """, businessID) { $0.string(0).lowercased() })
    }

    /// Someone on the roster with the same name (any case) whom a new entry may be: one of the two has no
    /// email address to tell them apart. Their id, or nil.
    static func namesake(_ db: DatabaseConnection, businessID: String, name: String, email: String?) throws -> String? {
        let wanted = name.lowercased()
        return try db.query("SELECT id, name, email FROM users WHERE business_id = ? AND role = 'employee' AND erased_at IS NULL", businessID) {
            (id: $0.string(0), name: $0.string(1), email: $0.optionalString(2))
        }.first { $0.name.lowercased() == wanted && (email == nil || $0.email == nil) }?.id
    }

    /// Adds a person with a fresh invite; returns their id and the invite token.
    /// Adds a person with a fresh invite; returns their id and the invite token. With `links` the link can
    /// be shown again later (reminders); without, it is random and shown once.
    static func insertEmployee(_ db: DatabaseConnection, audit: AuditLog, businessID: String, name: String, email: String?, role: JobRole? = nil,
                               language: String? = nil, links: InviteLinks? = nil, actor: String, now: Date,
                               confirmed: Bool = true) throws -> (id: String, invite: SecretToken) {
        let id = Identifier.make("usr")
        let invite = links?.token(userID: id, generation: 1) ?? SecretToken()
        try db.run("""
            INSERT INTO users (id, role, business_id, name, email, job_role, language, invite_hash, invite_generation, confirmed, created_at)
            VALUES (?, 'employee', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, id, businessID, name, email, role?.rawValue, language, invite.hash, links == nil ? nil : 1, confirmed, now)
        var details = ["business": businessID]
        if let role { details["role"] = role.rawValue }
        if let language { details["language"] = language }
        try audit.append(db, at: now, actor: actor, action: confirmed ? .employeeAdded : .employeeSignedUp, subject: id, details: details)
        return (id, invite)
    }

    func members(businessID: String, validFrom: Date, minimumVersion: Int) async throws -> [Member] {
        try await database.read { db in
            try db.query("""
                SELECT u.id, u.name, u.email, u.username, u.active, u.joined_at IS NOT NULL, u.confirmed,
                       (SELECT max(c.completed_at) FROM course_completions c WHERE c.user_id = u.id AND c.course_version >= ?2),
                       (SELECT count(DISTINCT p.module_id) FROM module_passes p WHERE p.user_id = u.id),
                       EXISTS (SELECT 1 FROM lesson_progress l WHERE l.user_id = u.id), u.job_role, u.language, u.role = 'manager'
                FROM users u WHERE u.business_id = ?1 AND u.on_roster = 1 AND u.erased_at IS NULL
                ORDER BY u.name COLLATE NOCASE, u.id
                """, businessID, minimumVersion) { row in
                let completedAt = row.optionalDate(7)
                let status: String
                if let completedAt {
                    status = completedAt >= validFrom ? "completed" : "expired"
                } else {
                    status = row.int(8) > 0 || row.bool(9) ? "in_progress" : "not_started"
                }
                return Member(id: row.string(0), name: row.string(1), email: row.optionalString(2), username: row.optionalString(3),
                              role: row.optionalString(10), language: row.optionalString(11), manager: row.bool(12), active: row.bool(4), joined: row.bool(5), confirmed: row.bool(6), status: status,
                              completedAt: completedAt, modulesPassed: row.int(8))
            }
        }
    }

    /// Whether `employeeID` is on `businessID`'s roster (and not erased).
    static func isMember(_ db: DatabaseConnection, businessID: String, employeeID: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM users WHERE id = ? AND business_id = ? AND role = 'employee' AND erased_at IS NULL",
                        employeeID, businessID) { _ in true } ?? false
    }

    /// Sets the job role that picks a person's role module.
    static func setRole(_ db: DatabaseConnection, audit: AuditLog, employeeID: String, role: JobRole, actor: String, now: Date) throws {
        try db.run("UPDATE users SET job_role = ? WHERE id = ?", role.rawValue, employeeID)
        try audit.append(db, at: now, actor: actor, action: .employeeRoleSet, subject: employeeID, details: ["role": role.rawValue])
    }

    /// Sets the interface language a person's pages and course open in.
    static func setLanguage(_ db: DatabaseConnection, audit: AuditLog, employeeID: String, language: String, actor: String, now: Date) throws {
        try db.run("UPDATE users SET language = ? WHERE id = ?", language, employeeID)
        try audit.append(db, at: now, actor: actor, action: .employeeLanguageSet, subject: employeeID, details: ["language": language])
    }

    static func setActive(_ db: DatabaseConnection, audit: AuditLog, employeeID: String, active: Bool, actor: String, now: Date) throws {
        try db.run("UPDATE users SET active = ? WHERE id = ?", active, employeeID)
        if !active { try db.run("DELETE FROM sessions WHERE user_id = ?", employeeID) }
        try audit.append(db, at: now, actor: actor, action: active ? .employeeReactivated : .employeeDeactivated, subject: employeeID)
    }

    static func confirm(_ db: DatabaseConnection, audit: AuditLog, employeeID: String, actor: String, now: Date) throws {
        try db.run("UPDATE users SET confirmed = 1 WHERE id = ?", employeeID)
        try audit.append(db, at: now, actor: actor, action: .employeeConfirmed, subject: employeeID)
    }

    /// A new invite link for a person (the next generation); the old one stops working.
    static func renewInvite(_ db: DatabaseConnection, audit: AuditLog, links: InviteLinks, employeeID: String, actor: String, now: Date) throws -> SecretToken {
        let generation = (try db.queryOne("SELECT coalesce(invite_generation, 0) FROM users WHERE id = ?", employeeID) { $0.int(0) } ?? 0) + 1
        let invite = links.token(userID: employeeID, generation: generation)
        try db.run("UPDATE users SET invite_hash = ?, invite_generation = ? WHERE id = ?", invite.hash, generation, employeeID)
        try audit.append(db, at: now, actor: actor, action: .employeeInviteRenewed, subject: employeeID)
        return invite
    }

    /// Removes a person's name, email, username, password and links; completions stay, anonymous,
    /// so the business's certificate history stays true.
    static func erase(_ db: DatabaseConnection, audit: AuditLog, userID: String, actor: String, now: Date) throws {
        try db.run("""
            UPDATE users SET name = 'Erased person', email = NULL, username = NULL, password_hash = NULL, invite_hash = NULL,
                             active = 0, erased_at = ? WHERE id = ?
            """, now, userID)
        try db.run("DELETE FROM sessions WHERE user_id = ?", userID)
        try db.run("DELETE FROM lesson_progress WHERE user_id = ?", userID)
        try audit.append(db, at: now, actor: actor, action: .employeeErased, subject: userID)
    }
}

import Foundation
import Security
import Storage

/// Why joining by a personal link was refused.
enum InviteRefusal: Error, Equatable {
    /// Unknown, replaced by a newer link, or its person left or was erased.
    case unknown
    /// The person has joined already and tried to set a password again.
    case alreadyJoined
    /// A manager joins by choosing a password (their link works only that once).
    case passwordNeeded
}

/// Joining by a personal invite link: the SQL behind it.
struct InviteStore: Sendable {
    let database: Database
    let audit: AuditLog

    /// What others may know of the invited person (name, email), for the password check; nil for an unknown link.
    func invitee(inviteHash: [UInt8]) async throws -> [String]? {
        try await database.read { db in
            try db.queryOne("SELECT name, coalesce(email, '') FROM users WHERE invite_hash = ?", inviteHash) { [$0.string(0), $0.string(1)] }
        }
    }

    /// Joins once (the password, and a username for staff without email, are set); afterwards the link
    /// only signs the person in, and setting a password again is refused.
    func join(inviteHash: [UInt8], passwordHash: String?, now: Date) async throws -> Account {
        let audit = audit
        return try await database.write { db -> Account in
            guard let (account, joined) = try db.queryOne("""
                SELECT \(AccountStore.accountColumns), joined_at IS NOT NULL FROM users
                WHERE invite_hash = ? AND active = 1 AND erased_at IS NULL
                """, inviteHash, row: { (AccountStore.account($0), $0.bool(7)) })
            else { throw InviteRefusal.unknown }
            if joined {
                guard passwordHash == nil else { throw InviteRefusal.alreadyJoined }
                return account
            }
            // A manager's link works once: it sets their password, then they sign in like anyone else.
            guard account.role != .manager || passwordHash != nil else { throw InviteRefusal.passwordNeeded }
            var username = account.username
            if account.email == nil, username == nil {
                username = try Self.freeUsername(db, for: account.name)
            }
            try db.run("""
                UPDATE users SET joined_at = ?, password_hash = coalesce(?, password_hash), username = ?,
                invite_hash = CASE WHEN role = 'manager' THEN NULL ELSE invite_hash END WHERE id = ?
                """, now, passwordHash, username, account.id)
            try audit.append(db, at: now, actor: account.id, action: .employeeJoined, subject: account.id)
            return Account(id: account.id, role: account.role, businessId: account.businessId, name: account.name, email: account.email, username: username, language: account.language)
        }
    }

    /// `firstname.NNNN` in plain ASCII, unused so far.
    static func freeUsername(_ db: DatabaseConnection, for name: String) throws -> String {
        let first = name.split(separator: " ").first.map(String.init) ?? "staff"
        let folded = first.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let base = folded.isEmpty ? "staff" : String(folded.prefix(20))
        for _ in 0..<50 {
            let candidate = "\(base).\(1000 + SecureRandom.integer(below: 9000))"
            if try db.queryOne("SELECT 1 FROM users WHERE username = ?", candidate, row: { _ in true }) == nil { return candidate }
        }
        return "\(base).\(Identifier.make("x").suffix(8))"
    }
}

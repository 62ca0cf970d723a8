import Foundation
import Storage

/// The SQL for accounts, sessions, API tokens and the first-start setup token.
struct AccountStore: Sendable {
    let database: Database

    static let accountColumns = "id, role, business_id, name, email, username, language"

    static func account(_ row: Row, from column: Int32 = 0) -> Account {
        Account(id: row.string(column), role: Role(rawValue: row.string(column + 1)) ?? .employee,
                businessId: row.optionalString(column + 2), name: row.string(column + 3),
                email: row.optionalString(column + 4), username: row.optionalString(column + 5), language: row.optionalString(column + 6))
    }

    /// An active account by email or username (case-insensitive), with its password hash.
    func account(login: String) async throws -> (account: Account, passwordHash: String?)? {
        try await database.read { db in
            try db.queryOne("""
                SELECT \(Self.accountColumns), password_hash FROM users
                WHERE active = 1 AND (email = ?1 OR username = ?1)
                """, login) { (Self.account($0), $0.optionalString(7)) }
        }
    }

    func setLanguage(_ language: String, of accountID: String) async throws {
        try await database.write { db in try db.run("UPDATE users SET language = ? WHERE id = ?", language, accountID) }
    }

    func adminExists() async throws -> Bool {
        try await database.read { db in try db.queryOne("SELECT 1 FROM users WHERE role = 'admin' LIMIT 1") { _ in true } ?? false }
    }

    /// Inserts an admin; a taken email is a constraint violation (409).
    static func insertAdmin(_ db: DatabaseConnection, name: String, email: String, passwordHash: String, now: Date) throws -> Account {
        let account = Account(id: Identifier.make("usr"), role: .admin, businessId: nil, name: name, email: email, username: nil)
        try db.run("INSERT INTO users (id, role, name, email, password_hash, created_at) VALUES (?, 'admin', ?, ?, ?, ?)",
                   account.id, name, email, passwordHash, now)
        return account
    }

    // MARK: Sessions

    struct StoredSession: Sendable {
        let account: Account
        let csrfToken: String
        let createdAt: Date
        let lastSeenAt: Date

        func seen(at date: Date) -> StoredSession {
            StoredSession(account: account, csrfToken: csrfToken, createdAt: createdAt, lastSeenAt: date)
        }
    }

    func createSession(tokenHash: [UInt8], accountID: String, csrfToken: String, now: Date) async throws {
        try await database.write { db in
            try db.run("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                       tokenHash, accountID, csrfToken, now, now)
        }
    }

    func session(tokenHash: [UInt8]) async throws -> StoredSession? {
        try await database.read { db in
            try db.queryOne("""
                SELECT u.id, u.role, u.business_id, u.name, u.email, u.username, u.language, s.csrf_token, s.created_at, s.last_seen_at
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = ? AND u.active = 1
                """, tokenHash) { row in
                StoredSession(account: Self.account(row), csrfToken: row.string(7), createdAt: row.date(8), lastSeenAt: row.date(9))
            }
        }
    }

    func touchSession(tokenHash: [UInt8], now: Date) async throws {
        try await database.write { db in try db.run("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", now, tokenHash) }
    }

    func deleteSession(tokenHash: [UInt8]) async throws {
        try await database.write { db in try db.run("DELETE FROM sessions WHERE token_hash = ?", tokenHash) }
    }

    // MARK: API tokens

    struct APIToken: Sendable, Codable {
        let id: String
        let name: String
        let createdAt: Date
        let revokedAt: Date?
    }

    func createAPIToken(tokenHash: [UInt8], name: String, createdBy: String, now: Date) async throws -> APIToken {
        let token = APIToken(id: Identifier.make("tok"), name: name, createdAt: now, revokedAt: nil)
        try await database.write { db in
            try db.run("INSERT INTO api_tokens (id, token_hash, name, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                       token.id, tokenHash, name, createdBy, now)
        }
        return token
    }

    /// The admin who created a live (unrevoked) token: integrations act with that admin's account.
    func apiTokenAccount(tokenHash: [UInt8]) async throws -> (tokenID: String, account: Account)? {
        try await database.read { db in
            try db.queryOne("""
                SELECT t.id, u.id, u.role, u.business_id, u.name, u.email, u.username, u.language
                FROM api_tokens t JOIN users u ON u.id = t.created_by
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1
                """, tokenHash) { ($0.string(0), Self.account($0, from: 1)) }
        }
    }

    func apiTokens() async throws -> [APIToken] {
        try await database.read { db in
            try db.query("SELECT id, name, created_at, revoked_at FROM api_tokens ORDER BY created_at DESC") {
                APIToken(id: $0.string(0), name: $0.string(1), createdAt: $0.date(2), revokedAt: $0.optionalDate(3))
            }
        }
    }

    /// Revokes a token; false when no live token has that id.
    func revokeAPIToken(id: String, now: Date) async throws -> Bool {
        try await database.write { db in
            try db.run("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id) == 1
        }
    }

    // MARK: First-start setup

    func createSetupToken(tokenHash: [UInt8], expiresAt: Date) async throws {
        try await database.write { db in
            try db.run("INSERT INTO setup_tokens (token_hash, expires_at) VALUES (?, ?)", tokenHash, expiresAt)
        }
    }

    /// Uses the setup token and creates the first admin in one transaction; nil when the token is
    /// unknown, used or expired, or an admin already exists.
    func completeSetup(tokenHash: [UInt8], name: String, email: String, passwordHash: String, now: Date) async throws -> Account? {
        try await database.write { db in
            let used = try db.run("UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                                  now, tokenHash, now)
            guard used == 1, try db.queryOne("SELECT 1 FROM users WHERE role = 'admin'", row: { _ in true }) == nil else { return nil }
            return try Self.insertAdmin(db, name: name, email: email, passwordHash: passwordHash, now: now)
        }
    }
}

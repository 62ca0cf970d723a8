import Foundation
import HTTP
import Learning
import Security
import Storage

/// Joining by invite link, the personal link as a way to sign in, and a person's own data export.
struct InviteRoutes: Sendable {
    let services: AppServices

    struct JoinRequest: OptionalBody {
        let password: String?

        static var whenAbsent: JoinRequest { JoinRequest(password: nil) }
    }

    func joinByInvite(_ context: RequestContext, _ body: JoinRequest) async throws -> Reply<SignedIn> {
        try await join(body, context.request)
    }

    func exportMyData(_ context: RequestContext) async throws -> Reply<PersonalData> {
        Reply(try await export(context), headers: ["content-disposition": "attachment; filename=\"signaal-my-data.json\"", "cache-control": "no-store"])
    }

    func auditPage(_ context: RequestContext) async throws -> Reply<AuditPage> {
        let query = context.request.queryParameters
        let limit = min(max(Int(query["limit"] ?? "") ?? 50, 1), 500)
        let before = query["before"].flatMap { Int($0) }
        let entries = try await services.database.read { db in try AuditLog.page(db, before: before, limit: limit) }
        return Reply(AuditPage(entries: entries, nextBefore: entries.count == limit ? entries.last?.seq : nil))
    }

    struct AuditPage: Codable {
        let entries: [AuditLog.Entry]
        let nextBefore: Int?
    }

    private func join(_ body: JoinRequest, _ request: HTTPRequest) async throws -> Reply<SignedIn> {
        guard let token = SecretToken(text: request.parameters["token"] ?? "") else { throw Self.invalidInvite }
        if let password = body.password {
            let known = try await services.database.read { db in
                try db.queryOne("SELECT name, coalesce(email, '') FROM users WHERE invite_hash = ?", token.hash) { [$0.string(0), $0.string(1)] }
            }
            if let problem = PasswordPolicy.problem(with: password, personal: known ?? []) { throw APIError.unprocessable("weak_password", problem.message) }
        }
        let hash = try await body.password.asyncMap { try await services.hasher.hash($0) }
        let now = services.now()
        let account = try await services.database.write { db -> Account in
            guard let (account, joined) = try db.queryOne("""
                SELECT \(AccountStore.accountColumns), joined_at IS NOT NULL FROM users
                WHERE invite_hash = ? AND active = 1 AND erased_at IS NULL
                """, token.hash, row: { (AccountStore.account($0), $0.bool(6)) })
            else { throw Self.invalidInvite }
            if joined {
                // Joining happens once; afterwards the personal link only signs the person in.
                guard hash == nil else { throw APIError.conflict("invite_already_used", "You have already joined. Sign in with your password or your personal link.") }
                return account
            }
            var username = account.username
            if account.email == nil, username == nil {
                username = try Self.freeUsername(db, for: account.name)
            }
            try db.run("UPDATE users SET joined_at = ?, password_hash = coalesce(?, password_hash), username = ? WHERE id = ?",
                       now, hash, username, account.id)
            try services.audit.append(db, at: now, actor: account.id, action: .employeeJoined, subject: account.id)
            return Account(id: account.id, role: account.role, businessId: account.businessId, name: account.name, email: account.email, username: username)
        }
        return try await services.sessions.start(for: account, answering: request)
    }

    static let invalidInvite = APIError(.notFound, "invite_invalid", "This invite link is unknown or has been replaced by a newer one.")

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

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

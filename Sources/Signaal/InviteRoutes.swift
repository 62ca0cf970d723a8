import Foundation
import HTTP
import Learning
import Security
import Storage

/// Joining by invite link, the personal link as a way to sign in, and a person's own data export.
struct InviteRoutes: Sendable {
    let services: AppServices

    struct JoinRequest: Decodable {
        let password: String?
    }

    func register(in routes: inout APIRoutes) {
        routes.add(.post, "/api/v1/invites/{token}", access: .anyone, hidesPathInLog: true) { context in try await join(context.request) }
        routes.add(.get, "/api/v1/me/export", access: .signedIn) { context in try await export(context) }
        routes.add(.get, "/api/v1/admin/audit", access: .roles([.admin])) { context in
            let query = context.request.queryParameters
            let limit = min(max(Int(query["limit"] ?? "") ?? 50, 1), 500)
            let before = query["before"].flatMap { Int($0) }
            let entries = try await services.database.read { db in try AuditLog.page(db, before: before, limit: limit) }
            return try JSONBody.response(AuditPage(entries: entries, nextBefore: entries.count == limit ? entries.last?.seq : nil))
        }
    }

    struct AuditPage: Encodable {
        let entries: [AuditLog.Entry]
        let nextBefore: Int?
    }

    private func join(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = request.body.isEmpty ? JoinRequest(password: nil) : try JSONBody.decode(JoinRequest.self, from: request)
        guard let token = SecretToken(text: request.parameters["token"] ?? "") else { throw Self.invalidInvite }
        if let password = body.password, let problem = PasswordPolicy.problem(with: password) {
            throw APIError.unprocessable("weak_password", problem.message)
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
        return try await services.sessions.startSession(for: account, status: .ok, answering: request)
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

    private func export(_ context: RequestContext) async throws -> HTTPResponse {
        let account = try context.signedIn.account
        let now = services.now()
        let exported = try await services.database.read { db -> Data in
            var data: [String: Any] = ["exportedAt": JSONOutput.rfc3339(now)]
            data["account"] = try db.queryOne("SELECT id, role, business_id, name, email, username, created_at, joined_at, job_role FROM users WHERE id = ?",
                                              account.id) { row -> [String: Any] in
                ["id": row.string(0), "role": row.string(1), "businessId": row.optionalString(2) as Any, "name": row.string(3),
                 "email": row.optionalString(4) as Any, "username": row.optionalString(5) as Any,
                 "createdAt": JSONOutput.rfc3339(row.date(6)), "joinedAt": row.optionalDate(7).map(JSONOutput.rfc3339) as Any,
                 "jobRole": row.optionalString(8) as Any]
            }
            data["lessonsSeen"] = try db.query("SELECT module_id, lesson_id, seen_at FROM lesson_progress WHERE user_id = ? ORDER BY seen_at", account.id) {
                ["moduleId": $0.string(0), "lessonId": $0.string(1), "seenAt": JSONOutput.rfc3339($0.date(2))]
            }
            data["attempts"] = try db.query("""
                SELECT id, module_id, created_at, submitted_at, correct_count, total, passed FROM attempts WHERE user_id = ? ORDER BY created_at
                """, account.id) { row -> [String: Any] in
                ["id": row.string(0), "moduleId": row.string(1), "startedAt": JSONOutput.rfc3339(row.date(2)),
                 "submittedAt": row.optionalDate(3).map(JSONOutput.rfc3339) as Any, "score": row.optionalInt(4) as Any,
                 "total": row.optionalInt(5) as Any, "passed": row.isNull(6) ? NSNull() : row.bool(6)]
            }
            data["modulePasses"] = try db.query("SELECT module_id, module_version, passed_at FROM module_passes WHERE user_id = ? ORDER BY passed_at", account.id) {
                ["moduleId": $0.string(0), "moduleVersion": $0.int(1), "passedAt": JSONOutput.rfc3339($0.date(2))]
            }
            data["courseCompletions"] = try db.query("SELECT sector, course_version, completed_at FROM course_completions WHERE user_id = ? ORDER BY completed_at", account.id) {
                ["sector": $0.string(0), "courseVersion": $0.int(1), "completedAt": JSONOutput.rfc3339($0.date(2))]
            }
            data["sessions"] = try db.query("SELECT created_at, last_seen_at FROM sessions WHERE user_id = ?", account.id) {
                ["startedAt": JSONOutput.rfc3339($0.date(0)), "lastSeenAt": JSONOutput.rfc3339($0.date(1))]
            }
            return try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])
        }
        var response = HTTPResponse.json(body: Array(exported))
        response.headers.add(name: "content-disposition", value: "attachment; filename=\"signaal-my-data.json\"")
        response.headers.add(name: "cache-control", value: "no-store")
        return response
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

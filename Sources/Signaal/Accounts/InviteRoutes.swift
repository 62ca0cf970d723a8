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

    func exportMyData(_ context: RequestContext) async throws -> Reply<PersonalData> {
        Reply(try await export(context), headers: ["content-disposition": "attachment; filename=\"signaal-my-data.json\"", "cache-control": "no-store"])
    }

    func auditPage(_ context: RequestContext) async throws -> Reply<AuditPage> {
        let query = context.request.queryParameters
        let limit = PageRequest(query).limit
        let before = query["before"].flatMap { Int($0) }
        let entries = try await services.database.read { db in try AuditLog.page(db, before: before, limit: limit) }
        return Reply(AuditPage(entries: entries, nextBefore: entries.count == limit ? entries.last?.seq : nil))
    }

    struct AuditPage: Codable {
        let entries: [AuditLog.Entry]
        let nextBefore: Int?
    }

    func joinByInvite(_ context: RequestContext, _ body: JoinRequest) async throws -> Reply<SignedIn> {
        let request = context.request
        guard let token = SecretToken(text: request.parameters["token"] ?? "") else { throw InviteRefusal.unknown }
        if let password = body.password {
            let known = try await services.invites.invitee(inviteHash: token.hash)
            if let problem = PasswordPolicy.problem(with: password, personal: known ?? []) { throw problem }
        }
        let hash = try await body.password.asyncMap { try await services.hasher.hash($0) }
        let account = try await services.invites.join(inviteHash: token.hash, passwordHash: hash, now: services.now())
        return try await services.sessions.start(for: account, answering: request)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

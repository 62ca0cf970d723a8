import Foundation
import HTTP
import Learning
import Storage

/// Verifying certificates (JSON and the public page), issuing by an admin, and revoking.
struct CertificateRoutes: Sendable {
    let services: AppServices
    let lookup: CertificateLookup

    struct RevokeRequest: Decodable {
        let reason: String
    }

    func verify(_ context: RequestContext) async throws -> Reply<CertificateLookup.Verification> {
        Reply(lookup.verification(try await lookup.certificate(context.request)))
    }

    func issue(_ context: RequestContext) async throws -> Reply<CertificateView> {
        let id = context.request.parameters["id"] ?? ""
        let actor = try context.signedIn.account.id
        let now = services.now()
        let issuer = services.issuer
        let certificate = try await services.database.write { db in try issuer.issueOnRequest(db, businessID: id, actor: actor, now: now) }
        return Reply(CertificateView(certificate, now: now))
    }

    func revoke(_ context: RequestContext, _ body: RevokeRequest) async throws -> Reply<CertificateView> {
        let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 1000 else { throw APIError.unprocessable("invalid_reason", "Give a reason of 1 to 1000 characters.") }
        guard let code = VerificationCode.normalize(context.request.parameters["code"] ?? "") else { throw CertificateLookup.unknown }
        let actor = try context.signedIn.account.id
        let now = services.now()
        let issuer = services.issuer
        let revoked = try await services.database.write { db in
            try issuer.revoke(db, code: code, reason: reason, actor: actor, now: now)
        }
        lookup.forget(code)
        guard let revoked else { throw CertificateRefusal.notRevocable }
        return Reply(CertificateView(revoked, now: now))
    }
}

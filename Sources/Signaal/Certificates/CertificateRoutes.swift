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
        let certificate = try await services.database.write { db -> Certificate in
            guard let found = try db.queryOne("SELECT status FROM businesses WHERE id = ?", id, row: { $0.string(0) }) else {
                throw APIError.notFound("No business with this id.")
            }
            guard found == Business.Status.approved.rawValue else {
                throw APIError.conflict("business_not_approved", "Approve the business before issuing its certificate.")
            }
            guard let issued = try issuer.issueIfDue(db, businessID: id, actor: actor, now: now, byAdmin: true) else {
                throw APIError.conflict("not_eligible", "The business does not meet the rule yet, or its certificate is not due for renewal.")
            }
            return issued
        }
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
        guard let revoked else { throw APIError.conflict("not_revocable", "No live certificate has this code (unknown or already revoked).") }
        return Reply(CertificateView(revoked, now: now))
    }

}

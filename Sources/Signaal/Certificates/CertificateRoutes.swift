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
        let certificate = try await services.certificates.issueOnRequest(businessID: context.request.parameters["id"] ?? "",
                                                                         actor: try context.signedIn.account.id)
        return Reply(CertificateView(certificate, now: services.now()))
    }

    func revoke(_ context: RequestContext, _ body: RevokeRequest) async throws -> Reply<CertificateView> {
        let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 1000 else { throw APIError.unprocessable("invalid_reason", "Give a reason of 1 to 1000 characters.") }
        guard let code = VerificationCode.normalize(context.request.parameters["code"] ?? "") else { throw CertificateLookup.unknown }
        let revoked = try await services.certificates.revoke(code: code, reason: reason, actor: try context.signedIn.account.id)
        return Reply(CertificateView(revoked, now: services.now()))
    }
}

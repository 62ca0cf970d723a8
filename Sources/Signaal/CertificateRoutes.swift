import Foundation
import HTTP
import Learning
import Storage

/// Verifying certificates (JSON and the public page), issuing by an admin, and revoking.
struct CertificateRoutes: Sendable {
    let services: AppServices
    let verificationLimit: AddressRateLimit
    /// Certificates by code for a few seconds; revocation drops its entry at once.
    let cache = MemoryCache<String, CachedCertificate>()

    struct CachedCertificate: Sendable {
        let certificate: Certificate
        let fetchedAt: Date
    }

    /// What anyone may learn from a code: nothing about individual staff.
    struct Verification: Codable {
        let code: String
        let status: Certificate.State
        let businessName: String
        let city: String
        let sector: String
        let issuedAt: Date
        let expiresAt: Date
        let revokedAt: Date?
        /// The audit entry that issued it: anyone can hold a later `audit verify` to it.
        let auditAnchor: Anchor?

        struct Anchor: Codable {
            let seq: Int
            let hash: String
        }
    }

    struct RevokeRequest: Decodable {
        let reason: String
    }

    func register(in routes: inout APIRoutes) {
        routes.json(.get, "/api/v1/certificates/{code}", access: .anyone, answers: Verification.self,
                    "Verify a certificate: valid, expired, superseded or revoked, with business, city, sector and dates.",
                    errors: [.tooManyRequests]) { context in
            Reply(verification(try await lookup(context.request)))
        }
        routes.json(.post, "/api/v1/admin/businesses/{id}/certificates", access: .roles([.admin]), answers: CertificateView.self,
                    "Issue a certificate to an eligible, approved business.", status: .created, errors: [.conflict]) { context in
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
        routes.json(.post, "/api/v1/admin/certificates/{code}/revoke", access: .roles([.admin]), body: RevokeRequest.self, answers: CertificateView.self,
                    "Revoke a certificate {reason}; the reason stays internal.", errors: [.conflict]) { context, body in
            let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= 1000 else { throw APIError.unprocessable("invalid_reason", "Give a reason of 1 to 1000 characters.") }
            guard let code = VerificationCode.normalize(context.request.parameters["code"] ?? "") else { throw Self.unknown }
            let actor = try context.signedIn.account.id
            let now = services.now()
            let issuer = services.issuer
            let revoked = try await services.database.write { db in
                try issuer.revoke(db, code: code, reason: reason, actor: actor, now: now)
            }
            cache.remove(code)
            guard let revoked else { throw APIError.conflict("not_revocable", "No live certificate has this code (unknown or already revoked).") }
            return Reply(CertificateView(revoked, now: now))
        }
    }

    static let unknown = APIError.notFound("No certificate has this code.")

    /// The certificate for the code in the path; rate-limited per client address.
    func lookup(_ request: HTTPRequest) async throws -> Certificate {
        if let wait = verificationLimit.retryAfter(address: services.authenticator.settings.clientAddress(request), now: services.now()) {
            throw APIError.tooManyRequests(retryAfterSeconds: wait)
        }
        guard let code = VerificationCode.normalize(request.parameters["code"] ?? "") else {
            throw APIError(.notFound, "mistyped_code", "This is not a valid certificate code. Check it for typing errors.")
        }
        let now = services.now()
        if let cached = cache[code], now.timeIntervalSince(cached.fetchedAt) < 5 { return cached.certificate }
        guard let certificate = try await services.database.read({ db in
            try db.queryOne("SELECT \(Certificate.columns) FROM certificates WHERE code = ?", code) { Certificate.from($0) }
        }) else { throw Self.unknown }
        cache.store(CachedCertificate(certificate: certificate, fetchedAt: now), for: code)
        return certificate
    }

    func verification(_ certificate: Certificate) -> Verification {
        Verification(code: certificate.code, status: certificate.state(at: services.now()), businessName: certificate.businessName,
                     city: certificate.city, sector: certificate.sector, issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt,
                     revokedAt: certificate.revokedAt,
                     auditAnchor: certificate.anchor.map { Verification.Anchor(seq: $0.seq, hash: $0.hashHex) })
    }
}

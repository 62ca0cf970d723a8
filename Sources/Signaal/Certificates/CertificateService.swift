import Foundation
import Storage

/// Issuing and revoking certificates: the rules and the transactions (the SQL is the issuer's). Other
/// features call it after any change that may make the rule hold.
struct CertificateService: Sendable {
    let database: Database
    let issuer: CertificateIssuer
    let lookup: CertificateLookup
    let now: @Sendable () -> Date

    /// Issues or renews the certificate when the rule holds (automatic issuing).
    func issueIfDue(businessID: String, actor: String) async throws {
        let (issuer, now) = (issuer, now())
        try await database.write { db in _ = try issuer.issueIfDue(db, businessID: businessID, actor: actor, now: now) }
    }

    /// An admin's request to issue now. - Throws: `CertificateRefusal`.
    func issueOnRequest(businessID: String, actor: String) async throws -> Certificate {
        let (issuer, now) = (issuer, now())
        return try await database.write { db in try issuer.issueOnRequest(db, businessID: businessID, actor: actor, now: now) }
    }

    /// Revokes the live certificate with `code`; the reason stays internal. Its cached look-up goes at once.
    /// - Throws: `CertificateRefusal.notRevocable` when no live certificate has the code.
    func revoke(code: String, reason: String, actor: String) async throws -> Certificate {
        let (issuer, now) = (issuer, now())
        let revoked = try await database.write { db in try issuer.revoke(db, code: code, reason: reason, actor: actor, now: now) }
        lookup.forget(code)
        guard let revoked else { throw CertificateRefusal.notRevocable }
        return revoked
    }
}

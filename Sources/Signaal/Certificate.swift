import Foundation
import Learning
import Storage

/// A responsibility certificate, issued to a business (never to a person).
struct Certificate: Sendable, Codable, Equatable {
    enum State: String, Sendable, Codable {
        case valid
        case expired
        case revoked
        /// Replaced by a renewal; it verifies as no longer current.
        case superseded
    }

    let code: String
    let businessId: String
    let businessName: String
    let sector: String
    let city: String
    let issuedAt: Date
    let expiresAt: Date
    let denominator: Int
    let completed: Int
    let revokedAt: Date?
    let supersededBy: String?

    func state(at now: Date) -> State {
        if revokedAt != nil { return .revoked }
        if supersededBy != nil { return .superseded }
        return now < expiresAt ? .valid : .expired
    }

    static let columns = "code, business_id, business_name, sector, city, issued_at, expires_at, denominator, completed, revoked_at, superseded_by"

    static func from(_ row: Row) -> Certificate {
        Certificate(code: row.string(0), businessId: row.string(1), businessName: row.string(2), sector: row.string(3),
                    city: row.string(4), issuedAt: row.date(5), expiresAt: row.date(6), denominator: row.int(7),
                    completed: row.int(8), revokedAt: row.optionalDate(9), supersededBy: row.optionalString(10))
    }
}

/// Issuing, renewing and revoking certificates, inside the caller's write transaction.
struct CertificateIssuer: Sendable {
    let progress: ProgressQueries
    /// Months a certificate is valid. The default is 12.
    let validity: CompletionPolicy
    /// Renewal opens this many months before expiry.
    static let renewalWindowMonths = 2
    /// Whether certificates are issued as soon as the rule holds (`autoIssue`).
    let automatic: Bool

    static func latest(_ db: DatabaseConnection, businessID: String) throws -> Certificate? {
        try db.queryOne("SELECT \(Certificate.columns) FROM certificates WHERE business_id = ? ORDER BY issued_at DESC LIMIT 1",
                        businessID) { Certificate.from($0) }
    }

    /// Issues (or renews) when the business is approved, meets the rule and has no current
    /// certificate outside its renewal window. Automatic issuing stops after a revocation: then only
    /// an admin (`byAdmin`) can issue again.
    /// - Returns: the new certificate, or nil when none is due.
    func issueIfDue(_ db: DatabaseConnection, businessID: String, actor: String, now: Date, byAdmin: Bool = false) throws -> Certificate? {
        guard byAdmin || automatic,
              let business = try db.queryOne("SELECT \(BusinessStore.columns) FROM businesses WHERE id = ?", businessID, row: { BusinessStore.business($0) }),
              business.status == .approved,
              let standing = try progress.progress(db, businessID: businessID, now: now), standing.eligible
        else { return nil }
        let previous = try Self.latest(db, businessID: businessID)
        if let previous {
            if previous.revokedAt != nil, !byAdmin { return nil }
            let renewalOpens = CompletionPolicy(validityMonths: -Self.renewalWindowMonths).validUntil(previous.expiresAt)
            if previous.revokedAt == nil, now < renewalOpens { return nil }
        }
        let certificate = Certificate(
            code: VerificationCode.make(), businessId: business.id, businessName: business.name, sector: business.sector.rawValue,
            city: business.city, issuedAt: now, expiresAt: validity.validUntil(now), denominator: standing.denominator,
            completed: standing.completed, revokedAt: nil, supersededBy: nil)
        try db.run("""
            INSERT INTO certificates (code, business_id, business_name, sector, city, issued_at, expires_at, denominator, completed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, certificate.code, certificate.businessId, certificate.businessName, certificate.sector, certificate.city,
            certificate.issuedAt, certificate.expiresAt, certificate.denominator, certificate.completed)
        let renewal = previous != nil && previous?.revokedAt == nil
        if let previous, renewal {
            try db.run("UPDATE certificates SET superseded_by = ? WHERE code = ?", certificate.code, previous.code)
        }
        try AuditLog.append(db, at: now, actor: actor, action: renewal ? "certificate.renewed" : "certificate.issued", subject: business.id,
                            details: ["code": certificate.code, "completed": String(standing.completed), "denominator": String(standing.denominator)])
        return certificate
    }

    /// Revokes a certificate with a reason kept for admins (verification shows only the date).
    static func revoke(_ db: DatabaseConnection, code: String, reason: String, actor: String, now: Date) throws -> Certificate? {
        guard try db.run("UPDATE certificates SET revoked_at = ?, revoke_reason = ? WHERE code = ? AND revoked_at IS NULL", now, reason, code) == 1 else {
            return nil
        }
        let certificate = try db.queryOne("SELECT \(Certificate.columns) FROM certificates WHERE code = ?", code) { Certificate.from($0) }
        try AuditLog.append(db, at: now, actor: actor, action: "certificate.revoked", subject: certificate?.businessId ?? "",
                            details: ["code": code, "reason": reason])
        return certificate
    }
}

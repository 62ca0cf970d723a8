import Foundation
import Learning
import Storage

/// A responsibility certificate, issued to a business (never to a person).
struct Certificate: Sendable, Codable, Equatable {
    enum State: String, Sendable, Codable, CaseIterable {
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
    /// The audit entry that issued it (nil for certificates issued before certificates kept their anchor).
    let anchor: AuditLog.Anchor?

    func state(at now: Date) -> State {
        if revokedAt != nil { return .revoked }
        if supersededBy != nil { return .superseded }
        return now < expiresAt ? .valid : .expired
    }

    static let columns = """
        code, business_id, business_name, sector, city, issued_at, expires_at, denominator, completed, revoked_at, superseded_by,
        audit_seq, audit_hash
        """

    static func from(_ row: Row) -> Certificate {
        Certificate(code: row.string(0), businessId: row.string(1), businessName: row.string(2), sector: row.string(3),
                    city: row.string(4), issuedAt: row.date(5), expiresAt: row.date(6), denominator: row.int(7),
                    completed: row.int(8), revokedAt: row.optionalDate(9), supersededBy: row.optionalString(10),
                    anchor: row.optionalInt(11).map { AuditLog.Anchor(seq: $0, hash: row.blob(12)) })
    }
}

/// Why an admin could not issue or revoke a certificate.
enum CertificateRefusal: Error, Equatable {
    case unknownBusiness
    case businessNotApproved
    /// The rule does not hold, or the certificate is not due for renewal.
    case notEligible
    /// No live certificate has the code (unknown, or already revoked).
    case notRevocable
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
    let audit: AuditLog

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
        let code = VerificationCode.make()
        let expiresAt = validity.validUntil(now)
        let renewal = previous != nil && previous?.revokedAt == nil
        var details = ["code": code, "completed": String(standing.completed), "denominator": String(standing.denominator),
                       "expiresAt": String(expiresAt.millisecondsSince1970), "businessName": business.name, "city": business.city,
                       "sector": business.sector.rawValue]
        if let previous, renewal { details["supersedes"] = previous.code }
        // The entry comes first so the certificate can keep its anchor: the log says what the table must hold.
        let anchor = try audit.append(db, at: now, actor: actor, action: renewal ? .certificateRenewed : .certificateIssued,
                                      subject: business.id, details: details)
        let certificate = Certificate(
            code: code, businessId: business.id, businessName: business.name, sector: business.sector.rawValue,
            city: business.city, issuedAt: now, expiresAt: expiresAt, denominator: standing.denominator,
            completed: standing.completed, revokedAt: nil, supersededBy: nil, anchor: anchor)
        try db.run("""
            INSERT INTO certificates (code, business_id, business_name, sector, city, issued_at, expires_at, denominator, completed, audit_seq, audit_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, certificate.code, certificate.businessId, certificate.businessName, certificate.sector, certificate.city,
            certificate.issuedAt, certificate.expiresAt, certificate.denominator, certificate.completed, anchor.seq, anchor.hash)
        if let previous, renewal {
            try db.run("UPDATE certificates SET superseded_by = ? WHERE code = ?", certificate.code, previous.code)
        }
        return certificate
    }

    /// An admin's request to issue now: the business must exist, be approved, meet the rule and be due.
    /// - Throws: `CertificateRefusal`.
    func issueOnRequest(_ db: DatabaseConnection, businessID: String, actor: String, now: Date) throws -> Certificate {
        guard let status = try db.queryOne("SELECT status FROM businesses WHERE id = ?", businessID, row: { $0.string(0) }) else {
            throw CertificateRefusal.unknownBusiness
        }
        guard status == Business.Status.approved.rawValue else { throw CertificateRefusal.businessNotApproved }
        guard let issued = try issueIfDue(db, businessID: businessID, actor: actor, now: now, byAdmin: true) else {
            throw CertificateRefusal.notEligible
        }
        return issued
    }

    /// Revokes a certificate with a reason kept for admins (verification shows only the date).
    func revoke(_ db: DatabaseConnection, code: String, reason: String, actor: String, now: Date) throws -> Certificate? {
        guard try db.run("UPDATE certificates SET revoked_at = ?, revoke_reason = ? WHERE code = ? AND revoked_at IS NULL", now, reason, code) == 1 else {
            return nil
        }
        let certificate = try db.queryOne("SELECT \(Certificate.columns) FROM certificates WHERE code = ?", code) { Certificate.from($0) }
        try audit.append(db, at: now, actor: actor, action: .certificateRevoked, subject: certificate?.businessId ?? "",
                            details: ["code": code, "reason": reason])
        return certificate
    }
}

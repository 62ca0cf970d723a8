import Foundation
import Storage

/// Replays the audit log's certificate entries (issue, renewal, revocation) and compares the result with
/// the `certificates` table, so a certificate edited in the database (revived after revocation, given
/// other dates, another code or business) shows up in `audit verify`.
enum CertificateReplay {
    /// A certificate as the log tells its story.
    struct Logged {
        let code: String
        let businessID: String
        let issuedAt: Int64
        /// What the entry says the document shows; only in entries written since certificates keep their
        /// anchor (nil for older ones, which are checked for what they hold).
        let details: [String: String]
        var expiresAt: Int64? { details["expiresAt"].flatMap { Int64($0) } }
        let anchor: AuditLog.Anchor
        var revokedAt: Int64?
        var supersededBy: String?
    }

    static func problems(_ db: DatabaseConnection) throws -> [String] {
        var logged: [String: Logged] = [:]
        var latestByBusiness: [String: String] = [:]
        try AuditVerifier.forEachEntry(db, after: 0) { entry in
            guard let action = AuditAction(rawValue: entry.action),
                  [.certificateIssued, .certificateRenewed, .certificateRevoked].contains(action),
                  let details = try JSONSerialization.jsonObject(with: Data(entry.details.utf8)) as? [String: String],
                  let code = details["code"]
            else { return true }
            if action == .certificateRevoked {
                logged[code]?.revokedAt = entry.at
                return true
            }
            // The rule the issuer follows: a renewal replaces the business's latest certificate.
            if action == .certificateRenewed, let previous = latestByBusiness[entry.subject] { logged[previous]?.supersededBy = code }
            latestByBusiness[entry.subject] = code
            logged[code] = Logged(code: code, businessID: entry.subject, issuedAt: entry.at, details: details,
                                  anchor: AuditLog.Anchor(seq: entry.seq, hash: entry.hash), revokedAt: nil, supersededBy: nil)
            return true
        }
        var problems: [String] = []
        var seen = Set<String>()
        _ = try db.query("""
            SELECT code, business_id, issued_at, expires_at, revoked_at, superseded_by, audit_seq, audit_hash,
                   business_name, city, sector, denominator, completed
            FROM certificates ORDER BY issued_at, code
            """) { row -> Void in
            let code = row.string(0)
            seen.insert(code)
            guard let story = logged[code] else {
                problems.append("certificate \(code) has no issuing entry in the audit log")
                return
            }
            if row.string(1) != story.businessID { problems.append("certificate \(code) belongs to another business than the log says") }
            if row.int64(2) != story.issuedAt { problems.append("certificate \(code) has another issue date than the log says") }
            if let expiresAt = story.expiresAt, row.int64(3) != expiresAt { problems.append("certificate \(code) has another expiry date than the log says") }
            let shown = ["businessName": row.string(8), "city": row.string(9), "sector": row.string(10),
                         "denominator": String(row.int(11)), "completed": String(row.int(12))]
            for (field, value) in shown.sorted(by: { $0.key < $1.key }) where story.details[field].map({ $0 != value }) ?? false {
                problems.append("certificate \(code) shows another \(field) than the log says")
            }
            let revokedAt = row.isNull(4) ? nil : row.int64(4)
            switch (revokedAt, story.revokedAt) {
            case (nil, .some(let at)):
                problems.append("certificate \(code) was revoked (audit log, \(Date(timeIntervalSince1970: Double(at) / 1000))) but the table shows it as not revoked")
            case (.some, nil): problems.append("certificate \(code) is revoked in the table but the log has no revocation")
            case (.some(let stored), .some(let at)) where stored != at: problems.append("certificate \(code) has another revocation date than the log says")
            case (nil, nil), (.some, .some): break
            }
            if row.optionalString(5) != story.supersededBy { problems.append("certificate \(code) shows another renewal than the log says") }
            // Certificates issued since anchors exist (their entry records the expiry) must keep theirs.
            if row.isNull(6) ? story.expiresAt != nil : (row.int(6) != story.anchor.seq || row.blob(7) != story.anchor.hash) {
                problems.append("certificate \(code) has another anchor than its issuing entry \(story.anchor.seq)")
            }
        }
        for code in logged.keys.sorted() where !seen.contains(code) {
            problems.append("certificate \(code) is in the audit log but missing from the table")
        }
        return problems
    }
}

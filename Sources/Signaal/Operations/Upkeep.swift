import Foundation
import Storage

/// The daily upkeep: what must happen because time passed, with nobody asking. It records each
/// certificate that expired (once, in the audit log), renews a certificate as soon as the rule holds in
/// its renewal window (or issues again after an expiry), and keeps each business's warnings current: the
/// certificate expires within 30 days while more staff are needed, or a certified business fell below the
/// threshold after turnover. The server runs it daily and `signaal tasks run` on demand; a lease in the
/// database makes sure two never run at once, whichever process they are in.
public struct Upkeep: Sendable {
    let database: Database
    let progress: ProgressQueries
    let issuer: CertificateIssuer
    let audit: AuditLog
    let now: @Sendable () -> Date

    /// Warn this long before a certificate expires.
    static let warningDays = 30
    /// A run that died keeps the lease this long before another may take it.
    static let lease: TimeInterval = 3600

    /// What one run did.
    public struct Report: Sendable, Codable, Equatable {
        public var certificatesExpired = 0
        public var certificatesIssued = 0
        public var warnings = 0
        /// True when another run held the lease, so this one did nothing.
        public var skipped = false
    }

    /// A warning on a business, as the manager's page and the admin list show it.
    struct Warning: Sendable, Codable, Equatable {
        /// `certificate_expiring` or `below_threshold`.
        let kind: String
        /// More staff who must complete the training.
        let needed: Int
        /// When the certificate expires (for `certificate_expiring`).
        let expiresAt: Date?
        /// When upkeep first saw it.
        let since: Date
    }

    /// Runs once, unless another run holds the lease.
    public func run(holder: String = "server") async throws -> Report {
        let now = now()
        guard try await acquire(holder: holder, now: now) else { return Report(skipped: true) }
        var report = Report()
        do {
            let businesses = try await database.read { db in
                try db.query("SELECT id FROM businesses WHERE status = 'approved' ORDER BY id") { $0.string(0) }
            }
            report.certificatesExpired = try await recordExpiries(now: now)
            for businessID in businesses {
                let (issued, warnings) = try await upkeep(businessID, now: now)
                report.certificatesIssued += issued ? 1 : 0
                report.warnings += warnings
            }
        } catch {
            try? await release(report: nil, now: now)
            throw error
        }
        try await release(report: report, now: now)
        return report
    }

    /// Each certificate that ran out (not revoked, not replaced) is recorded once.
    private func recordExpiries(now: Date) async throws -> Int {
        let audit = audit
        return try await database.write { db in
            let expired = try db.query("""
                SELECT code, business_id FROM certificates
                WHERE expires_at <= ? AND revoked_at IS NULL AND superseded_by IS NULL AND expiry_recorded_at IS NULL
                """, now) { (code: $0.string(0), business: $0.string(1)) }
            for certificate in expired {
                try db.run("UPDATE certificates SET expiry_recorded_at = ? WHERE code = ?", now, certificate.code)
                try audit.append(db, at: now, actor: "upkeep", action: .certificateExpired, subject: certificate.business,
                                 details: ["code": certificate.code])
            }
            return expired.count
        }
    }

    /// Renews or issues when due, then replaces the business's warnings with the ones that hold now.
    private func upkeep(_ businessID: String, now: Date) async throws -> (issued: Bool, warnings: Int) {
        let (issuer, progress) = (issuer, progress)
        return try await database.write { db in
            let issued = try issuer.issueIfDue(db, businessID: businessID, actor: "upkeep", now: now) != nil
            guard let standing = try progress.progress(db, businessID: businessID, now: now) else { return (issued, 0) }
            let current = try CertificateIssuer.latest(db, businessID: businessID)
            var holding: [(kind: String, expiresAt: Date?)] = []
            if let current, current.revokedAt == nil, current.supersededBy == nil, current.expiresAt > now, !standing.eligible {
                let soon = current.expiresAt.timeIntervalSince(now) <= Double(Self.warningDays) * 86_400
                holding.append(soon ? ("certificate_expiring", current.expiresAt) : ("below_threshold", nil))
            }
            let kinds = holding.map(\.kind)
            try db.run("DELETE FROM business_warnings WHERE business_id = ?1 AND kind NOT IN (SELECT value FROM json_each(?2))",
                       businessID, String(decoding: try JSONEncoder().encode(kinds), as: UTF8.self))
            for warning in holding {
                try db.run("""
                    INSERT INTO business_warnings (business_id, kind, needed, expires_at, since) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (business_id, kind) DO UPDATE SET needed = excluded.needed, expires_at = excluded.expires_at
                    """, businessID, warning.kind, standing.needed, warning.expiresAt, now)
            }
            return (issued, holding.count)
        }
    }

    /// The warnings recorded on a business, oldest first.
    static func warnings(_ db: DatabaseConnection, businessID: String) throws -> [Warning] {
        try db.query("SELECT kind, needed, expires_at, since FROM business_warnings WHERE business_id = ? ORDER BY since, kind", businessID) {
            Warning(kind: $0.string(0), needed: $0.int(1), expiresAt: $0.optionalDate(2), since: $0.date(3))
        }
    }

    /// Takes the lease when it is free or has run out.
    private func acquire(holder: String, now: Date) async throws -> Bool {
        try await database.write { db in
            try db.run("INSERT OR IGNORE INTO task_runs (name) VALUES ('upkeep')")
            return try db.run("""
                UPDATE task_runs SET holder = ?, lease_until = ?, last_started_at = ?
                WHERE name = 'upkeep' AND (lease_until IS NULL OR lease_until < ?)
                """, holder, now.addingTimeInterval(Self.lease), now, now) == 1
        }
    }

    private func release(report: Report?, now: Date) async throws {
        let summary = report.map { String(decoding: (try? JSONEncoder().encode($0)) ?? Data(), as: UTF8.self) }
        try await database.write { db in
            _ = try db.run("""
                UPDATE task_runs SET holder = NULL, lease_until = NULL, last_finished_at = coalesce(?, last_finished_at),
                last_report = coalesce(?, last_report) WHERE name = 'upkeep'
                """, report == nil ? nil : now, summary)
        }
    }

    /// When the last run finished, if one has.
    func lastFinished() async throws -> Date? {
        try await database.read { db in
            try db.queryOne("SELECT last_finished_at FROM task_runs WHERE name = 'upkeep'") { $0.optionalDate(0) } ?? nil
        }
    }
}

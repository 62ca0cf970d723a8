import Foundation
import Learning
import Storage

/// Why a headcount decision or an approval was refused.
enum HeadcountRefusal: Error, Equatable {
    /// No lowered headcount waits for a decision.
    case nothingPending
    /// The manager changed the headcount since the admin saw it.
    case changed(current: Int, expected: Int)
}

/// The SQL for businesses: registration, reading, updating and approval, each audited.
struct BusinessStore: Sendable {
    let database: Database
    let audit: AuditLog

    static let columns = """
        id, name, sector, city, kvk, declared_headcount, status, created_at, approved_at,
        requested_headcount, requested_headcount_at, requested_headcount_by
        """

    static func business(_ row: Row, from column: Int32 = 0) -> Business {
        Business(id: row.string(column), name: row.string(column + 1), sector: Sector(rawValue: row.string(column + 2)) ?? .hotel,
                 city: row.string(column + 3), kvk: row.string(column + 4), declaredHeadcount: row.int(column + 5),
                 status: Business.Status(rawValue: row.string(column + 6)) ?? .pending, createdAt: row.date(column + 7),
                 approvedAt: row.optionalDate(column + 8),
                 pendingHeadcount: row.optionalInt(column + 9).map {
                     Business.PendingHeadcount(headcount: $0, requestedAt: row.date(column + 10), requestedBy: row.string(column + 11))
                 })
    }

    /// Registers a business and its first manager in one transaction; nil (and nothing written) when an
    /// account already has the email address.
    func register(_ business: Business, managerName: String, managerEmail: String, passwordHash: String) async throws -> Account? {
        let manager = Account(id: Identifier.make("usr"), role: .manager, businessId: business.id, name: managerName, email: managerEmail, username: nil)
        do {
            try await database.write { db in
                try Self.insert(db, business)
                try db.run("INSERT INTO users (id, role, business_id, name, email, job_role, password_hash, joined_at, created_at) VALUES (?, 'manager', ?, ?, ?, ?, ?, ?, ?)",
                           manager.id, business.id, managerName, managerEmail, JobRole.management.rawValue, passwordHash, business.createdAt, business.createdAt)
                try audit.append(db, at: business.createdAt, actor: manager.id, action: .businessRegistered, subject: business.id,
                                    details: ["name": business.name, "status": business.status.rawValue])
            }
        } catch let error as StorageError where error.isUniqueViolation {
            return nil
        }
        return manager
    }

    static func insert(_ db: DatabaseConnection, _ business: Business) throws {
        try db.run("""
            INSERT INTO businesses (id, name, sector, city, kvk, declared_headcount, status, created_at, approved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, business.id, business.name, business.sector.rawValue, business.city, business.kvk,
            business.declaredHeadcount, business.status.rawValue, business.createdAt, business.approvedAt)
    }

    /// The business with its progress and latest certificate, read in one snapshot; nil when unknown.
    func standing(id: String, progress: ProgressQueries, now: Date, monthStart: Date) async throws
        -> (Business, CertificationPolicy.Progress?, Certificate?, [Upkeep.Warning], Int)? {
        try await database.read { db in
            guard let business = try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id, row: { Self.business($0) }) else {
                return nil
            }
            return (business, try progress.progress(db, businessID: id, now: now), try CertificateIssuer.latest(db, businessID: id),
                    try Upkeep.warnings(db, businessID: id),
                    try db.queryOne("SELECT count(*) FROM reminders WHERE business_id = ? AND reminded_at >= ?", id, monthStart) { $0.int(0) } ?? 0)
        }
    }

    func business(id: String) async throws -> Business? {
        try await database.read { db in
            try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id) { Self.business($0) }
        }
    }

    /// Changes name, city or declared headcount; nil fields stay as they are.
    ///
    /// The headcount is part of what an admin approves: once a business is approved, a manager's lower
    /// figure is held as a pending change (the rule keeps the approved one) until an admin decides. A higher
    /// figure, any figure before approval, and an admin's own change take effect at once; each withdraws a
    /// pending change.
    func update(id: String, name: String?, city: String?, headcount: Int?, actor: String, byAdmin: Bool, now: Date) async throws -> Business? {
        try await database.write { db in
            guard let current = try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id, row: { Self.business($0) }) else { return nil }
            var details: [String: String] = [:]
            if let name { try db.run("UPDATE businesses SET name = ? WHERE id = ?", name, id); details["name"] = name }
            if let city { try db.run("UPDATE businesses SET city = ? WHERE id = ?", city, id); details["city"] = city }
            if let headcount {
                let lowersApproved = headcount < current.declaredHeadcount && current.status == .approved && !byAdmin
                if lowersApproved {
                    if current.pendingHeadcount?.headcount != headcount {
                        try db.run("UPDATE businesses SET requested_headcount = ?, requested_headcount_at = ?, requested_headcount_by = ? WHERE id = ?",
                                   headcount, now, actor, id)
                        try audit.append(db, at: now, actor: actor, action: .headcountChangeRequested, subject: id,
                                         details: ["from": String(current.declaredHeadcount), "to": String(headcount)])
                    }
                } else {
                    if headcount != current.declaredHeadcount {
                        try db.run("UPDATE businesses SET declared_headcount = ? WHERE id = ?", headcount, id)
                        details["declaredHeadcount"] = String(headcount)
                    }
                    if let pending = current.pendingHeadcount {
                        try Self.clearPendingHeadcount(db, id: id)
                        try audit.append(db, at: now, actor: actor, action: .headcountChangeWithdrawn, subject: id,
                                         details: ["requested": String(pending.headcount), "headcount": String(headcount)])
                    }
                }
            }
            if !details.isEmpty { try audit.append(db, at: now, actor: actor, action: .businessUpdated, subject: id, details: details) }
            return try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id) { Self.business($0) }
        }
    }

    /// An admin confirms (the lower headcount takes effect) or rejects a pending headcount change.
    /// - Throws: `HeadcountRefusal.nothingPending` when there is none to decide.
    func decideHeadcountChange(id: String, confirm: Bool, actor: String, now: Date) async throws -> Business? {
        try await database.write { db in
            guard let current = try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id, row: { Self.business($0) }) else { return nil }
            guard let pending = current.pendingHeadcount else {
                throw HeadcountRefusal.nothingPending
            }
            if confirm { try db.run("UPDATE businesses SET declared_headcount = ? WHERE id = ?", pending.headcount, id) }
            try Self.clearPendingHeadcount(db, id: id)
            try audit.append(db, at: now, actor: actor, action: confirm ? .headcountChangeConfirmed : .headcountChangeRejected, subject: id,
                             details: ["from": String(current.declaredHeadcount), "to": String(pending.headcount),
                                       "requestedBy": pending.requestedBy])
            return try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id) { Self.business($0) }
        }
    }

    private static func clearPendingHeadcount(_ db: DatabaseConnection, id: String) throws {
        try db.run("UPDATE businesses SET requested_headcount = NULL, requested_headcount_at = NULL, requested_headcount_by = NULL WHERE id = ?", id)
    }

    /// Approves a pending business; approving an approved one changes nothing.
    /// - Parameter expectedHeadcount: the headcount the admin saw and approves with the business; when the
    ///   manager changed it since, nothing is approved (`HeadcountRefusal.changed`).
    func approve(id: String, expectedHeadcount: Int?, actor: String, now: Date) async throws -> Business? {
        try await database.write { db in
            if let expectedHeadcount, let current = try db.queryOne("SELECT declared_headcount FROM businesses WHERE id = ? AND status = 'pending'", id,
                                                                     row: { $0.int(0) }), current != expectedHeadcount {
                throw HeadcountRefusal.changed(current: current, expected: expectedHeadcount)
            }
            let changed = try db.run("UPDATE businesses SET status = 'approved', approved_at = ? WHERE id = ? AND status = 'pending'", now, id)
            if changed == 1 { try audit.append(db, at: now, actor: actor, action: .businessApproved, subject: id) }
            return try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id) { Self.business($0) }
        }
    }
}

import Foundation
import Learning
import Storage

/// The SQL for businesses: registration, reading, updating and approval, each audited.
struct BusinessStore: Sendable {
    let database: Database

    static let columns = "id, name, sector, city, kvk, declared_headcount, status, created_at, approved_at"

    static func business(_ row: Row, from column: Int32 = 0) -> Business {
        Business(id: row.string(column), name: row.string(column + 1), sector: Sector(rawValue: row.string(column + 2)) ?? .hotel,
                 city: row.string(column + 3), kvk: row.string(column + 4), declaredHeadcount: row.int(column + 5),
                 status: Business.Status(rawValue: row.string(column + 6)) ?? .pending, createdAt: row.date(column + 7),
                 approvedAt: row.optionalDate(column + 8))
    }

    /// Registers a business and its first manager in one transaction.
    func register(_ business: Business, managerName: String, managerEmail: String, passwordHash: String) async throws -> Account {
        let manager = Account(id: Identifier.make("usr"), role: .manager, businessId: business.id, name: managerName, email: managerEmail, username: nil)
        do {
            try await database.write { db in
                try db.run("""
                    INSERT INTO businesses (id, name, sector, city, kvk, declared_headcount, status, created_at, approved_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, business.id, business.name, business.sector.rawValue, business.city, business.kvk,
                    business.declaredHeadcount, business.status.rawValue, business.createdAt, business.approvedAt)
                try db.run("INSERT INTO users (id, role, business_id, name, email, password_hash, joined_at, created_at) VALUES (?, 'manager', ?, ?, ?, ?, ?, ?)",
                           manager.id, business.id, managerName, managerEmail, passwordHash, business.createdAt, business.createdAt)
                try AuditLog.append(db, at: business.createdAt, actor: manager.id, action: "business.registered", subject: business.id,
                                    details: ["name": business.name, "status": business.status.rawValue])
            }
        } catch let error as StorageError where error.isUniqueViolation {
            throw APIError.conflict("email_taken", "An account with this email address already exists.")
        }
        return manager
    }

    func business(id: String) async throws -> Business? {
        try await database.read { db in
            try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id) { Self.business($0) }
        }
    }

    /// Changes name, city or declared headcount; nil fields stay as they are.
    func update(id: String, name: String?, city: String?, headcount: Int?, actor: String, now: Date) async throws -> Business? {
        try await database.write { db in
            guard try db.queryOne("SELECT 1 FROM businesses WHERE id = ?", id, row: { _ in true }) != nil else { return nil }
            var details: [String: String] = [:]
            if let name { try db.run("UPDATE businesses SET name = ? WHERE id = ?", name, id); details["name"] = name }
            if let city { try db.run("UPDATE businesses SET city = ? WHERE id = ?", city, id); details["city"] = city }
            if let headcount {
                try db.run("UPDATE businesses SET declared_headcount = ? WHERE id = ?", headcount, id)
                details["declaredHeadcount"] = String(headcount)
            }
            if !details.isEmpty { try AuditLog.append(db, at: now, actor: actor, action: "business.updated", subject: id, details: details) }
            return try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id) { Self.business($0) }
        }
    }

    /// Approves a pending business; approving an approved one changes nothing.
    func approve(id: String, actor: String, now: Date) async throws -> Business? {
        try await database.write { db in
            let changed = try db.run("UPDATE businesses SET status = 'approved', approved_at = ? WHERE id = ? AND status = 'pending'", now, id)
            if changed == 1 { try AuditLog.append(db, at: now, actor: actor, action: "business.approved", subject: id) }
            return try db.queryOne("SELECT \(Self.columns) FROM businesses WHERE id = ?", id) { Self.business($0) }
        }
    }
}

import Foundation
import Learning
import Storage

/// Counting staff and valid completions for the 60 percent rule, for one business or many.
struct ProgressQueries: Sendable {
    let catalog: Catalog
    let completion: CompletionPolicy
    let certification: CertificationPolicy

    /// Active, confirmed people on the roster: staff, and managers who put themselves on it.
    static let activeStaff = "u.on_roster = 1 AND u.active = 1 AND u.confirmed = 1"

    /// Active staff of each business, and how many of them have a completion that counts, from one
    /// scan of the `users_business_completion` index. `whereBusiness` narrows it to one business.
    private func counts(_ db: DatabaseConnection, now: Date, businessID: String?) throws -> [String: (active: Int, completed: Int)] {
        let sectors = !catalog.courses.values.contains(where: { $0.retrainFrom != nil }) ? [:] : Dictionary(try db.query(
            businessID == nil ? "SELECT id, sector FROM businesses" : "SELECT id, sector FROM businesses WHERE id = ?",
            arguments: businessID.map { [$0] } ?? [], row: { ($0.string(0), $0.string(1)) }), uniquingKeysWith: { first, _ in first })
        var counts: [String: (active: Int, completed: Int)] = [:]
        let filter = businessID == nil ? "" : "u.business_id = ?2 AND "
        let arguments: [any SQLBindable] = [completion.validFrom(now)] + (businessID.map { [$0] } ?? [])
        guard catalog.courses.values.contains(where: { $0.retrainFrom != nil }) else {
            // No course version needs re-training: every recent completion counts.
            for (business, active, completed) in try db.query("""
                SELECT u.business_id, count(*), total(u.completed_at >= ?1) FROM users u WHERE \(filter)\(Self.activeStaff) GROUP BY 1
                """, arguments: arguments, row: { ($0.string(0), $0.int(1), Int($0.double(2))) }) {
                counts[business] = (active, completed)
            }
            return counts
        }
        let rows = try db.query("""
            SELECT u.business_id, u.completed_at >= ?1, coalesce(u.completed_version, 0), count(*) FROM users u
            WHERE \(filter)\(Self.activeStaff) GROUP BY 1, 2, 3
            """, arguments: arguments) { ($0.string(0), $0.bool(1), $0.int(2), $0.int(3)) }
        for (business, valid, version, count) in rows {
            let minimum = sectors[business].flatMap { Sector(rawValue: $0) }.flatMap { catalog.courses[$0]?.retrainFrom } ?? 0
            counts[business, default: (0, 0)].active += count
            if valid, version >= minimum { counts[business, default: (0, 0)].completed += count }
        }
        return counts
    }

    /// Active staff and valid completions of every business (for the admin list).
    func countsByBusiness(_ db: DatabaseConnection, now: Date) throws -> [String: (active: Int, completed: Int)] {
        try counts(db, now: now, businessID: nil)
    }

    func progress(_ db: DatabaseConnection, businessID: String, now: Date) throws -> CertificationPolicy.Progress? {
        guard let declared = try db.queryOne("SELECT declared_headcount FROM businesses WHERE id = ?", businessID, row: { $0.int(0) }) else { return nil }
        let count = try counts(db, now: now, businessID: businessID)[businessID] ?? (0, 0)
        return certification.progress(declaredHeadcount: declared, activeEmployees: count.active, completed: count.completed)
    }
}

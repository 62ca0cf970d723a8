import Foundation
import Learning
import Storage

/// Counting staff and valid completions for the 60 percent rule, for one business or many.
struct ProgressQueries: Sendable {
    let catalog: Catalog
    let completion: CompletionPolicy
    let certification: CertificationPolicy

    /// Active, confirmed staff on the roster.
    static let activeStaff = "u.role = 'employee' AND u.active = 1 AND u.confirmed = 1"

    /// SQL for the lowest course version that still counts in a business's sector (`b.sector`).
    var minimumVersionSQL: String {
        let cases = Sector.allCases.map { sector in "WHEN '\(sector.rawValue)' THEN \(catalog.courses[sector]?.retrainFrom ?? 0)" }
        return "(CASE b.sector \(cases.joined(separator: " ")) ELSE 0 END)"
    }

    /// Active staff and those with a completion that counts, for the businesses `whereSQL` selects.
    var countsSQL: String {
        """
        (SELECT count(*) FROM users u WHERE u.business_id = b.id AND \(Self.activeStaff)),
        (SELECT count(*) FROM users u WHERE u.business_id = b.id AND \(Self.activeStaff) AND EXISTS (
            SELECT 1 FROM course_completions c WHERE c.user_id = u.id AND c.completed_at >= ?1 AND c.course_version >= \(minimumVersionSQL)))
        """
    }

    func progress(_ db: DatabaseConnection, businessID: String, now: Date) throws -> CertificationPolicy.Progress? {
        try db.queryOne("SELECT b.declared_headcount, \(countsSQL) FROM businesses b WHERE b.id = ?2",
                        completion.validFrom(now), businessID) { row in
            certification.progress(declaredHeadcount: row.int(0), activeEmployees: row.int(1), completed: row.int(2))
        }
    }
}

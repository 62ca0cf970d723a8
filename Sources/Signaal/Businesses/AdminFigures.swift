import Foundation
import Learning
import Storage

/// The SQL behind the admin's overview: every business with its progress and certificate state, and
/// the national figures.
struct AdminFigures: Sendable {
    let database: Database
    let progress: ProgressQueries

    /// A business as the admin's list shows it.
    struct Row: Codable {
        let business: Business
        let progress: CertificationPolicy.Progress
        /// `none`, `valid`, `expired` or `revoked`.
        let certificate: String
        /// The code of the latest certificate that is not revoked or superseded, for revoking it.
        let certificateCode: String?
        /// The kinds of warning the daily upkeep recorded (`certificate_expiring`, `below_threshold`).
        let warnings: [String]
    }

    /// Which businesses to list; nil and false mean "any".
    struct Filter: Sendable {
        var sector: Sector?
        var city: String?
        var status: Business.Status?
        /// Only those with a lowered headcount waiting for a decision.
        var pendingHeadcount = false
        /// Only those with a warning from the daily upkeep ("needs attention").
        var needsAttention = false
    }

    struct SectorFigures: Codable {
        let sector: String
        let businesses: Int
        let certifiedBusinesses: Int
        let staffTrained: Int
    }

    struct MonthFigures: Codable {
        let month: String
        let sector: String
        let completions: Int
    }

    struct Statistics: Codable {
        let sectors: [SectorFigures]
        let staffTrained: Int
        let completionsPerMonth: [MonthFigures]
    }

    /// The businesses that pass `filter`, by name, each with its progress and certificate state.
    func rows(_ filter: Filter, now: Date) async throws -> [Row] {
        var conditions: [String] = []
        var arguments: [any SQLBindable] = []
        if let sector = filter.sector { conditions.append("b.sector = ?\(arguments.count + 1)"); arguments.append(sector.rawValue) }
        if let city = filter.city { conditions.append("b.city = ?\(arguments.count + 1) COLLATE NOCASE"); arguments.append(city) }
        if let status = filter.status { conditions.append("b.status = ?\(arguments.count + 1)"); arguments.append(status.rawValue) }
        if filter.pendingHeadcount { conditions.append("b.requested_headcount IS NOT NULL") }
        if filter.needsAttention { conditions.append("EXISTS (SELECT 1 FROM business_warnings w WHERE w.business_id = b.id)") }
        let sql = "SELECT \(BusinessStore.columns) FROM businesses b WHERE 1 \(conditions.map { "AND " + $0 }.joined(separator: " ")) ORDER BY b.name COLLATE NOCASE, b.id"
        let bound = arguments
        let progress = progress
        return try await database.read { db -> [Row] in
            let counts = try progress.countsByBusiness(db, now: now)
            // SQLite takes the bare `code` column from the row holding max(expires_at).
            let live = Dictionary(try db.query(
                "SELECT business_id, max(expires_at), code FROM certificates WHERE revoked_at IS NULL AND superseded_by IS NULL GROUP BY business_id",
                row: { ($0.string(0), (expires: $0.date(1), code: $0.string(2))) }), uniquingKeysWith: { $0.expires > $1.expires ? $0 : $1 })
            let revoked = Set(try db.query("SELECT DISTINCT business_id FROM certificates WHERE revoked_at IS NOT NULL") { $0.string(0) })
            let warnings = Dictionary(grouping: try db.query("SELECT business_id, kind FROM business_warnings ORDER BY kind") {
                (business: $0.string(0), kind: $0.string(1))
            }, by: \.business).mapValues { $0.map(\.kind) }
            return try db.query(sql, arguments: bound) { row -> Row in
                let business = BusinessStore.business(row)
                let count = counts[business.id] ?? (0, 0)
                let standing = progress.certification.progress(declaredHeadcount: business.declaredHeadcount,
                                                               activeEmployees: count.active, completed: count.completed)
                let current = live[business.id]
                let state = current.map { $0.expires > now ? "valid" : "expired" } ?? (revoked.contains(business.id) ? "revoked" : "none")
                return Row(business: business, progress: standing, certificate: state, certificateCode: current?.code,
                           warnings: warnings[business.id] ?? [])
            }
        }
    }

    /// Businesses and certified businesses per sector, staff trained, and completions per month.
    func statistics(now: Date) async throws -> Statistics {
        let validFrom = progress.completion.validFrom(now)
        return try await database.read { db -> Statistics in
            let businesses = Dictionary(try db.query("SELECT sector, count(*) FROM businesses GROUP BY sector") { ($0.string(0), $0.int(1)) },
                                        uniquingKeysWith: +)
            let certified = Dictionary(try db.query("""
                SELECT b.sector, count(DISTINCT b.id) FROM businesses b JOIN certificates c ON c.business_id = b.id
                WHERE c.revoked_at IS NULL AND c.superseded_by IS NULL AND c.expires_at > ? GROUP BY b.sector
                """, now) { ($0.string(0), $0.int(1)) }, uniquingKeysWith: +)
            let trained = Dictionary(try db.query("""
                SELECT c.sector, count(DISTINCT c.user_id) FROM course_completions c WHERE c.completed_at >= ? GROUP BY c.sector
                """, validFrom) { ($0.string(0), $0.int(1)) }, uniquingKeysWith: +)
            let months = try db.query("""
                SELECT strftime('%Y-%m', completed_at / 1000, 'unixepoch'), sector, count(*) FROM course_completions
                GROUP BY 1, 2 ORDER BY 1, 2
                """) { MonthFigures(month: $0.string(0), sector: $0.string(1), completions: $0.int(2)) }
            let sectors = Sector.allCases.map { sector in
                SectorFigures(sector: sector.rawValue, businesses: businesses[sector.rawValue] ?? 0,
                              certifiedBusinesses: certified[sector.rawValue] ?? 0, staffTrained: trained[sector.rawValue] ?? 0)
            }
            return Statistics(sectors: sectors, staffTrained: sectors.map(\.staffTrained).reduce(0, +), completionsPerMonth: months)
        }
    }
}

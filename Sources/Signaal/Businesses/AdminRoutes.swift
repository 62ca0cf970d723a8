import Foundation
import HTTP
import Learning
import Storage

/// The admin's overview: businesses with their progress (filtered and paged) and national figures.
struct AdminRoutes: Sendable {
    let services: AppServices

    struct Row: Codable {
        let business: Business
        let progress: CertificationPolicy.Progress
        /// `none`, `valid`, `expired` or `revoked`.
        let certificate: String
        /// The code of the latest certificate that is not revoked or superseded, for revoking it.
        let certificateCode: String?
    }

    struct Page: Codable {
        let businesses: [Row]
        let total: Int
        let limit: Int
        let offset: Int
    }

    func businessList(_ context: RequestContext) async throws -> Reply<Page> {
        Reply(try await list(context.request))
    }

    func nationalFigures(_ context: RequestContext) async throws -> Reply<Statistics> {
        Reply(try await statistics())
    }

    func integrity(_ context: RequestContext) async throws -> Reply<AuditMonitor.Status> {
        Reply(services.auditMonitor.status)
    }

    private func list(_ request: HTTPRequest) async throws -> Page {
        let query = request.queryParameters
        let limit = min(max(Int(query["limit"] ?? "") ?? 50, 1), 500)
        let offset = max(Int(query["offset"] ?? "") ?? 0, 0)
        var conditions: [String] = []
        var arguments: [any SQLBindable] = []
        if let sector = query["sector"], !sector.isEmpty { conditions.append("b.sector = ?\(arguments.count + 1)"); arguments.append(try Validation.sector(sector).rawValue) }
        if let city = query["city"], !city.isEmpty { conditions.append("b.city = ?\(arguments.count + 1) COLLATE NOCASE"); arguments.append(city) }
        if let status = query["status"], !status.isEmpty {
            guard Business.Status(rawValue: status) != nil else { throw APIError.badRequest("invalid_filter", "status must be pending or approved.") }
            conditions.append("b.status = ?\(arguments.count + 1)")
            arguments.append(status)
        }
        if let headcount = query["headcount"], !headcount.isEmpty {
            guard headcount == "pending" else { throw APIError.badRequest("invalid_filter", "headcount must be pending.") }
            conditions.append("b.requested_headcount IS NOT NULL")
        }
        let eligible = query["eligible"].map { $0 == "true" }
        let certificateFilter = query["certificate"]
        if let certificateFilter, !["none", "valid", "expired", "revoked"].contains(certificateFilter) {
            throw APIError.badRequest("invalid_filter", "certificate must be none, valid, expired or revoked.")
        }
        let now = services.now()
        let progress = services.progress
        let sql = "SELECT \(BusinessStore.columns) FROM businesses b WHERE 1 \(conditions.map { "AND " + $0 }.joined(separator: " ")) ORDER BY b.name COLLATE NOCASE, b.id"
        let bound = arguments
        let rows = try await services.database.read { db -> [Row] in
            let counts = try progress.countsByBusiness(db, now: now)
            // SQLite takes the bare `code` column from the row holding max(expires_at).
            let live = Dictionary(try db.query(
                "SELECT business_id, max(expires_at), code FROM certificates WHERE revoked_at IS NULL AND superseded_by IS NULL GROUP BY business_id",
                row: { ($0.string(0), (expires: $0.date(1), code: $0.string(2))) }), uniquingKeysWith: { $0.expires > $1.expires ? $0 : $1 })
            let revoked = Set(try db.query("SELECT DISTINCT business_id FROM certificates WHERE revoked_at IS NOT NULL") { $0.string(0) })
            return try db.query(sql, arguments: bound) { row -> Row in
                let business = BusinessStore.business(row)
                let count = counts[business.id] ?? (0, 0)
                let standing = progress.certification.progress(declaredHeadcount: business.declaredHeadcount,
                                                               activeEmployees: count.active, completed: count.completed)
                let current = live[business.id]
                let state = current.map { $0.expires > now ? "valid" : "expired" } ?? (revoked.contains(business.id) ? "revoked" : "none")
                return Row(business: business, progress: standing, certificate: state, certificateCode: current?.code)
            }
        }
        let filtered = rows.filter { row in
            (eligible.map { row.progress.eligible == $0 } ?? true) && (certificateFilter.map { row.certificate == $0 } ?? true)
        }
        let page = Array(filtered.dropFirst(offset).prefix(limit))
        return Page(businesses: page, total: filtered.count, limit: limit, offset: offset)
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

    private func statistics() async throws -> Statistics {
        let now = services.now()
        let validFrom = services.progress.completion.validFrom(now)
        let figures = try await services.database.read { db -> Statistics in
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
        return figures
    }
}

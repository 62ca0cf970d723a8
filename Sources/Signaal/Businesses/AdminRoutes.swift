import Foundation
import HTTP
import Learning

/// The admin's overview: businesses with their progress (filtered and paged), national figures and
/// the audit check's last result.
struct AdminRoutes: Sendable {
    let services: AppServices
    let figures: AdminFigures

    struct Page: Codable {
        let businesses: [AdminFigures.Row]
        let total: Int
        let limit: Int
        let offset: Int
    }

    func businessList(_ context: RequestContext) async throws -> Reply<Page> {
        let query = context.request.queryParameters
        let page = PageRequest(query)
        var filter = AdminFigures.Filter()
        if let sector = query["sector"], !sector.isEmpty { filter.sector = try Validation.sector(sector) }
        if let city = query["city"], !city.isEmpty { filter.city = city }
        if let status = query["status"], !status.isEmpty {
            guard let known = Business.Status(rawValue: status) else { throw APIError.badRequest("invalid_filter", "status must be pending or approved.") }
            filter.status = known
        }
        if let attention = query["attention"], !attention.isEmpty {
            guard attention == "true" else { throw APIError.badRequest("invalid_filter", "attention must be true.") }
            filter.needsAttention = true
        }
        if let headcount = query["headcount"], !headcount.isEmpty {
            guard headcount == "pending" else { throw APIError.badRequest("invalid_filter", "headcount must be pending.") }
            filter.pendingHeadcount = true
        }
        let eligible = query["eligible"].map { $0 == "true" }
        let certificateFilter = query["certificate"]
        if let certificateFilter, !["none", "valid", "expired", "revoked"].contains(certificateFilter) {
            throw APIError.badRequest("invalid_filter", "certificate must be none, valid, expired or revoked.")
        }
        let rows = try await figures.rows(filter, now: services.now()).filter { row in
            (eligible.map { row.progress.eligible == $0 } ?? true) && (certificateFilter.map { row.certificate == $0 } ?? true)
        }
        return Reply(Page(businesses: page.slice(rows), total: rows.count, limit: page.limit, offset: page.offset))
    }

    func nationalFigures(_ context: RequestContext) async throws -> Reply<AdminFigures.Statistics> {
        Reply(try await figures.statistics(now: services.now()))
    }

    func integrity(_ context: RequestContext) async throws -> Reply<AuditMonitor.Status> {
        Reply(services.auditMonitor.status)
    }
}

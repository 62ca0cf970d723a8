import Foundation
import HTTP

/// `GET /api/v1/xapi/statements`: the learning records as xAPI statements for admins and integrations
/// (bearer tokens), oldest first, paged as xAPI pages a StatementResult: `more` is the address of the
/// next page, or an empty string at the end.
struct XAPIRoutes: Sendable {
    let services: AppServices
    let statements: XAPIStatements

    /// An xAPI StatementResult.
    struct StatementResult: Codable {
        let statements: [XAPIStatement]
        let more: String
    }

    /// An RFC 3339 timestamp, with or without fractions of a second.
    static func timestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    func statementResult(_ context: RequestContext) async throws -> Reply<StatementResult> {
        let query = context.request.queryParameters
        let limit = PageRequest(query, defaultLimit: 100).limit
        var since: Date?
        if let text = query["since"], !text.isEmpty {
            guard let date = Self.timestamp(text) else {
                throw APIError.badRequest("invalid_filter", "since must be a timestamp like 2026-11-30T09:00:00Z.")
            }
            since = date
        }
        var cursor: XAPIStatements.Cursor?
        if let text = query["after"], !text.isEmpty {
            guard let parsed = XAPIStatements.Cursor(text) else { throw APIError.badRequest("invalid_filter", "after is not a position this API gave.") }
            cursor = parsed
        }
        let page = try await statements.page(since: since, after: cursor, limit: limit, homePage: services.baseURL(for: context.request))
        var more = ""
        if page.more, let next = page.last {
            var items = [URLQueryItem(name: "limit", value: String(limit)), URLQueryItem(name: "after", value: next.text)]
            if let since = query["since"], !since.isEmpty { items.insert(URLQueryItem(name: "since", value: since), at: 0) }
            var components = URLComponents()
            components.path = "/api/v1/xapi/statements"
            components.queryItems = items
            more = components.string ?? ""
        }
        return Reply(StatementResult(statements: page.statements, more: more),
                     headers: ["x-experience-api-version": XAPIStatements.version, "cache-control": "no-store"])
    }
}

import Foundation
import HTTP
import Learning
import Security
import Storage

/// CSV import of a roster (up to 5,000 rows, nobody added twice) and the roster export.
struct RosterImportRoutes: Sendable {
    let services: AppServices

    static let maxRows = 5_000
    /// The import's own body limit: 5,000 rows of generous length.
    static let bodyLimit = 4 << 20

    struct AddedRow: Codable {
        let line: Int
        let id: String
        let name: String
        let inviteUrl: String
    }

    struct Report: Codable {
        let added: [AddedRow]
        let rejected: [RosterService.Rejected]
    }

    func importRoster(_ context: RequestContext) async throws -> Reply<Report> {
        let contentType = context.request.headers["content-type"]?.lowercased() ?? ""
        guard contentType.hasPrefix("text/csv") else { throw APIError(.unsupportedMediaType, "unsupported_media_type", "Send the roster as text/csv.") }
        let records: [CSV.Record]
        do {
            records = try CSV.parse(context.request.body)
        } catch {
            throw APIError.unprocessable("invalid_csv", "Line \(error.line): \(error.reason). Nothing was imported.")
        }
        var rows = records
        if let header = rows.first, Self.isHeader(header.fields) { rows.removeFirst() }
        guard rows.count <= Self.maxRows else {
            throw APIError(.contentTooLarge, "too_many_rows", "At most \(Self.maxRows) people per file; this one has \(rows.count). Nothing was imported.")
        }
        let columns = Self.columns(records.first.flatMap { Self.isHeader($0.fields) ? $0.fields : nil })
        func field(_ record: CSV.Record, _ column: Int?) -> String {
            column.flatMap { $0 < record.fields.count ? record.fields[$0] : nil } ?? ""
        }
        let outcome = try await services.roster.importRows(
            rows.map { RosterService.ImportRow(line: $0.line, name: field($0, columns.name), email: field($0, columns.email), role: field($0, columns.role),
                                               language: field($0, columns.language)) },
            into: context.businessID, allowDuplicates: context.request.queryParameters["duplicates"] == "add", actor: try context.signedIn.account.id)
        let report = Report(
            added: outcome.added.map { AddedRow(line: $0.line, id: $0.id, name: $0.name, inviteUrl: services.inviteURL($0.invite, context.request)) },
            rejected: outcome.rejected)
        return Reply(report, status: outcome.added.isEmpty ? .ok : .created)
    }

    /// Whether a first row names its columns rather than a person.
    static func isHeader(_ fields: [String]) -> Bool {
        let names = Set(fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        return !names.isDisjoint(with: ["name", "naam", "email", "e-mail", "e-mailadres", "email address"])
    }

    /// Column positions of name, email, role and language; without a header, name first and email second
    /// (a role or language needs its named column, so files with other columns keep importing as before).
    static func columns(_ header: [String]?) -> (name: Int, email: Int?, role: Int?, language: Int?) {
        guard let header else { return (0, 1, nil, nil) }
        let lowered = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let name = lowered.firstIndex { ["name", "naam", "full name", "volledige naam"].contains($0) } ?? 0
        let email = lowered.firstIndex { ["email", "e-mail", "e-mailadres", "email address"].contains($0) }
        let role = lowered.firstIndex { ["role", "rol", "job", "functie", "function"].contains($0) }
        let language = lowered.firstIndex { ["language", "taal", "lang"].contains($0) }
        return (name, email, role, language)
    }

    func exportRoster(_ context: RequestContext) async throws -> HTTPResponse {
        let members = try await services.roster.members(of: context.businessID)
        var text = "\u{FEFF}" + CSV.line(["name", "email", "username", "role", "language", "active", "status", "completed_at", "modules_passed"])
        for member in members {
            text += CSV.line([member.name, member.email ?? "", member.username ?? "", member.role ?? "", member.language ?? "", member.active ? "yes" : "no", member.status,
                              member.completedAt.map(JSONOutput.rfc3339) ?? "", String(member.modulesPassed)])
        }
        var response = HTTPResponse.text(text, contentType: "text/csv; charset=utf-8")
        response.headers.add(name: "content-disposition", value: "attachment; filename=\"roster.csv\"")
        response.headers.add(name: "cache-control", value: "no-store")
        return response
    }
}

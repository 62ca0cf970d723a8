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

    struct RejectedRow: Codable {
        let line: Int
        /// `invalid_name`, `invalid_email`, `invalid_role`, `email_taken` or `already_on_roster`, for pages to word it.
        let code: String
        let reason: String
    }

    struct Report: Codable {
        let added: [AddedRow]
        let rejected: [RejectedRow]
    }

    func importRoster(_ context: RequestContext) async throws -> Reply<Report> {
        try await importCSV(context)
    }

    func exportRoster(_ context: RequestContext) async throws -> HTTPResponse {
        try await exportCSV(context)
    }

    private func importCSV(_ context: RequestContext) async throws -> Reply<Report> {
        let id = context.businessID
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
        let importRows = rows
        let offered = try await services.offeredRoles(id)
        let actor = try context.signedIn.account.id
        let now = services.now()
        let issuer = services.issuer
        let (added, rejected) = try await services.database.write { db -> ([(Int, String, String, SecretToken)], [RejectedRow]) in
            var existingEmails = try RosterStore.takenEmails(db)
            var existingNames = try RosterStore.namesWithoutEmail(db, businessID: id)
            var added: [(Int, String, String, SecretToken)] = []
            var rejected: [RejectedRow] = []
            for record in importRows {
                let name = (columns.name < record.fields.count ? record.fields[columns.name] : "").trimmingCharacters(in: .whitespacesAndNewlines)
                let emailText = columns.email.flatMap { $0 < record.fields.count ? record.fields[$0] : nil }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                guard !name.isEmpty, name.count <= 200, !name.contains(where: \.isNewline), !Validation.hasHiddenCharacters(name) else {
                    rejected.append(RejectedRow(line: record.line, code: "invalid_name", reason: "the name is missing, too long or spans lines"))
                    continue
                }
                let email = emailText.isEmpty ? nil : emailText
                let roleText = columns.role.flatMap { $0 < record.fields.count ? record.fields[$0] : nil }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                let role = roleText.isEmpty ? nil : Self.role(named: roleText)
                if !roleText.isEmpty, role.map({ !offered.contains($0) }) ?? true {
                    rejected.append(RejectedRow(line: record.line, code: "invalid_role",
                                                reason: "'\(roleText)' is not a job of this course (\(offered.map(\.rawValue).joined(separator: ", ")))"))
                    continue
                }
                if let email, !EmailAddress.isValid(email) {
                    rejected.append(RejectedRow(line: record.line, code: "invalid_email", reason: "'\(email)' is not a valid email address"))
                    continue
                }
                if let email, existingEmails.contains(email.lowercased()) {
                    rejected.append(RejectedRow(line: record.line, code: "email_taken", reason: "\(email) is already on a roster"))
                    continue
                }
                if email == nil, existingNames.contains(name.lowercased()) {
                    rejected.append(RejectedRow(line: record.line, code: "already_on_roster", reason: "\(name) is already on the roster"))
                    continue
                }
                let inserted = try RosterStore.insertEmployee(db, audit: services.audit, businessID: id, name: name, email: email, role: role,
                                                              actor: actor, now: now)
                if let email { existingEmails.insert(email.lowercased()) } else { existingNames.insert(name.lowercased()) }
                added.append((record.line, inserted.id, name, inserted.invite))
            }
            if !added.isEmpty { _ = try issuer.issueIfDue(db, businessID: id, actor: actor, now: now) }
            return (added, rejected)
        }
        let report = Report(
            added: added.map { AddedRow(line: $0.0, id: $0.1, name: $0.2, inviteUrl: services.inviteURL($0.3, context.request)) },
            rejected: rejected)
        return Reply(report, status: added.isEmpty ? .ok : .created)
    }

    /// Whether a first row names its columns rather than a person.
    static func isHeader(_ fields: [String]) -> Bool {
        let names = Set(fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        return !names.isDisjoint(with: ["name", "naam", "email", "e-mail", "e-mailadres", "email address"])
    }

    /// Column positions of name, email and role; without a header, name first and email second (a role
    /// needs its named column, so files with other columns keep importing as before).
    static func columns(_ header: [String]?) -> (name: Int, email: Int?, role: Int?) {
        guard let header else { return (0, 1, nil) }
        let lowered = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let name = lowered.firstIndex { ["name", "naam", "full name", "volledige naam"].contains($0) } ?? 0
        let email = lowered.firstIndex { ["email", "e-mail", "e-mailadres", "email address"].contains($0) }
        let role = lowered.firstIndex { ["role", "rol", "job", "functie", "function"].contains($0) }
        return (name, email, role)
    }

    /// A job role from its id or a common Dutch or English name for it (`receptie`, `chauffeur`, `night shift`).
    static func role(named text: String) -> JobRole? {
        let name = text.lowercased()
        if let role = JobRole(rawValue: name) { return role }
        let names: [String: JobRole] = [
            "receptie": .reception, "front desk": .reception, "front office": .reception,
            "schoonmaak": .housekeeping, "huishouding": .housekeeping, "cleaning": .housekeeping,
            "onderhoud": .maintenance, "technische dienst": .maintenance, "technical": .maintenance, "technisch": .maintenance,
            "restaurant": .bar, "bediening": .bar, "bar en restaurant": .bar, "bar and restaurant": .bar,
            "beveiliging": .security, "nachtdienst": .security, "night shift": .security,
            "leidinggevende": .management, "manager": .management,
            "chauffeur": .driver, "taxichauffeur": .driver, "centralist": .dispatcher, "meldkamer": .dispatcher, "planner": .dispatcher,
        ]
        return names[name]
    }

    private func exportCSV(_ context: RequestContext) async throws -> HTTPResponse {
        let id = context.businessID
        guard let found = try await services.businesses.business(id: id) else { throw APIError.notFound("No business with this id.") }
        let members = try await services.roster.members(businessID: id, validFrom: services.progress.completion.validFrom(services.now()),
                                                       minimumVersion: services.minimumVersion(found.sector))
        var text = "\u{FEFF}" + CSV.line(["name", "email", "username", "role", "active", "status", "completed_at", "modules_passed"])
        for member in members {
            text += CSV.line([member.name, member.email ?? "", member.username ?? "", member.role ?? "", member.active ? "yes" : "no", member.status,
                              member.completedAt.map(JSONOutput.rfc3339) ?? "", String(member.modulesPassed)])
        }
        var response = HTTPResponse.text(text, contentType: "text/csv; charset=utf-8")
        response.headers.add(name: "content-disposition", value: "attachment; filename=\"roster.csv\"")
        response.headers.add(name: "cache-control", value: "no-store")
        return response
    }
}

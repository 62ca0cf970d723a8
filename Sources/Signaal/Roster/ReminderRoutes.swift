import Foundation
import HTTP
import Storage

/// Chasing the people who should act now: those who have not started, those who started but have not
/// finished, and those whose completion expires within 60 days — each with the personal link they
/// already have (a reminder never replaces it) and when they were last reminded. Sharing a reminder or
/// printing its slip records it, so the list says "reminded 3 days ago".
struct ReminderRoutes: Sendable {
    let services: AppServices
    /// The words of the slips, in each person's language.
    let strings: InterfaceStrings
    let documents: ReminderSlips

    /// Completions expiring this soon are worth a reminder.
    static let expiringWithinDays = 60

    /// One person to remind.
    struct Person: Codable {
        let id: String
        let name: String
        let email: String?
        /// Their interface language, for the message (nil: the business's default, Dutch).
        let language: String?
        /// `not_started`, `in_progress` or `expiring`.
        let reason: String
        /// When their completion runs out (for `expiring`).
        let expiresAt: Date?
        /// Their own link, as they have it; nil for a link made before links could be shown again (give them a new one).
        let inviteUrl: String?
        let lastRemindedAt: Date?
    }

    struct Reminders: Codable {
        let people: [Person]
        /// Reminders recorded for this business since the first of this month.
        let remindedThisMonth: Int
    }

    struct Recorded: Decodable {
        let ids: [String]
    }

    struct RecordedAnswer: Codable {
        let recorded: Int
    }

    func reminders(_ context: RequestContext) async throws -> Reply<Reminders> {
        let (people, thisMonth) = try await candidates(context)
        return Reply(Reminders(people: people, remindedThisMonth: thisMonth), headers: ["cache-control": "no-store"])
    }

    /// `POST …/reminders {ids}`: these people were reminded now (shared or printed). Unknown ids are a 404 and record nothing.
    func record(_ context: RequestContext, _ body: Recorded) async throws -> Reply<RecordedAnswer> {
        let ids = Array(Set(body.ids))
        guard !ids.isEmpty, ids.count <= 5_000 else { throw APIError.unprocessable("invalid_value", "ids names 1 to 5,000 people.") }
        let (businessID, actor, now) = (context.businessID, try context.signedIn.account.id, services.now())
        try await services.database.write { db in
            for id in ids {
                guard try RosterStore.isMember(db, businessID: businessID, employeeID: id) else { throw NotOnRoster() }
                try db.run("INSERT INTO reminders (business_id, user_id, reminded_at, reminded_by) VALUES (?, ?, ?, ?)", businessID, id, now, actor)
            }
        }
        return Reply(RecordedAnswer(recorded: ids.count))
    }

    /// `GET …/reminders/slips.pdf?ids=a,b`: cut-out slips, 8 to an A4 page: name, QR code, short link and one
    /// line in the person's language. Printing them counts as reminding them.
    func slips(_ context: RequestContext) async throws -> HTTPResponse {
        let wanted = Set((context.request.queryParameters["ids"] ?? "").split(separator: ",").map(String.init))
        let people = try await candidates(context).people.filter { (wanted.isEmpty || wanted.contains($0.id)) && $0.inviteUrl != nil }
        let dutch = strings.strings["nl"]?["reminders.slip"] ?? ""
        let slips = people.map { person in
            let language = person.language ?? "nl"
            return ReminderSlips.Slip(name: person.name, url: person.inviteUrl ?? "", line: strings.strings[language]?["reminders.slip"] ?? dutch,
                                      rightToLeft: LanguageChoice.rightToLeft.contains(language), dutchLine: dutch)
        }
        let pdf = try documents.render(slips)
        if !people.isEmpty { _ = try await record(context, Recorded(ids: people.map(\.id))) }
        var response = HTTPResponse(status: .ok, headers: ["content-type": "application/pdf", "cache-control": "no-store",
                                                           "content-disposition": "inline; filename=\"signaal-reminders.pdf\""], body: pdf)
        response.headers.add(name: "x-content-type-options", value: "nosniff")
        return response
    }

    private func candidates(_ context: RequestContext) async throws -> (people: [Person], thisMonth: Int) {
        let businessID = context.businessID
        let now = services.now()
        let members = try await services.roster.members(of: businessID)
        let completion = services.progress.completion
        let soon = now.addingTimeInterval(Double(Self.expiringWithinDays) * 86_400)
        let since = CalendarMonth.start(of: now)
        let (generations, reminded, count) = try await services.database.read { db in
            (try db.query("SELECT id, invite_generation FROM users WHERE business_id = ? AND invite_hash IS NOT NULL AND invite_generation IS NOT NULL",
                          businessID) { ($0.string(0), $0.int(1)) },
             try db.query("SELECT user_id, max(reminded_at) FROM reminders WHERE business_id = ? GROUP BY user_id", businessID) { ($0.string(0), $0.date(1)) },
             try db.queryOne("SELECT count(*) FROM reminders WHERE business_id = ? AND reminded_at >= ?", businessID, since) { $0.int(0) } ?? 0)
        }
        let generation = Dictionary(generations, uniquingKeysWith: { first, _ in first })
        let links = services.roster.links
        let last = Dictionary(reminded, uniquingKeysWith: { first, _ in first })
        let people = members.compactMap { member -> Person? in
            guard member.active, member.confirmed, !member.manager else { return nil }
            var reason = member.status
            var expiresAt: Date?
            if member.status == "completed" {
                guard let completed = member.completedAt, completion.validUntil(completed) <= soon else { return nil }
                reason = "expiring"
                expiresAt = completion.validUntil(completed)
            } else if member.status == "expired" {
                reason = "not_started"
            }
            let url = generation[member.id].map { services.inviteURL(links.token(userID: member.id, generation: $0), context.request) }
            return Person(id: member.id, name: member.name, email: member.email, language: member.language, reason: reason,
                          expiresAt: expiresAt, inviteUrl: url, lastRemindedAt: last[member.id])
        }
        return (people, count)
    }
}

import Foundation
import Learning
import Security
import Storage

/// The person is not on this business's roster.
struct NotOnRoster: Error, Equatable {}

/// Someone of the same name is already on the roster, and nothing tells the two apart: adding them again
/// is a choice the manager makes on purpose (`allowDuplicate`), never a silent second person.
struct PossibleDuplicate: Error, Equatable {
    let existingID: String
    let name: String
}

/// A business's staff: adding people with personal links, changes to one person (each followed, in the
/// same transaction, by automatic issuing, and by dropping the person's cached sessions and learning
/// state), new links, the roster with progress, and importing many people at once.
struct RosterService: Sendable {
    let database: Database
    let audit: AuditLog
    let store: RosterStore
    let businesses: BusinessStore
    let catalog: Catalog
    let progress: ProgressQueries
    let issuer: CertificateIssuer
    let authenticator: Authenticator
    let learning: LearningStore
    /// The interface languages a person's language may be set to.
    let languages: [String]
    /// Makes invite links that reminders can show again.
    let links: InviteLinks
    let now: @Sendable () -> Date

    /// A change to one person on the roster.
    enum Change: Sendable {
        case deactivate, reactivate, confirm, erase
        case setRole(JobRole)
        case setLanguage(String)
    }

    /// Which people to list; nil means any.
    struct Filter: Sendable {
        /// Part of a name, email address or username, any case.
        var search: String?
        /// `inactive` or `unconfirmed` (states of the person on the roster), or a training status.
        var status: String?
        var active: Bool?
    }

    /// One person from an import file, as written there.
    struct ImportRow: Sendable {
        let line: Int
        let name: String
        let email: String
        let role: String
        let language: String
    }

    /// A row not imported, with a code for pages to word it and a reason in English.
    struct Rejected: Codable, Sendable {
        let line: Int
        /// `invalid_name`, `invalid_email`, `invalid_role`, `invalid_language`, `email_taken` or `possible_duplicate`.
        let code: String
        let reason: String
        /// For `possible_duplicate`: the row as read, so the manager can add this other person of the same name on purpose.
        var person: NewPerson? = nil
    }

    /// A person to add, as a possible duplicate's row gives them back.
    struct NewPerson: Codable, Sendable {
        let name: String
        let email: String?
        let role: String?
        let language: String?
    }

    /// The job roles the business's course has a module for.
    func offeredRoles(_ businessID: String) async throws -> [JobRole] {
        guard let found = try await businesses.business(id: businessID) else { throw UnknownBusiness() }
        return catalog.roles(for: found.sector)
    }

    /// Adds a person. Someone of the same name already on the roster (where one of the two has no email
    /// address to tell them apart) is a `PossibleDuplicate`, unless `allowDuplicate` says it is another person.
    func add(businessID: String, name: String, email: String?, role: JobRole?, language: String?, allowDuplicate: Bool = false,
             actor: String) async throws -> (id: String, invite: SecretToken) {
        let (audit, now) = (audit, now())
        return try await database.write { db in
            if !allowDuplicate, let existing = try RosterStore.namesake(db, businessID: businessID, name: name, email: email) {
                throw PossibleDuplicate(existingID: existing, name: name)
            }
            return try RosterStore.insertEmployee(db, audit: audit, businessID: businessID, name: name, email: email, role: role, language: language,
                                                  links: links,
                                                  actor: actor, now: now)
        }
    }

    func apply(_ change: Change, to employee: String, of businessID: String, actor: String) async throws {
        let (audit, issuer, now) = (audit, issuer, now())
        try await database.write { db in
            guard try RosterStore.isMember(db, businessID: businessID, employeeID: employee) else { throw NotOnRoster() }
            switch change {
            case .deactivate: try RosterStore.setActive(db, audit: audit, employeeID: employee, active: false, actor: actor, now: now)
            case .reactivate: try RosterStore.setActive(db, audit: audit, employeeID: employee, active: true, actor: actor, now: now)
            case .confirm: try RosterStore.confirm(db, audit: audit, employeeID: employee, actor: actor, now: now)
            case .erase: try RosterStore.erase(db, audit: audit, userID: employee, actor: actor, now: now)
            case .setRole(let role): try RosterStore.setRole(db, audit: audit, employeeID: employee, role: role, actor: actor, now: now)
            case .setLanguage(let language):
                try RosterStore.setLanguage(db, audit: audit, employeeID: employee, language: language, actor: actor, now: now)
            }
            _ = try issuer.issueIfDue(db, businessID: businessID, actor: actor, now: now)
        }
        authenticator.forgetSessions(ofAccount: employee)
        learning.forget(userID: employee)
    }

    /// A new personal link; the old one stops working.
    func renewInvite(for employee: String, of businessID: String, actor: String) async throws -> SecretToken {
        let (audit, now, links) = (audit, now(), links)
        return try await database.write { db in
            guard try RosterStore.isMember(db, businessID: businessID, employeeID: employee) else { throw NotOnRoster() }
            return try RosterStore.renewInvite(db, audit: audit, links: links, employeeID: employee, actor: actor, now: now)
        }
    }

    /// The roster with each person's progress.
    func members(of businessID: String, _ filter: Filter = Filter()) async throws -> [RosterStore.Member] {
        guard let found = try await businesses.business(id: businessID) else { throw UnknownBusiness() }
        var members = try await store.members(businessID: businessID, validFrom: progress.completion.validFrom(now()),
                                              minimumVersion: catalog.courses[found.sector]?.retrainFrom ?? 0)
        if let search = filter.search?.lowercased(), !search.isEmpty {
            members = members.filter { member in
                [member.name, member.email ?? "", member.username ?? ""].contains { $0.lowercased().contains(search) }
            }
        }
        if let status = filter.status, !status.isEmpty {
            members = members.filter { member in
                switch status {
                case "inactive": !member.active
                case "unconfirmed": !member.confirmed
                // A training status describes the people who count: the active ones.
                default: member.active && member.status == status
                }
            }
        }
        if let active = filter.active { members = members.filter { $0.active == active } }
        return members
    }

    /// Adds every acceptable row in one transaction (nobody twice: an email address belongs to one account,
    /// and staff without email are told apart by name), then issues the certificate when due.
    func importRows(_ rows: [ImportRow], into businessID: String, allowDuplicates: Bool = false, actor: String) async throws
        -> (added: [(line: Int, id: String, name: String, invite: SecretToken)], rejected: [Rejected]) {
        let offered = try await offeredRoles(businessID)
        let (audit, issuer, now, languages, links) = (audit, issuer, now(), languages, links)
        return try await database.write { db in
            var existingEmails = try RosterStore.takenEmails(db)
            var namesWithoutEmail = try RosterStore.names(db, businessID: businessID, withoutEmailOnly: true)
            var allNames = try RosterStore.names(db, businessID: businessID, withoutEmailOnly: false)
            var added: [(line: Int, id: String, name: String, invite: SecretToken)] = []
            var rejected: [Rejected] = []
            for row in rows {
                let name = row.name.trimmingCharacters(in: .whitespacesAndNewlines)
                let emailText = row.email.trimmingCharacters(in: .whitespacesAndNewlines)
                let roleText = row.role.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !name.isEmpty, name.count <= 200, !name.contains(where: \.isNewline), !Validation.hasHiddenCharacters(name) else {
                    rejected.append(Rejected(line: row.line, code: "invalid_name", reason: "the name is missing, too long or spans lines"))
                    continue
                }
                let email = emailText.isEmpty ? nil : emailText
                let role = roleText.isEmpty ? nil : JobRole(named: roleText)
                if !roleText.isEmpty, role.map({ !offered.contains($0) }) ?? true {
                    rejected.append(Rejected(line: row.line, code: "invalid_role",
                                             reason: "'\(roleText)' is not a job of this course (\(offered.map(\.rawValue).joined(separator: ", ")))"))
                    continue
                }
                let languageText = row.language.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                if !languageText.isEmpty, !languages.contains(languageText) {
                    rejected.append(Rejected(line: row.line, code: "invalid_language",
                                             reason: "'\(languageText)' is not a language of Signaal (\(languages.joined(separator: ", ")))"))
                    continue
                }
                if let email, !EmailAddress.isValid(email) {
                    rejected.append(Rejected(line: row.line, code: "invalid_email", reason: "'\(email)' is not a valid email address"))
                    continue
                }
                if let email, existingEmails.contains(email.lowercased()) {
                    rejected.append(Rejected(line: row.line, code: "email_taken", reason: "\(email) is already on a roster"))
                    continue
                }
                // The same name as someone on the roster (or earlier in the file), with no email address on one side
                // to tell them apart: a warning and a choice, never silently two people.
                let key = name.lowercased()
                if !allowDuplicates, email == nil ? allNames.contains(key) : namesWithoutEmail.contains(key) {
                    rejected.append(Rejected(line: row.line, code: "possible_duplicate", reason: "someone called \(name) is already on the roster",
                                             person: NewPerson(name: name, email: email, role: role?.rawValue,
                                                               language: languageText.isEmpty ? nil : languageText)))
                    continue
                }
                let inserted = try RosterStore.insertEmployee(db, audit: audit, businessID: businessID, name: name, email: email, role: role,
                                                              language: languageText.isEmpty ? nil : languageText, links: links, actor: actor, now: now)
                if let email { existingEmails.insert(email.lowercased()) } else { namesWithoutEmail.insert(key) }
                allNames.insert(key)
                added.append((row.line, inserted.id, name, inserted.invite))
            }
            if !added.isEmpty { _ = try issuer.issueIfDue(db, businessID: businessID, actor: actor, now: now) }
            return (added, rejected)
        }
    }
}

extension JobRole {
    /// A job role from its id or a common Dutch or English name for it (`receptie`, `chauffeur`, `night shift`).
    init?(named text: String) {
        let name = text.lowercased()
        if let role = JobRole(rawValue: name) { self = role; return }
        let names: [String: JobRole] = [
            "receptie": .reception, "front desk": .reception, "front office": .reception,
            "schoonmaak": .housekeeping, "huishouding": .housekeeping, "cleaning": .housekeeping,
            "onderhoud": .maintenance, "technische dienst": .maintenance, "technical": .maintenance, "technisch": .maintenance,
            "restaurant": .bar, "bediening": .bar, "bar en restaurant": .bar, "bar and restaurant": .bar,
            "beveiliging": .security, "nachtdienst": .security, "night shift": .security,
            "leidinggevende": .management, "manager": .management,
            "chauffeur": .driver, "taxichauffeur": .driver, "centralist": .dispatcher, "meldkamer": .dispatcher, "planner": .dispatcher,
        ]
        guard let role = names[name] else { return nil }
        self = role
    }
}

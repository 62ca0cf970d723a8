import Foundation
import HTTP
import Learning
import Security
import Storage

/// A business's staff: the roster with progress, adding people with invite links, (de)activating,
/// renewing invites, confirming sign-ups, erasing; and joining by invite.
struct RosterRoutes: Sendable {
    let services: AppServices

    struct NewEmployee: Decodable {
        let name: String
        let email: String?
        /// The job that picks their role module (optional: the person is asked at sign-in when it is missing).
        let role: String?
    }

    struct RoleChange: Decodable {
        let role: String
    }

    struct Added: Codable {
        let id: String
        let name: String
        let inviteUrl: String
    }

    struct Invite: Codable {
        let inviteUrl: String
    }

    struct Roster: Codable {
        let employees: [RosterStore.Member]
    }

    func roster(_ context: RequestContext) async throws -> Reply<Roster> {
        Reply(try await list(context))
    }

    func addPerson(_ context: RequestContext, _ body: NewEmployee) async throws -> Reply<Added> {
        let id = context.businessID
        let name = try Validation.name(body.name)
        let email = try Validation.email(body.email)
        let offered = try await services.offeredRoles(id)
        let role = try body.role.map { try Validation.role($0, offered: offered) }
        let actor = try context.signedIn.account.id
        let now = services.now()
        let added = try await services.database.write { db in
            try RosterStore.insertEmployee(db, audit: services.audit, businessID: id, name: name, email: email, role: role, actor: actor, now: now)
        }
        return Reply(Added(id: added.id, name: name, inviteUrl: services.inviteURL(added.invite, context.request)))
    }

    func deactivate(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await change(context) { db, employee, actor, now in
            try RosterStore.setActive(db, audit: services.audit, employeeID: employee, active: false, actor: actor, now: now)
        }
    }

    func reactivate(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await change(context) { db, employee, actor, now in
            try RosterStore.setActive(db, audit: services.audit, employeeID: employee, active: true, actor: actor, now: now)
        }
    }

    func confirm(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await change(context) { db, employee, actor, now in try RosterStore.confirm(db, audit: services.audit, employeeID: employee, actor: actor, now: now) }
    }

    func setJobRole(_ context: RequestContext, _ body: RoleChange) async throws -> HTTPHeaders {
        let offered = try await services.offeredRoles(context.businessID)
        let role = try Validation.role(body.role, offered: offered)
        return try await change(context) { db, employee, actor, now in
            try RosterStore.setRole(db, audit: services.audit, employeeID: employee, role: role, actor: actor, now: now)
        }
    }

    func erase(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await change(context) { db, employee, actor, now in try RosterStore.erase(db, audit: services.audit, userID: employee, actor: actor, now: now) }
    }

    func renewInvite(_ context: RequestContext) async throws -> Reply<Invite> {
        let id = context.businessID
        let employee = context.request.parameters["employeeId"] ?? ""
        let actor = try context.signedIn.account.id
        let now = services.now()
        let invite = try await services.database.write { db -> SecretToken in
            guard try RosterStore.isMember(db, businessID: id, employeeID: employee) else { throw APIError.notFound("No such person on this roster.") }
            return try RosterStore.renewInvite(db, audit: services.audit, employeeID: employee, actor: actor, now: now)
        }
        return Reply(Invite(inviteUrl: services.inviteURL(invite, context.request)))
    }

    private func list(_ context: RequestContext) async throws -> Roster {
        let id = context.businessID
        guard let found = try await services.businesses.business(id: id) else { throw APIError.notFound("No business with this id.") }
        let policy = CompletionPolicy(validityMonths: services.progress.completion.validityMonths)
        var members = try await services.roster.members(businessID: id, validFrom: policy.validFrom(services.now()),
                                                       minimumVersion: services.minimumVersion(found.sector))
        let query = context.request.queryParameters
        if let search = query["q"]?.lowercased(), !search.isEmpty {
            members = members.filter { member in
                [member.name, member.email ?? "", member.username ?? ""].contains { $0.lowercased().contains(search) }
            }
        }
        if let status = query["status"], !status.isEmpty {
            // `inactive` and `unconfirmed` are states of the person on the roster, the others of their training.
            members = members.filter { member in
                switch status {
                case "inactive": !member.active
                case "unconfirmed": !member.confirmed
                default: member.status == status
                }
            }
        }
        if let active = query["active"] { members = members.filter { $0.active == (active == "true") } }
        return Roster(employees: members)
    }

    /// Runs a roster change for one person of the business, then drops their cached state and
    /// issues the certificate if the change made it due.
    private func change(_ context: RequestContext,
                        _ body: @escaping @Sendable (DatabaseConnection, String, String, Date) throws -> Void) async throws -> HTTPHeaders {
        let id = context.businessID
        let employee = context.request.parameters["employeeId"] ?? ""
        let actor = try context.signedIn.account.id
        let now = services.now()
        let issuer = services.issuer
        try await services.database.write { db in
            guard try RosterStore.isMember(db, businessID: id, employeeID: employee) else { throw APIError.notFound("No such person on this roster.") }
            try body(db, employee, actor, now)
            _ = try issuer.issueIfDue(db, businessID: id, actor: actor, now: now)
        }
        services.authenticator.forgetSessions(ofAccount: employee)
        services.learning.forget(userID: employee)
        return [:]
    }
}

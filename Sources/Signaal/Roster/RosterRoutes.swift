import Foundation
import HTTP
import Learning
import Security
import Storage

/// A business's staff: the roster with progress, adding people with invite links, (de)activating,
/// renewing invites, confirming sign-ups, setting jobs and erasing.
struct RosterRoutes: Sendable {
    let services: AppServices

    struct NewEmployee: Decodable {
        let name: String
        let email: String?
        /// The job that picks their role module (optional: the person is asked at sign-in when it is missing).
        let role: String?
        /// Their interface language (a code the interface offers); else the browser's, on first visit.
        let language: String?
        /// True to add them although someone of the same name is on the roster (another person, on purpose).
        let allowDuplicate: Bool?
    }

    struct RoleChange: Decodable {
        let role: String
    }

    struct LanguageChange: Decodable {
        let language: String
    }

    struct Added: Codable {
        let id: String
        let name: String
        let inviteUrl: String
    }

    struct Invite: Codable {
        let inviteUrl: String
    }

    /// One page of the roster (`limit` people from `offset`, 100 by default) and how many match in all.
    struct Roster: Codable {
        let employees: [RosterStore.Member]
        let total: Int
        let offset: Int
        let limit: Int
    }

    func roster(_ context: RequestContext) async throws -> Reply<Roster> {
        let query = context.request.queryParameters
        let filter = RosterService.Filter(search: query["q"], status: query["status"], active: query["active"].map { $0 == "true" })
        let page = PageRequest(query, defaultLimit: 100)
        let members = try await services.roster.members(of: context.businessID, filter)
        return Reply(Roster(employees: page.slice(members), total: members.count, offset: page.offset, limit: page.limit))
    }

    func addPerson(_ context: RequestContext, _ body: NewEmployee) async throws -> Reply<Added> {
        let name = try Validation.name(body.name)
        let offered = try await services.roster.offeredRoles(context.businessID)
        let added = try await services.roster.add(businessID: context.businessID, name: name, email: try Validation.email(body.email),
                                                  role: try body.role.map { try Validation.role($0, offered: offered) },
                                                  language: try body.language.map { try Validation.language($0, offered: services.roster.languages) },
                                                  allowDuplicate: body.allowDuplicate ?? false,
                                                  actor: try context.signedIn.account.id)
        return Reply(Added(id: added.id, name: name, inviteUrl: services.inviteURL(added.invite, context.request)))
    }

    func deactivate(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await apply(.deactivate, context)
    }

    func reactivate(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await apply(.reactivate, context)
    }

    func confirm(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await apply(.confirm, context)
    }

    func setJobRole(_ context: RequestContext, _ body: RoleChange) async throws -> HTTPHeaders {
        let offered = try await services.roster.offeredRoles(context.businessID)
        return try await apply(.setRole(try Validation.role(body.role, offered: offered)), context)
    }

    func setLanguage(_ context: RequestContext, _ body: LanguageChange) async throws -> HTTPHeaders {
        try await apply(.setLanguage(try Validation.language(body.language, offered: services.roster.languages)), context)
    }

    func erase(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await apply(.erase, context)
    }

    func renewInvite(_ context: RequestContext) async throws -> Reply<Invite> {
        let invite = try await services.roster.renewInvite(for: context.request.parameters["employeeId"] ?? "", of: context.businessID,
                                                           actor: try context.signedIn.account.id)
        return Reply(Invite(inviteUrl: services.inviteURL(invite, context.request)))
    }

    private func apply(_ change: RosterService.Change, _ context: RequestContext) async throws -> HTTPHeaders {
        try await services.roster.apply(change, to: context.request.parameters["employeeId"] ?? "", of: context.businessID,
                                        actor: try context.signedIn.account.id)
        return [:]
    }

}

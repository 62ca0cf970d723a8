import HTTP

/// The people who manage a business: an admin registers a business for someone who phoned in (approved
/// at once, with an invite link for its first manager), managers invite more managers and remove them
/// (never the last one).
struct ManagerRoutes: Sendable {
    let services: AppServices

    /// A business registered by an admin: no password is set here; the manager chooses one through the link.
    struct AdminRegistration: Decodable {
        struct Manager: Decodable {
            let name: String
            let email: String
        }
        let name: String
        let sector: String
        let city: String
        let kvk: String
        let headcount: Int
        let manager: Manager
    }

    struct Registered: Codable {
        let business: Business
        /// The first manager's link: it works once, to choose their password.
        let inviteUrl: String
    }

    struct NewManager: Decodable {
        let name: String
        let email: String
    }

    struct Invited: Codable {
        let id: String
        let name: String
        let inviteUrl: String
    }

    struct Managers: Codable {
        let managers: [ManagerStore.Manager]
    }

    /// Whether the signed-in manager is on their own business's roster.
    struct RosterPlace: Codable {
        let onRoster: Bool
    }

    func registerByAdmin(_ context: RequestContext, _ body: AdminRegistration) async throws -> Reply<Registered> {
        let checked = try Validation.NewBusiness(name: body.name, sector: body.sector, city: body.city, kvk: body.kvk, headcount: body.headcount,
                                                 managerName: body.manager.name, managerEmail: body.manager.email)
        let now = services.now()
        let business = Business(id: Identifier.make("biz"), name: checked.name, sector: checked.sector, city: checked.city, kvk: checked.kvk,
                                declaredHeadcount: checked.headcount, status: .approved, createdAt: now, approvedAt: now, pendingHeadcount: nil)
        let invite = try await services.managers.registerByAdmin(business, managerName: checked.managerName, managerEmail: checked.managerEmail,
                                                                 actor: try context.signedIn.account.id)
        return Reply(Registered(business: business, inviteUrl: services.inviteURL(invite, context.request)))
    }

    func managers(_ context: RequestContext) async throws -> Reply<Managers> {
        Reply(Managers(managers: try await services.managers.managers(businessID: context.businessID)))
    }

    func inviteManager(_ context: RequestContext, _ body: NewManager) async throws -> Reply<Invited> {
        let name = try Validation.name(body.name)
        guard let email = try Validation.email(body.email) else { throw APIError.unprocessable("invalid_email", "A manager needs an email address.") }
        let invited = try await services.managers.invite(businessID: context.businessID, name: name, email: email,
                                                         actor: try context.signedIn.account.id, now: services.now())
        return Reply(Invited(id: invited.id, name: name, inviteUrl: services.inviteURL(invited.invite, context.request)))
    }

    /// `PUT /api/v1/me/roster`: a manager who works in the business puts themselves on the roster, or off it.
    func setOwnRosterPlace(_ context: RequestContext, _ body: RosterPlace) async throws -> Reply<RosterPlace> {
        let account = try context.signedIn.account
        try await services.managers.setOnRoster(body.onRoster, managerID: account.id, businessID: account.businessId ?? "", now: services.now())
        services.authenticator.forgetSessions(ofAccount: account.id)
        return Reply(RosterPlace(onRoster: try await services.managers.isOnRoster(managerID: account.id)))
    }

    func removeManager(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        let managerID = context.request.parameters["managerId"] ?? ""
        try await services.managers.remove(managerID: managerID, businessID: context.businessID, actor: try context.signedIn.account.id,
                                           now: services.now())
        services.authenticator.forgetSessions(ofAccount: managerID)
        return [:]
    }
}

import Foundation
import HTTP
import Learning
import Security
import Storage

/// Registering a business, reading and updating it, its 60 percent progress, and approval.
struct BusinessRoutes: Sendable {
    let services: AppServices

    struct Registration: Decodable {
        struct Manager: Decodable {
            let name: String
            let email: String
            let password: String
        }
        let name: String
        let sector: String
        let city: String
        let kvk: String
        let headcount: Int
        let manager: Manager
    }

    /// An approval may name the headcount the admin saw: it is part of what they approve.
    struct Approval: OptionalBody {
        let headcount: Int?

        static var whenAbsent: Approval { Approval(headcount: nil) }
    }

    /// An admin's decision on a lowered headcount: `confirm` or `reject`.
    struct HeadcountDecision: Decodable {
        enum Decision: String, Decodable, CaseIterable, SchemaEnumeration {
            case confirm
            case reject
        }
        let decision: Decision
    }

    struct Update: Decodable {
        let name: String?
        let city: String?
        let headcount: Int?
    }

    /// A business with its progress and certificate, as managers and admins see it.
    struct BusinessView: Codable {
        let business: Business
        let progress: CertificationPolicy.Progress?
        let certificate: CertificateView?
        /// Set when a certified business has dropped below the threshold.
        let warning: String?
        /// The warnings the daily upkeep recorded on the business.
        let warnings: [Upkeep.Warning]
        /// Reminders sent to its staff since the first of this month.
        let remindedThisMonth: Int
        /// The jobs its course has a role module for.
        let roles: [JobRole]
    }

    /// The answer to registering, the same whether or not the email address already had an account (so
    /// the API does not tell who has one): sign in next with the email address and password.
    struct Received: Codable {
        let status: String
        let message: String
    }

    func businessView(_ context: RequestContext) async throws -> Reply<BusinessView> {
        Reply(view(try await services.business.standing(context.businessID)))
    }

    func updateBusiness(_ context: RequestContext, _ body: Update) async throws -> Reply<BusinessView> {
        let principal = try context.signedIn
        let standing = try await services.business.update(
            id: context.businessID, name: try body.name.map { try Validation.name($0) }, city: try body.city.map { try Validation.name($0, field: "city") },
            headcount: try body.headcount.map(Validation.headcount), actor: principal.account.id, byAdmin: principal.account.role == .admin)
        return Reply(view(standing))
    }

    func businessProgress(_ context: RequestContext) async throws -> Reply<CertificationPolicy.Progress> {
        guard let progress = try await services.business.standing(context.businessID).progress else { throw UnknownBusiness() }
        return Reply(progress)
    }

    func decideHeadcountChange(_ context: RequestContext, _ body: HeadcountDecision) async throws -> Reply<BusinessView> {
        Reply(view(try await services.business.decideHeadcountChange(id: context.request.parameters["id"] ?? "", confirm: body.decision == .confirm,
                                                                     actor: try context.signedIn.account.id)))
    }

    func approveBusiness(_ context: RequestContext, _ body: Approval) async throws -> Reply<BusinessView> {
        Reply(view(try await services.business.approve(id: context.request.parameters["id"] ?? "", expectedHeadcount: body.headcount,
                                                       actor: try context.signedIn.account.id)))
    }

    func registerBusiness(_ context: RequestContext, _ body: Registration) async throws -> Reply<Received> {
        try services.limitSignups(context.request)
        let checked = try Validation.NewBusiness(name: body.name, sector: body.sector, city: body.city, kvk: body.kvk, headcount: body.headcount,
                                                 managerName: body.manager.name, managerEmail: body.manager.email)
        try await services.business.register(checked, password: body.manager.password)
        return Reply(Received(status: "received", message: "Thank you. Sign in with the email address and password you chose."))
    }

    private func view(_ standing: BusinessService.Standing) -> BusinessView {
        BusinessView(business: standing.business, progress: standing.progress,
                     certificate: standing.certificate.map { CertificateView($0, now: services.now()) }, warning: standing.warning,
                     warnings: standing.warnings, remindedThisMonth: standing.remindedThisMonth,
                     roles: services.catalog.roles(for: standing.business.sector))
    }
}

/// A certificate as its business and admins see it.
struct CertificateView: Codable {
    let code: String
    let state: Certificate.State
    let issuedAt: Date
    let expiresAt: Date
    let denominator: Int
    let completed: Int
    let revokedAt: Date?

    init(_ certificate: Certificate, now: Date) {
        code = certificate.code
        state = certificate.state(at: now)
        issuedAt = certificate.issuedAt
        expiresAt = certificate.expiresAt
        denominator = certificate.denominator
        completed = certificate.completed
        revokedAt = certificate.revokedAt
    }
}

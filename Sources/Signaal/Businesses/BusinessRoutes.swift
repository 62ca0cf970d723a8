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
        Reply(try await view(context.businessID))
    }

    func updateBusiness(_ context: RequestContext, _ body: Update) async throws -> Reply<BusinessView> {
        let id = context.businessID
        let updated = try await services.businesses.update(
            id: id, name: try body.name.map { try Validation.name($0) }, city: try body.city.map { try Validation.name($0, field: "city") },
            headcount: try body.headcount.map(Validation.headcount), actor: try context.signedIn.account.id,
            byAdmin: try context.signedIn.account.role == .admin, now: services.now())
        guard updated != nil else { throw APIError.notFound("No business with this id.") }
        try await issueIfDue(id, actor: try context.signedIn.account.id)
        return Reply(try await view(id))
    }

    func businessProgress(_ context: RequestContext) async throws -> Reply<CertificationPolicy.Progress> {
        let id = context.businessID
        guard let progress = try await services.database.read({ db in try services.progress.progress(db, businessID: id, now: services.now()) }) else {
            throw APIError.notFound("No business with this id.")
        }
        return Reply(progress)
    }

    func decideHeadcountChange(_ context: RequestContext, _ body: HeadcountDecision) async throws -> Reply<BusinessView> {
        let id = context.request.parameters["id"] ?? ""
        guard try await services.businesses.decideHeadcountChange(id: id, confirm: body.decision == .confirm, actor: try context.signedIn.account.id,
                                                                    now: services.now()) != nil else {
            throw APIError.notFound("No business with this id.")
        }
        try await issueIfDue(id, actor: try context.signedIn.account.id)
        return Reply(try await view(id))
    }

    func approveBusiness(_ context: RequestContext, _ body: Approval) async throws -> Reply<BusinessView> {
        let id = context.request.parameters["id"] ?? ""
        guard try await services.businesses.approve(id: id, expectedHeadcount: body.headcount, actor: try context.signedIn.account.id,
                                                    now: services.now()) != nil else {
            throw APIError.notFound("No business with this id.")
        }
        try await issueIfDue(id, actor: try context.signedIn.account.id)
        return Reply(try await view(id))
    }

    func view(_ id: String) async throws -> BusinessView {
        let now = services.now()
        guard let (business, progress, certificate) = try await services.businesses.standing(id: id, progress: services.progress, now: now) else {
            throw APIError.notFound("No business with this id.")
        }
        var warning: String?
        if let certificate, certificate.state(at: now) == .valid, let progress, !progress.eligible {
            warning = "Below \(progress.threshold) percent: \(progress.needed) more staff must complete the training before the certificate can be renewed."
        }
        return BusinessView(business: business, progress: progress, certificate: certificate.map { CertificateView($0, now: now) }, warning: warning,
                            roles: services.catalog.roles(for: business.sector))
    }

    /// Issues or renews the certificate when the rule holds (automatic issuing).
    func issueIfDue(_ businessID: String, actor: String) async throws {
        let issuer = services.issuer
        let now = services.now()
        try await services.database.write { db in _ = try issuer.issueIfDue(db, businessID: businessID, actor: actor, now: now) }
    }

    func registerBusiness(_ context: RequestContext, _ body: Registration) async throws -> Reply<Received> {
        try services.limitSignups(context.request)
        let now = services.now()
        let business = Business(
            id: Identifier.make("biz"), name: try Validation.name(body.name), sector: try Validation.sector(body.sector),
            city: try Validation.name(body.city, field: "city"), kvk: try Validation.kvk(body.kvk),
            declaredHeadcount: try Validation.headcount(body.headcount),
            status: services.requireApproval ? .pending : .approved, createdAt: now, approvedAt: services.requireApproval ? nil : now,
            pendingHeadcount: nil)
        let managerName = try Validation.name(body.manager.name)
        guard let email = try Validation.email(body.manager.email) else { throw APIError.unprocessable("invalid_email", "The manager needs an email address.") }
        if let problem = PasswordPolicy.problem(with: body.manager.password, personal: [email, managerName, business.name]) {
            throw APIError.unprocessable("weak_password", problem.message)
        }
        // Hashed either way, so a taken address costs the same time as a new one.
        let hash = try await services.hasher.hash(body.manager.password)
        _ = try await services.businesses.register(business, managerName: managerName, managerEmail: email, passwordHash: hash)
        return Reply(Received(status: "received", message: "Thank you. Sign in with the email address and password you chose."))
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

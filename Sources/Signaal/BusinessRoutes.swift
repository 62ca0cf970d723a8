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
    struct Approval: Decodable {
        let headcount: Int?
    }

    /// An admin's decision on a lowered headcount: `confirm` or `reject`.
    struct HeadcountDecision: Decodable {
        let decision: String
    }

    struct Update: Decodable {
        let name: String?
        let city: String?
        let headcount: Int?
    }

    /// A business with its progress and certificate, as managers and admins see it.
    struct BusinessView: Encodable {
        let business: Business
        let progress: CertificationPolicy.Progress?
        let certificate: CertificateView?
        /// Set when a certified business has dropped below the threshold.
        let warning: String?
        /// The jobs its course has a role module for.
        let roles: [String]
    }

    func register(in routes: inout APIRoutes) {
        routes.add(.post, "/api/v1/businesses", access: .anyone) { context in try await registerBusiness(context.request) }
        routes.add(.get, "/api/v1/businesses/{id}", access: .roles([.manager, .admin])) { context in
            let id = try businessID(context)
            return try JSONBody.response(try await view(id))
        }
        routes.add(.patch, "/api/v1/businesses/{id}", access: .roles([.manager, .admin])) { context in
            let id = try businessID(context)
            let body = try JSONBody.decode(Update.self, from: context.request)
            let updated = try await services.businesses.update(
                id: id, name: try body.name.map { try Validation.name($0) }, city: try body.city.map { try Validation.name($0, field: "city") },
                headcount: try body.headcount.map(Validation.headcount), actor: try context.signedIn.account.id,
                byAdmin: try context.signedIn.account.role == .admin, now: services.now())
            guard updated != nil else { throw APIError.notFound("No business with this id.") }
            try await issueIfDue(id, actor: try context.signedIn.account.id)
            return try JSONBody.response(try await view(id))
        }
        routes.add(.get, "/api/v1/businesses/{id}/progress", access: .roles([.manager, .admin])) { context in
            let id = try businessID(context)
            guard let progress = try await services.database.read({ db in try services.progress.progress(db, businessID: id, now: services.now()) }) else {
                throw APIError.notFound("No business with this id.")
            }
            return try JSONBody.response(progress)
        }
        routes.add(.post, "/api/v1/admin/businesses/{id}/headcount-change", access: .roles([.admin])) { context in
            let id = context.request.parameters["id"] ?? ""
            let body = try JSONBody.decode(HeadcountDecision.self, from: context.request)
            guard let confirm = ["confirm": true, "reject": false][body.decision] else {
                throw APIError.unprocessable("invalid_decision", "The decision must be confirm or reject.")
            }
            guard try await services.businesses.decideHeadcountChange(id: id, confirm: confirm, actor: try context.signedIn.account.id,
                                                                        now: services.now()) != nil else {
                throw APIError.notFound("No business with this id.")
            }
            try await issueIfDue(id, actor: try context.signedIn.account.id)
            return try JSONBody.response(try await view(id))
        }
        routes.add(.post, "/api/v1/admin/businesses/{id}/approve", access: .roles([.admin])) { context in
            let id = context.request.parameters["id"] ?? ""
            let expected = context.request.body.isEmpty ? nil : try JSONBody.decode(Approval.self, from: context.request).headcount
            guard try await services.businesses.approve(id: id, expectedHeadcount: expected, actor: try context.signedIn.account.id,
                                                        now: services.now()) != nil else {
                throw APIError.notFound("No business with this id.")
            }
            try await issueIfDue(id, actor: try context.signedIn.account.id)
            return try JSONBody.response(try await view(id))
        }
    }

    /// The business id from the path, after checking the principal may see it (404 otherwise).
    func businessID(_ context: RequestContext) throws -> String {
        let id = context.request.parameters["id"] ?? ""
        try BusinessAccess.check(try context.signedIn, businessID: id)
        return id
    }

    func view(_ id: String) async throws -> BusinessView {
        let now = services.now()
        let found = try await services.database.read { db -> (Business, CertificationPolicy.Progress?, Certificate?)? in
            guard let business = try db.queryOne("SELECT \(BusinessStore.columns) FROM businesses WHERE id = ?", id, row: { BusinessStore.business($0) }) else {
                return nil
            }
            return (business, try services.progress.progress(db, businessID: id, now: now), try CertificateIssuer.latest(db, businessID: id))
        }
        guard let (business, progress, certificate) = found else { throw APIError.notFound("No business with this id.") }
        var warning: String?
        if let certificate, certificate.state(at: now) == .valid, let progress, !progress.eligible {
            warning = "Below \(progress.threshold) percent: \(progress.needed) more staff must complete the training before the certificate can be renewed."
        }
        return BusinessView(business: business, progress: progress, certificate: certificate.map { CertificateView($0, now: now) }, warning: warning,
                            roles: services.catalog.roles(for: business.sector).map(\.rawValue))
    }

    /// Issues or renews the certificate when the rule holds (automatic issuing).
    func issueIfDue(_ businessID: String, actor: String) async throws {
        let issuer = services.issuer
        let now = services.now()
        try await services.database.write { db in _ = try issuer.issueIfDue(db, businessID: businessID, actor: actor, now: now) }
    }

    private func registerBusiness(_ request: HTTPRequest) async throws -> HTTPResponse {
        try services.limitSignups(request)
        let body = try JSONBody.decode(Registration.self, from: request)
        let now = services.now()
        let business = Business(
            id: Identifier.make("biz"), name: try Validation.name(body.name), sector: try Validation.sector(body.sector),
            city: try Validation.name(body.city, field: "city"), kvk: try Validation.kvk(body.kvk),
            declaredHeadcount: try Validation.headcount(body.headcount),
            status: services.requireApproval ? .pending : .approved, createdAt: now, approvedAt: services.requireApproval ? nil : now,
            pendingHeadcount: nil)
        let managerName = try Validation.name(body.manager.name)
        guard let email = try Validation.email(body.manager.email) else { throw APIError.unprocessable("invalid_email", "The manager needs an email address.") }
        if let problem = PasswordPolicy.problem(with: body.manager.password) { throw APIError.unprocessable("weak_password", problem.message) }
        let hash = try await services.hasher.hash(body.manager.password)
        let manager = try await services.businesses.register(business, managerName: managerName, managerEmail: email, passwordHash: hash)
        var response = try await services.sessions.startSession(for: manager, status: .created, answering: request)
        // The sign-in answer plus the new business, so the client has both in one step.
        var object = (try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
        object["id"] = business.id
        object["business"] = try JSONSerialization.jsonObject(with: JSONBody.encoded(business))
        response.body = Array(try JSONSerialization.data(withJSONObject: object))
        response.headers.add(name: "location", value: "/api/v1/businesses/\(business.id)")
        return response
    }
}

/// A certificate as its business and admins see it.
struct CertificateView: Encodable {
    let code: String
    let state: String
    let issuedAt: Date
    let expiresAt: Date
    let denominator: Int
    let completed: Int
    let revokedAt: Date?

    init(_ certificate: Certificate, now: Date) {
        code = certificate.code
        state = certificate.state(at: now).rawValue
        issuedAt = certificate.issuedAt
        expiresAt = certificate.expiresAt
        denominator = certificate.denominator
        completed = certificate.completed
        revokedAt = certificate.revokedAt
    }
}

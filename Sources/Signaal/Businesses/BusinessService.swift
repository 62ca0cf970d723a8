import Foundation
import Learning
import Security

/// No business has this id (or the caller may not see it).
struct UnknownBusiness: Error, Equatable {}

/// A business's rules: registration (the same outcome whether or not the address has an account),
/// changes of name, city and headcount, approval and headcount decisions, each followed by automatic
/// issuing, and its standing (progress, certificate and any warning).
struct BusinessService: Sendable {
    let store: BusinessStore
    let certificates: CertificateService
    let progress: ProgressQueries
    let hasher: PasswordHasher
    let requireApproval: Bool
    let now: @Sendable () -> Date

    /// A business with its progress, its latest certificate and a warning when a certified business has
    /// dropped below the threshold.
    struct Standing: Sendable {
        let business: Business
        let progress: CertificationPolicy.Progress?
        let certificate: Certificate?
        let warning: String?
        /// What the daily upkeep recorded: the certificate expiring while staff are needed, or below the threshold.
        let warnings: [Upkeep.Warning]
        /// Reminders sent to its staff since the first of this month.
        let remindedThisMonth: Int
    }

    /// Registers the business and its manager; with a taken address nothing is written, and the caller
    /// cannot tell (the password is hashed either way, so both take as long).
    /// - Throws: `PasswordPolicy.Problem` for a password that will not do.
    func register(_ registration: Validation.NewBusiness, password: String) async throws {
        let now = now()
        let business = Business(
            id: Identifier.make("biz"), name: registration.name, sector: registration.sector, city: registration.city, kvk: registration.kvk,
            declaredHeadcount: registration.headcount, status: requireApproval ? .pending : .approved, createdAt: now,
            approvedAt: requireApproval ? nil : now, pendingHeadcount: nil)
        if let problem = PasswordPolicy.problem(with: password, personal: [registration.managerEmail, registration.managerName, registration.name]) {
            throw problem
        }
        let hash = try await hasher.hash(password)
        _ = try await store.register(business, managerName: registration.managerName, managerEmail: registration.managerEmail, passwordHash: hash)
    }

    /// Changes name, city or headcount (a lower headcount after approval waits for an admin).
    func update(id: String, name: String?, city: String?, headcount: Int?, actor: String, byAdmin: Bool) async throws -> Standing {
        guard try await store.update(id: id, name: name, city: city, headcount: headcount, actor: actor, byAdmin: byAdmin, now: now()) != nil else {
            throw UnknownBusiness()
        }
        try await certificates.issueIfDue(businessID: id, actor: actor)
        return try await standing(id)
    }

    /// An admin confirms or rejects a lowered headcount. - Throws: `HeadcountRefusal.nothingPending`.
    func decideHeadcountChange(id: String, confirm: Bool, actor: String) async throws -> Standing {
        guard try await store.decideHeadcountChange(id: id, confirm: confirm, actor: actor, now: now()) != nil else { throw UnknownBusiness() }
        try await certificates.issueIfDue(businessID: id, actor: actor)
        return try await standing(id)
    }

    /// Approves a pending business with the headcount the admin saw. - Throws: `HeadcountRefusal.changed`.
    func approve(id: String, expectedHeadcount: Int?, actor: String) async throws -> Standing {
        guard try await store.approve(id: id, expectedHeadcount: expectedHeadcount, actor: actor, now: now()) != nil else { throw UnknownBusiness() }
        try await certificates.issueIfDue(businessID: id, actor: actor)
        return try await standing(id)
    }

    func standing(_ id: String) async throws -> Standing {
        let now = now()
        guard let (business, progress, certificate, warnings, reminded) = try await store.standing(id: id, progress: progress, now: now,
                                                                                                 monthStart: CalendarMonth.start(of: now)) else {
            throw UnknownBusiness()
        }
        var warning: String?
        if let certificate, certificate.state(at: now) == .valid, let progress, !progress.eligible {
            warning = "Below \(progress.threshold) percent: \(progress.needed) more staff must complete the training before the certificate can be renewed."
        }
        return Standing(business: business, progress: progress, certificate: certificate, warning: warning, warnings: warnings,
                        remindedThisMonth: reminded)
    }
}

import Foundation
import HTTP
import Learning
import Security
import Storage

/// What the business, roster and certificate routes share: stores, policies, the clock.
struct AppServices: Sendable {
    let database: Database
    let catalog: Catalog
    let businesses: BusinessStore
    let roster: RosterStore
    let learning: LearningStore
    let progress: ProgressQueries
    let issuer: CertificateIssuer
    let audit: AuditLog
    let auditMonitor: AuditMonitor
    let sessions: SessionRoutes
    let authenticator: Authenticator
    let hasher: PasswordHasher
    let requireApproval: Bool
    /// Registrations and poster sign-ups per client address.
    let signupLimit: AddressRateLimit
    /// The address people use to reach the product (for invite links and QR codes); nil: from the request's Host.
    let publicURL: String?
    let now: @Sendable () -> Date

    /// The base URL for links given to people.
    func baseURL(for request: HTTPRequest) -> String {
        if let publicURL { return publicURL }
        let scheme = authenticator.settings.cameOverHTTPS(request) ? "https" : "http"
        return scheme + "://" + (request.headers["host"] ?? "127.0.0.1")
    }

    /// Throws 429 when the client's address has registered or signed up too often this hour.
    func limitSignups(_ request: HTTPRequest) throws {
        if let wait = signupLimit.retryAfter(address: authenticator.settings.clientAddress(request), now: now()) {
            throw APIError.tooManyRequests(retryAfterSeconds: wait)
        }
    }

    /// The lowest course version that still counts for a sector.
    func minimumVersion(_ sector: Sector) -> Int { catalog.courses[sector]?.retrainFrom ?? 0 }
}

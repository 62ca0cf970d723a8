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
    let roster: RosterService
    let invites: InviteStore
    let signups: SignupStore
    let managers: ManagerStore
    let progress: ProgressQueries
    let certificates: CertificateService
    let business: BusinessService
    let auditMonitor: AuditMonitor
    let sessions: SessionStarter
    let authenticator: Authenticator
    let hasher: PasswordHasher
    /// Registrations and poster sign-ups per client address.
    let signupLimit: AddressRateLimit
    /// The address the server listens on (`--host`), the one `Host` name besides loopback trusted for links.
    let listeningHost: String
    /// The address people use to reach the product (for invite links and QR codes); nil: from the request's Host.
    let publicURL: String?
    let now: @Sendable () -> Date

    /// The base URL for links given to people.
    ///
    /// Without `publicURL` the request's `Host` is used only when it names this machine (a loopback
    /// name or the address the server listens on); any other `Host` could make invite links and QR
    /// codes point elsewhere, so links then name the listening address.
    func baseURL(for request: HTTPRequest) -> String {
        if let publicURL { return publicURL }
        let scheme = authenticator.settings.cameOverHTTPS(request) ? "https" : "http"
        let host = request.headers["host"] ?? ""
        let (name, port) = Self.split(host: host)
        let own = ["localhost", "127.0.0.1", "[::1]", listeningHost].contains(name.lowercased()) || name.hasPrefix("127.")
        guard own, !name.isEmpty else {
            let listening = ["0.0.0.0", "::", ""].contains(listeningHost) ? "127.0.0.1" : listeningHost
            return scheme + "://" + listening + (port.map { ":" + $0 } ?? "")
        }
        return scheme + "://" + host
    }

    /// A `Host` value's name and port (`[::1]:8080` → `[::1]`, `8080`).
    static func split(host: String) -> (name: String, port: String?) {
        guard let colon = host.lastIndex(of: ":"), !host[colon...].contains("]") else { return (host, nil) }
        let port = String(host[host.index(after: colon)...])
        return port.allSatisfy(\.isNumber) && !port.isEmpty ? (String(host[..<colon]), port) : (host, nil)
    }

    /// Throws 429 when the client's address has registered or signed up too often this hour.
    func limitSignups(_ request: HTTPRequest) throws {
        if let wait = signupLimit.retryAfter(address: authenticator.settings.clientAddress(request), now: now()) {
            throw APIError.tooManyRequests(retryAfterSeconds: wait)
        }
    }
}

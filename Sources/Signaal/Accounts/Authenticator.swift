import Foundation
import HTTP
import Security

/// Who is making a request, and how they proved it.
struct Principal: Sendable {
    enum Credential: Sendable {
        /// A browser session cookie; writes need the session's CSRF token.
        case session(tokenHash: [UInt8], csrfToken: String)
        /// An integration's `Authorization: Bearer` API token; no CSRF.
        case bearer(tokenID: String)
    }

    let account: Account
    let credential: Credential
}

/// Resolves session cookies and bearer tokens to a `Principal`, enforcing session expiry.
struct Authenticator: Sendable {
    static let cookieName = "signaal_session"

    let store: AccountStore
    let settings: SessionSettings
    let now: @Sendable () -> Date
    /// Sessions by token hash: every session change goes through `store` in this process.
    let sessions: MemoryCache<[UInt8], AccountStore.StoredSession>

    /// The principal, nil when the request carries no credentials.
    /// - Throws: `APIError.sessionExpired` for an unknown, ended or expired session or token.
    func principal(for request: HTTPRequest) async throws -> Principal? {
        if let authorization = request.headers["authorization"] {
            guard authorization.lowercased().hasPrefix("bearer "),
                  let token = SecretToken(text: String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)),
                  let found = try await store.apiTokenAccount(tokenHash: token.hash)
            else { throw APIError(.unauthorized, "invalid_token", "The API token is unknown or revoked.") }
            return Principal(account: found.account, credential: .bearer(tokenID: found.tokenID))
        }
        guard let cookie = Self.sessionCookie(in: request) else { return nil }
        guard let token = SecretToken(text: cookie) else { throw APIError.sessionExpired }
        let hash = token.hash
        var found = sessions[hash]
        if found == nil {
            found = try await store.session(tokenHash: hash)
            if let found { sessions.store(found, for: hash) }
        }
        guard var session = found else { throw APIError.sessionExpired }
        let current = now()
        if current.timeIntervalSince(session.lastSeenAt) >= settings.idleTimeout
            || current.timeIntervalSince(session.createdAt) >= settings.absoluteLifetime {
            sessions.remove(hash)
            try await store.deleteSession(tokenHash: hash)
            throw APIError.sessionExpired
        }
        // Renew the idle clock at most once a minute, so reads do not each cost a write.
        if current.timeIntervalSince(session.lastSeenAt) > 60 {
            try await store.touchSession(tokenHash: hash, now: current)
            session = session.seen(at: current)
            sessions.store(session, for: hash)
        }
        return Principal(account: session.account, credential: .session(tokenHash: hash, csrfToken: session.csrfToken))
    }

    /// Ends a session: removed from the cache and the database.
    func endSession(tokenHash: [UInt8]) async throws {
        sessions.remove(tokenHash)
        try await store.deleteSession(tokenHash: tokenHash)
    }

    /// Forgets the cached sessions of one person (after deactivation or erasure).
    func forgetSessions(ofAccount id: String) {
        sessions.removeAll { $0.account.id == id }
    }

    static func sessionCookie(in request: HTTPRequest) -> String? {
        request.cookie(named: cookieName)
    }

    /// The `Set-Cookie` value that starts a session (or ends it with `token == nil`), `Secure` when
    /// configured so or when a trusted proxy says the request came over HTTPS.
    func cookie(_ token: SecretToken?, answering request: HTTPRequest) -> String {
        var parts = ["\(Self.cookieName)=\(token?.text ?? "")", "Path=/", "HttpOnly", "SameSite=Lax",
                     "Max-Age=\(token == nil ? 0 : Int(settings.absoluteLifetime))"]
        if settings.secureCookies || settings.cameOverHTTPS(request) { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}

/// How long sessions last and how their cookie is marked.
public struct SessionSettings: Sendable {
    /// A session ends after this long without a request. The default is 12 hours.
    public var idleTimeout: TimeInterval = 12 * 3600
    /// A session ends this long after sign-in whatever happens. The default is 30 days.
    public var absoluteLifetime: TimeInterval = 30 * 24 * 3600
    /// Adds `Secure` to the cookie; set when served over HTTPS. The default is false.
    public var secureCookies = false
    /// Honours `X-Forwarded-Proto: https` from the reverse proxy that terminates TLS (cookies get
    /// `Secure`, links get `https`). Only for a server reachable through that proxy alone, since
    /// anyone can send the header; the last value counts, the one the nearest proxy added. The
    /// default is false.
    public var trustForwardedProto = false

    /// The reverse proxies (addresses or CIDR ranges) whose forwarded headers count (with
    /// `trustForwardedProto`). The default is loopback.
    public var trustedProxies: [AddressRange] = [AddressRange("127.0.0.1")!, AddressRange("::1")!]

    /// The client's address for limits and the access log: behind a trusted proxy, the right-most
    /// `X-Forwarded-For` entry (over all its header lines) that is not itself a trusted proxy (the one the
    /// outermost of our proxies saw, which the client cannot forge); otherwise the socket's peer address.
    public func clientAddress(_ request: HTTPRequest) -> String {
        let forwarded = request.headers.values("x-forwarded-for")
        guard trustForwardedProto, isTrustedProxy(request.remoteAddress), !forwarded.isEmpty else { return request.remoteAddress }
        let hops = forwarded.joined(separator: ",").split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
        return hops.last { !isTrustedProxy($0) } ?? hops.first ?? request.remoteAddress
    }

    /// Whether the request came through one of our trusted proxies (so its forwarded headers count).
    func isForwardedByTrustedProxy(_ request: HTTPRequest) -> Bool {
        trustForwardedProto && isTrustedProxy(request.remoteAddress)
    }

    private func isTrustedProxy(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    /// Whether a trusted proxy reports that `request` reached it over HTTPS.
    func cameOverHTTPS(_ request: HTTPRequest) -> Bool {
        guard isForwardedByTrustedProxy(request), let proto = request.headers["x-forwarded-proto"] else { return false }
        return proto.split(separator: ",").last?.trimmingWhitespace().lowercased() == "https"
    }

    public init() {}
}

import Foundation
import HTTP
import Security

/// The answer to every successful sign-in (login, setup, joining by invite, poster sign-up).
struct SignedIn: Codable {
    let user: Account
    let role: Role
    let csrfToken: String
    var csrfHeader = "X-CSRF-Token"
}

/// Starts sessions: a random token in an HttpOnly cookie, its hash in the database, and the CSRF token
/// in the answer. Used by signing in, the first admin's setup, joining by invite and poster sign-up.
struct SessionStarter: Sendable {
    let store: AccountStore
    let authenticator: Authenticator
    let now: @Sendable () -> Date

    func start(for account: Account, answering request: HTTPRequest) async throws -> Reply<SignedIn> {
        let token = SecretToken()
        let csrf = SecretToken().text
        try await store.createSession(tokenHash: token.hash, accountID: account.id, csrfToken: csrf, now: now())
        var headers = Self.private
        headers.add(name: "set-cookie", value: authenticator.cookie(token, answering: request))
        return Reply(SignedIn(user: account, role: account.role, csrfToken: csrf), headers: headers)
    }

    /// The header of an answer carrying the CSRF token: never kept by a browser or proxy cache.
    static let `private`: HTTPHeaders = ["cache-control": "no-store"]
}

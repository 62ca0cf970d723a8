import Foundation
import HTTP
import Security

/// Signing in and out, who am I, and the first admin's setup.
final class SessionRoutes: Sendable {
    let store: AccountStore
    let authenticator: Authenticator
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let now: @Sendable () -> Date
    /// A real yescrypt hash to verify against when the login is unknown, so both failures cost the same.
    /// What an unknown login is checked against, so it costs the same yescrypt verification as a
    /// wrong password (same cost settings as our hashes). Its password was random and is not kept.
    private static let dummyHash = "$y$j9T$PT8HB1sPHt8cyyQ8EvaG61$QPk4ck6V/i1N/.NJlFxN3JV/c/k3nMCwcIm4brUm6SD"

    init(store: AccountStore, authenticator: Authenticator, hasher: PasswordHasher, throttle: LoginThrottle, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.authenticator = authenticator
        self.hasher = hasher
        self.throttle = throttle
        self.now = now
    }

    struct LoginRequest: Decodable {
        let email: String
        let password: String
    }

    struct SetupRequest: Decodable {
        let token: String
        let name: String
        let email: String
        let password: String
    }

    struct Me: Encodable {
        let user: Account
        let role: Role
        let csrfToken: String?
    }

    /// The answer to every successful sign-in (login, setup, joining by invite).
    struct SignedIn: Encodable {
        let user: Account
        let role: Role
        let csrfToken: String
        let csrfHeader = "X-CSRF-Token"
    }

    func register(in routes: inout APIRoutes) {
        routes.add(.post, "/api/v1/session", access: .anyone) { [self] context in try await login(context.request) }
        routes.add(.delete, "/api/v1/session", access: .signedIn) { [self] context in try await logout(context) }
        routes.add(.get, "/api/v1/me", access: .signedIn) { context in
            // A page opened in a new tab learns its CSRF token here (readable by same-origin scripts only).
            let principal = try context.signedIn
            var csrf: String?
            if case .session(_, let token) = principal.credential { csrf = token }
            return try Self.private(JSONBody.response(Me(user: principal.account, role: principal.account.role, csrfToken: csrf)))
        }
        // For pages: whether this browser is signed in, without a 401 in the console when it is not.
        routes.add(.get, "/api/v1/session", access: .anyone) { [self] context in
            guard let principal = try? await authenticator.principal(for: context.request) else {
                return try JSONBody.response(["signedIn": false])
            }
            var csrf: String?
            if case .session(_, let token) = principal.credential { csrf = token }
            return try Self.private(JSONBody.response(Me(user: principal.account, role: principal.account.role, csrfToken: csrf)))
        }
        routes.add(.post, "/api/v1/setup", access: .anyone) { [self] context in try await setup(context.request) }
    }

    private func login(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try JSONBody.decode(LoginRequest.self, from: request)
        let login = body.email.trimmingCharacters(in: .whitespacesAndNewlines)
        let current = now()
        let address = authenticator.settings.clientAddress(request)
        if let wait = throttle.retryAfter(account: login, address: address, now: current) {
            throw APIError.tooManyRequests(retryAfterSeconds: wait)
        }
        let found = login.isEmpty ? nil : try await store.account(login: login)
        let verified: Bool
        if let found, let hash = found.passwordHash {
            verified = await hasher.verify(body.password, against: hash)
        } else {
            _ = await hasher.verify(body.password, against: Self.dummyHash)
            verified = false
        }
        guard verified, let account = found?.account else {
            throttle.recordFailure(account: login, address: address, now: current)
            throw APIError.invalidCredentials
        }
        throttle.recordSuccess(account: login, address: address)
        return try await startSession(for: account, status: .ok, answering: request)
    }

    private func logout(_ context: RequestContext) async throws -> HTTPResponse {
        var response = HTTPResponse(status: .noContent)
        if case .session(let hash, _) = try context.signedIn.credential {
            try await authenticator.endSession(tokenHash: hash)
            response.headers.add(name: "set-cookie", value: authenticator.cookie(nil, answering: context.request))
        }
        return response
    }

    private func setup(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try JSONBody.decode(SetupRequest.self, from: request)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError.unprocessable("invalid_name", "Enter your name.") }
        guard EmailAddress.isValid(body.email) else { throw APIError.unprocessable("invalid_email", "Enter a valid email address.") }
        if let problem = PasswordPolicy.problem(with: body.password) { throw APIError.unprocessable("weak_password", problem.message) }
        guard let token = SecretToken(text: body.token) else { throw Self.invalidSetupLink }
        let hash = try await hasher.hash(body.password)
        guard let admin = try await store.completeSetup(tokenHash: token.hash, name: name, email: body.email, passwordHash: hash, now: now()) else {
            throw Self.invalidSetupLink
        }
        return try await startSession(for: admin, status: .created, answering: request)
    }

    static let invalidSetupLink = APIError(.notFound, "setup_link_invalid", "This setup link is unknown, used or expired.")

    /// Starts a session: a random token in an HttpOnly cookie, its hash in the database, and the CSRF token in the body.
    func startSession(for account: Account, status: HTTPStatus, answering request: HTTPRequest) async throws -> HTTPResponse {
        let token = SecretToken()
        let csrf = SecretToken().text
        try await store.createSession(tokenHash: token.hash, accountID: account.id, csrfToken: csrf, now: now())
        var response = try JSONBody.response(SignedIn(user: account, role: account.role, csrfToken: csrf), status: status)
        response.headers.add(name: "set-cookie", value: authenticator.cookie(token, answering: request))
        return Self.private(response)
    }

    /// An answer carrying the CSRF token: never kept by a browser or proxy cache.
    static func `private`(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.replaceOrAdd(name: "cache-control", value: "no-store")
        return response
    }

}

/// A pragmatic email check: one `@`, something before it, a dot in the domain, no spaces.
enum EmailAddress {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !text.contains { $0.isWhitespace || $0 == "<" || $0 == ">" }
    }
}

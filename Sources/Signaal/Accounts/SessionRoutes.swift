import Foundation
import HTTP
import Security

/// Signing in and out, who am I, and the first admin's setup.
final class SessionRoutes: Sendable {
    let store: AccountStore
    let authenticator: Authenticator
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let sessions: SessionStarter
    let now: @Sendable () -> Date
    /// A real yescrypt hash to verify against when the login is unknown, so both failures cost the same.
    /// What an unknown login is checked against, so it costs the same yescrypt verification as a
    /// wrong password (same cost settings as our hashes). Its password was random and is not kept.
    private static let dummyHash = "$y$j9T$PT8HB1sPHt8cyyQ8EvaG61$QPk4ck6V/i1N/.NJlFxN3JV/c/k3nMCwcIm4brUm6SD"

    init(store: AccountStore, authenticator: Authenticator, hasher: PasswordHasher, throttle: LoginThrottle, sessions: SessionStarter,
         now: @escaping @Sendable () -> Date) {
        self.store = store
        self.authenticator = authenticator
        self.hasher = hasher
        self.throttle = throttle
        self.sessions = sessions
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

    /// Who is signed in on this request (`GET /api/v1/me`).
    struct Me: Codable {
        let user: Account
        let role: Role
        /// Only for a browser session: the token its writes must carry.
        let csrfToken: String?
    }

    /// Whether this browser is signed in (`GET /api/v1/session`): `signedIn` false and nothing else, or who.
    struct SessionState: Codable {
        let signedIn: Bool
        let user: Account?
        let role: Role?
        let csrfToken: String?
    }

    func signIn(_ context: RequestContext, _ body: LoginRequest) async throws -> Reply<SignedIn> {
        try await login(body, context.request)
    }

    func signOut(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await logout(context)
    }

    func me(_ context: RequestContext) async throws -> Reply<Me> {
        // A page opened in a new tab learns its CSRF token here (readable by same-origin scripts only).
        let principal = try context.signedIn
        return Reply(Me(user: principal.account, role: principal.account.role, csrfToken: Self.csrfToken(principal)), headers: SessionStarter.private)
    }

    /// For pages: whether this browser is signed in, without a 401 in the console when it is not.
    func sessionState(_ context: RequestContext) async throws -> Reply<SessionState> {
        guard let principal = try? await authenticator.principal(for: context.request) else {
            return Reply(SessionState(signedIn: false, user: nil, role: nil, csrfToken: nil))
        }
        return Reply(SessionState(signedIn: true, user: principal.account, role: principal.account.role, csrfToken: Self.csrfToken(principal)),
                     headers: SessionStarter.private)
    }

    func setUpFirstAdmin(_ context: RequestContext, _ body: SetupRequest) async throws -> Reply<SignedIn> {
        try await setup(body, context.request)
    }

    private static func csrfToken(_ principal: Principal) -> String? {
        if case .session(_, let token) = principal.credential { return token }
        return nil
    }

    private func login(_ body: LoginRequest, _ request: HTTPRequest) async throws -> Reply<SignedIn> {
        let login = body.email.trimmingCharacters(in: .whitespacesAndNewlines)
        let current = now()
        let address = authenticator.settings.clientAddress(request)
        if let wait = throttle.retryAfter(account: login, address: address, now: current) {
            throw APIError.tooManyRequests(retryAfterSeconds: wait)
        }
        let delay = throttle.delay(account: login, now: current)
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
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
        return try await sessions.start(for: account, answering: request)
    }

    private func logout(_ context: RequestContext) async throws -> HTTPHeaders {
        guard case .session(let hash, _) = try context.signedIn.credential else { return [:] }
        try await authenticator.endSession(tokenHash: hash)
        return ["set-cookie": authenticator.cookie(nil, answering: context.request)]
    }

    private func setup(_ body: SetupRequest, _ request: HTTPRequest) async throws -> Reply<SignedIn> {
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError.unprocessable("invalid_name", "Enter your name.") }
        guard EmailAddress.isValid(body.email) else { throw APIError.unprocessable("invalid_email", "Enter a valid email address.") }
        if let problem = PasswordPolicy.problem(with: body.password, personal: [body.email, name]) { throw problem }
        guard let token = SecretToken(text: body.token) else { throw Self.invalidSetupLink }
        let hash = try await hasher.hash(body.password)
        guard let admin = try await store.completeSetup(tokenHash: token.hash, name: name, email: body.email, passwordHash: hash, now: now()) else {
            throw Self.invalidSetupLink
        }
        return try await sessions.start(for: admin, answering: request)
    }

    static let invalidSetupLink = APIError(.notFound, "setup_link_invalid", "This setup link is unknown, used or expired.")
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

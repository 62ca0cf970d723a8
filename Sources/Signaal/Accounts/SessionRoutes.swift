import Foundation
import HTTP
import Security

/// Signing in and out, who am I, and the first admin's setup.
struct SessionRoutes: Sendable {
    let authenticator: Authenticator
    let credentials: SignInService
    let sessions: SessionStarter
    let accounts: AccountStore
    /// The interface languages a person may choose.
    let languages: [String]

    struct LanguageChoiceRequest: Decodable {
        let language: String
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

    /// `PUT /api/v1/me/language`: the person's own choice, kept on their account so it follows them.
    func setLanguage(_ context: RequestContext, _ body: LanguageChoiceRequest) async throws -> HTTPHeaders {
        let account = try context.signedIn.account
        try await accounts.setLanguage(try Validation.language(body.language, offered: languages), of: account.id)
        authenticator.forgetSessions(ofAccount: account.id)
        return [:]
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

    private static func csrfToken(_ principal: Principal) -> String? {
        if case .session(_, let token) = principal.credential { return token }
        return nil
    }

    func signIn(_ context: RequestContext, _ body: LoginRequest) async throws -> Reply<SignedIn> {
        let request = context.request
        let account = try await credentials.verify(login: body.email, password: body.password, address: authenticator.settings.clientAddress(request))
        return try await sessions.start(for: account, answering: request)
    }

    func signOut(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        guard case .session(let hash, _) = try context.signedIn.credential else { return [:] }
        try await authenticator.endSession(tokenHash: hash)
        return ["set-cookie": authenticator.cookie(nil, answering: context.request)]
    }

    func setUpFirstAdmin(_ context: RequestContext, _ body: SetupRequest) async throws -> Reply<SignedIn> {
        let request = context.request
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError.unprocessable("invalid_name", "Enter your name.") }
        guard EmailAddress.isValid(body.email) else { throw APIError.unprocessable("invalid_email", "Enter a valid email address.") }
        let admin = try await credentials.setUpFirstAdmin(token: body.token, name: name, email: body.email, password: body.password)
        return try await sessions.start(for: admin, answering: request)
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

import HTTP
import Security

/// Who may call a route. Every API route declares one; a test fails for a route without.
enum Access: Sendable, Equatable {
    /// No sign-in needed.
    case anyone
    /// Any signed-in person.
    case signedIn
    /// Only these roles.
    case roles(Set<Role>)
}

/// What an API handler receives: the request and, for routes that need one, the principal.
struct RequestContext: Sendable {
    let request: HTTPRequest
    let principal: Principal?

    /// The signed-in principal; routes with `Access.signedIn` or `.roles` always have one.
    var signedIn: Principal {
        get throws {
            guard let principal else { throw APIError.unauthenticated }
            return principal
        }
    }
}

/// Registers API routes with their access rule, enforcing sign-in, roles and CSRF before the handler.
struct APIRoutes {
    typealias Handler = @Sendable (RequestContext) async throws -> HTTPResponse

    private(set) var router: Router
    let authenticator: Authenticator
    /// The declared access of every route added here, keyed by "METHOD pattern".
    private(set) var accessTable: [String: Access] = [:]

    init(router: Router, authenticator: Authenticator) {
        self.router = router
        self.authenticator = authenticator
    }

    mutating func add(_ method: HTTPMethod, _ pattern: String, access: Access, bodyLimit: Int? = nil,
                      hidesPathInLog: Bool = false, handler: @escaping Handler) {
        accessTable["\(method.rawValue) \(pattern)"] = access
        let authenticator = authenticator
        router.add(method, pattern, bodyLimit: bodyLimit, hidesPathInLog: hidesPathInLog) { request in
            do {
                let principal = try await Self.authorize(request, access: access, authenticator: authenticator)
                return try await handler(RequestContext(request: request, principal: principal))
            } catch {
                throw APIError.from(error, route: "\(method.rawValue) \(pattern)")
            }
        }
    }

    private static func authorize(_ request: HTTPRequest, access: Access, authenticator: Authenticator) async throws -> Principal? {
        if access == .anyone { return nil }
        guard let principal = try await authenticator.principal(for: request) else { throw APIError.unauthenticated }
        if case .roles(let roles) = access, !roles.contains(principal.account.role) { throw APIError.forbidden }
        if request.method.isUnsafe, case .session(_, let expected) = principal.credential {
            guard let presented = request.headers["x-csrf-token"] else { throw APIError.csrfMissing }
            guard ConstantTimeText.equals(presented, expected) else { throw APIError.csrfInvalid }
        }
        return principal
    }
}

/// Constant-time comparison of secrets given as text.
enum ConstantTimeText {
    static func equals(_ left: String, _ right: String) -> Bool {
        ConstantTime.equals(Array(left.utf8), Array(right.utf8))
    }
}

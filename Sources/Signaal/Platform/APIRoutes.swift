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

    /// The business in the path of a `/api/v1/businesses/{id}…` route, already checked: its own
    /// managers and admins reach the handler, anyone else got a 404.
    var businessID: String { request.parameters["id"] ?? "" }

    /// The signed-in principal; routes with `Access.signedIn` or `.roles` always have one.
    var signedIn: Principal {
        get throws {
            guard let principal else { throw APIError.unauthenticated }
            return principal
        }
    }
}

/// Registers API routes with their access rule and their documented shape, enforcing sign-in, roles,
/// CSRF and (under `/api/v1/businesses/{id}`) the business's own people before the handler. JSON bodies and answers are typed: the handler receives the decoded
/// body and returns a `Reply` of the answer type, and the OpenAPI document reads its schemas off the
/// same types, so it cannot describe anything else.
struct APIRoutes {
    typealias Handler = @Sendable (RequestContext) async throws -> HTTPResponse

    private(set) var router: Router
    let authenticator: Authenticator
    /// Error messages in the person's language.
    let strings: InterfaceStrings
    /// The documentation of every route added here, keyed by "METHOD pattern".
    private(set) var documentation: [String: RouteDocumentation] = [:]

    init(router: Router, authenticator: Authenticator, strings: InterfaceStrings) {
        self.router = router
        self.authenticator = authenticator
        self.strings = strings
    }

    /// A route that answers JSON of type `Answer`, without a JSON request body (or with a body of the
    /// `accepts` media type, which the handler reads itself).
    mutating func json<Answer: Codable & Sendable>(
        _ method: HTTPMethod, _ pattern: String, access: Access, accepts: String? = nil, answers: Answer.Type, _ summary: String,
        status: HTTPStatus = .ok, also: [HTTPStatus] = [], errors: [HTTPStatus] = [], mediaType: String = "application/json",
        bodyLimit: Int? = nil, hidesPathInLog: Bool = false, handler: @escaping @Sendable (RequestContext) async throws -> Reply<Answer>
    ) {
        let answer = RouteDocumentation.Payload(mediaType: mediaType, schema: { try JSONSchema.of(Answer.self) })
        add(method, pattern, RouteDocumentation(access: access, summary: summary, body: accepts.map { .media($0) }, success: [status] + also,
                                                answer: answer, errors: errors),
            bodyLimit: bodyLimit, hidesPathInLog: hidesPathInLog) { context in
            try await handler(context).response(status: status, mediaType: mediaType)
        }
    }

    /// A route that takes a JSON body of type `Body` and answers JSON of type `Answer`.
    mutating func json<Body: Decodable & Sendable, Answer: Codable & Sendable>(
        _ method: HTTPMethod, _ pattern: String, access: Access, body: Body.Type, answers: Answer.Type, _ summary: String,
        status: HTTPStatus = .ok, also: [HTTPStatus] = [], errors: [HTTPStatus] = [],
        hidesPathInLog: Bool = false, handler: @escaping @Sendable (RequestContext, Body) async throws -> Reply<Answer>
    ) {
        let answer = RouteDocumentation.Payload(mediaType: "application/json", schema: { try JSONSchema.of(Answer.self) })
        add(method, pattern, RouteDocumentation(access: access, summary: summary, body: .json(Body.self), success: [status] + also,
                                                answer: answer, errors: errors),
            hidesPathInLog: hidesPathInLog) { context in
            try await handler(context, try JSONBody.decode(Body.self, from: context.request)).response(status: status, mediaType: "application/json")
        }
    }

    /// A route that takes no body and answers 204.
    mutating func empty(
        _ method: HTTPMethod, _ pattern: String, access: Access, _ summary: String, errors: [HTTPStatus] = [],
        handler: @escaping @Sendable (RequestContext, NoBody) async throws -> HTTPHeaders
    ) {
        empty(method, pattern, access: access, body: NoBody.self, summary, errors: errors, handler: handler)
    }

    /// A route that takes a JSON body of type `Body` (none for `NoBody`) and answers 204.
    mutating func empty<Body: Decodable & Sendable>(
        _ method: HTTPMethod, _ pattern: String, access: Access, body: Body.Type, _ summary: String,
        errors: [HTTPStatus] = [], handler: @escaping @Sendable (RequestContext, Body) async throws -> HTTPHeaders
    ) {
        let takesBody = Body.self != NoBody.self
        add(method, pattern, RouteDocumentation(access: access, summary: summary, body: takesBody ? .json(Body.self) : nil,
                                                success: [.noContent], answer: nil, errors: errors)) { context in
            let body = takesBody ? try JSONBody.decode(Body.self, from: context.request) : NoBody() as! Body
            return HTTPResponse(status: .noContent, headers: try await handler(context, body))
        }
    }

    /// A route that answers a document (PDF, CSV, SVG, an image, an HTML page), optionally taking a
    /// non-JSON body of `accepts`' media type.
    mutating func document(
        _ method: HTTPMethod, _ pattern: String, access: Access, produces: String, _ summary: String, accepts: String? = nil,
        also: [HTTPStatus] = [], errors: [HTTPStatus] = [], bodyLimit: Int? = nil, handler: @escaping Handler
    ) {
        let answer = RouteDocumentation.Payload(mediaType: produces, schema: nil)
        add(method, pattern, RouteDocumentation(access: access, summary: summary, body: accepts.map { .media($0) }, success: [.ok] + also,
                                                answer: answer, errors: errors),
            bodyLimit: bodyLimit, handler: handler)
    }

    private mutating func add(_ method: HTTPMethod, _ pattern: String, _ documented: RouteDocumentation, bodyLimit: Int? = nil,
                              hidesPathInLog: Bool = false, handler: @escaping Handler) {
        documentation["\(method.rawValue) \(pattern)"] = documented
        let authenticator = authenticator, strings = strings
        let access = documented.access
        let businessScoped = pattern.hasPrefix("/api/v1/businesses/{id}")
        router.add(method, pattern, bodyLimit: bodyLimit, hidesPathInLog: hidesPathInLog) { request in
            do {
                let principal = try await Self.authorize(request, access: access, authenticator: authenticator)
                // A business's routes answer another business's manager as if it did not exist, before
                // looking at the body, so nothing about it can be probed.
                if businessScoped, let principal { try BusinessAccess.check(principal, businessID: request.parameters["id"] ?? "") }
                return try await handler(RequestContext(request: request, principal: principal))
            } catch {
                throw strings.localized(APIError.from(error, route: "\(method.rawValue) \(pattern)"), for: request)
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

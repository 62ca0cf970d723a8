import Foundation

/// An error that knows how it is answered: a status, a `snake_case` code and a message.
/// Anything else a handler throws becomes a 500 with a generic message.
public protocol HTTPResponseError: Error {
    var status: HTTPStatus { get }
    var code: String { get }
    var message: String { get }
    /// Extra headers for the answer (e.g. `Retry-After`, `Allow`).
    var headers: HTTPHeaders { get }
    /// The whole JSON body when the error says more than its code and message; nil for the usual
    /// `{"error":{"code","message"}}`.
    var body: [UInt8]? { get }
}

extension HTTPResponseError {
    public var headers: HTTPHeaders { [:] }
    public var body: [UInt8]? { nil }
}

/// Matches requests to handlers by method and path pattern (`/api/v1/businesses/{id}`).
///
/// A path that matches no pattern is a 404 (or goes to `fallback` for `GET`/`HEAD`); a path that
/// matches with another method is a 405 with `Allow`. `HEAD` is served by the `GET` handler.
public struct Router: HTTPResponder {
    public typealias Handler = @Sendable (HTTPRequest) async throws -> HTTPResponse

    /// One registered route.
    public struct Route: Sendable {
        public let method: HTTPMethod
        public let pattern: String
        let bodyLimit: Int?
        let hidesPathInLog: Bool
        let handler: Handler
    }

    struct Node: Sendable {
        var literals: [String: Node] = [:]
        /// At most one element: the `{name}` child. (An array because a struct cannot hold itself.)
        var parameter: [Node] = []
        var parameterName = ""
        var routes: [HTTPMethod: Route] = [:]
    }

    private var root = Node()
    /// Every route, in registration order.
    public private(set) var routes: [Route] = []
    /// Serves `GET`/`HEAD` requests no pattern matches (static files); nil answers 404.
    public var fallback: Handler?
    /// The client's address as the access log should name it (e.g. from a trusted proxy's header); nil: the peer.
    public var clientAddress: (@Sendable (HTTPRequest) -> String)?

    public init() {}

    /// Registers `handler` for `method` on `pattern`.
    /// - Parameters:
    ///   - bodyLimit: a body limit for this route in place of the server's default.
    ///   - hidesPathInLog: log the pattern instead of the path (for paths that carry secrets).
    public mutating func add(_ method: HTTPMethod, _ pattern: String, bodyLimit: Int? = nil,
                             hidesPathInLog: Bool = false, handler: @escaping Handler) {
        let route = Route(method: method, pattern: pattern, bodyLimit: bodyLimit, hidesPathInLog: hidesPathInLog, handler: handler)
        routes.append(route)
        Self.insert(route, segments: Self.segments(of: pattern)[...], into: &root)
    }

    private static func insert(_ route: Route, segments: ArraySlice<Substring>, into node: inout Node) {
        guard let first = segments.first else {
            precondition(node.routes[route.method] == nil, "route registered twice: \(route.method) \(route.pattern)")
            node.routes[route.method] = route
            return
        }
        if first.hasPrefix("{"), first.hasSuffix("}") {
            let name = String(first.dropFirst().dropLast())
            if node.parameter.isEmpty {
                node.parameter = [Node()]
                node.parameterName = name
            }
            precondition(node.parameterName == name, "conflicting parameter names at \(route.pattern)")
            insert(route, segments: segments.dropFirst(), into: &node.parameter[0])
        } else {
            insert(route, segments: segments.dropFirst(), into: &node.literals[String(first), default: Node()])
        }
    }

    private static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
    }

    /// The node for `segments` and the raw parameter values on the way; literals win over parameters.
    private static func match(_ segments: ArraySlice<Substring>, in node: Node, parameters: inout [String: String]) -> Node? {
        guard let first = segments.first else { return node.routes.isEmpty ? nil : node }
        if let child = node.literals[String(first)], let found = match(segments.dropFirst(), in: child, parameters: &parameters) {
            return found
        }
        if let child = node.parameter.first, !first.isEmpty {
            if let found = match(segments.dropFirst(), in: child, parameters: &parameters) {
                parameters[node.parameterName] = String(first)
                return found
            }
        }
        return nil
    }

    public func bodyLimit(method: HTTPMethod, path: String) -> Int? {
        var parameters: [String: String] = [:]
        return Self.match(Self.segments(of: path)[...], in: root, parameters: &parameters)?.routes[method]?.bodyLimit
    }

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        var response = await route(request)
        if let clientAddress {
            let client = clientAddress(request)
            if client != request.remoteAddress { response.loggedClient = client }
        }
        return response
    }

    private func route(_ request: HTTPRequest) async -> HTTPResponse {
        var parameters: [String: String] = [:]
        guard let node = Self.match(Self.segments(of: request.path)[...], in: root, parameters: &parameters) else {
            if let fallback, request.method == .get || request.method == .head {
                return await Self.run(fallback, request, pattern: "static")
            }
            return .error(.notFound, code: "not_found", message: "No resource at this path.")
        }
        let route = node.routes[request.method] ?? (request.method == .head ? node.routes[.get] : nil)
        guard let route else {
            var allowed = Set(node.routes.keys)
            if allowed.contains(.get) { allowed.insert(.head) }
            let allow = HTTPMethod.allCases.filter(allowed.contains).map(\.rawValue).joined(separator: ", ")
            var response = HTTPResponse.error(.methodNotAllowed, code: "method_not_allowed",
                                              message: "\(request.method.rawValue) is not allowed here. Allowed: \(allow).")
            response.headers.add(name: "allow", value: allow)
            response.routePattern = Self.patternOf(node)
            return response
        }
        var routed = request
        for (name, raw) in parameters {
            guard let decoded = PercentDecoding.decode(raw) else {
                return .error(.badRequest, code: "invalid_path", message: "The path contains an invalid escape.")
            }
            routed.parameters[name] = decoded
        }
        var response = await Self.run(route.handler, routed, pattern: route.pattern)
        if route.hidesPathInLog { response.loggedPath = route.pattern }
        return response
    }

    private static func patternOf(_ node: Node) -> String? { node.routes.values.first?.pattern }

    private static func run(_ handler: Handler, _ request: HTTPRequest, pattern: String) async -> HTTPResponse {
        var response: HTTPResponse
        do {
            response = try await handler(request)
        } catch let error as any HTTPResponseError {
            response = error.body.map { .json(error.status, body: $0) } ?? .error(error.status, code: error.code, message: error.message)
            for (name, value) in error.headers { response.headers.replaceOrAdd(name: name, value: value) }
        } catch {
            // Logged once with the route and the error's type (never the request's content); the answer
            // carries the same id so a report can be matched to the log line.
            let requestID = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            FileHandle.standardError.write(Data("error: \(request.method.rawValue) \(pattern): unexpected \(type(of: error)) (request \(requestID))\n".utf8))
            response = .error(.internalServerError, code: "internal_error", message: "Something went wrong on our side (request \(requestID)).")
            response.headers.replaceOrAdd(name: "x-request-id", value: requestID)
        }
        response.routePattern = pattern
        return response
    }
}

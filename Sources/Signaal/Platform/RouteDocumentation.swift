import Foundation
import HTTP

/// What the OpenAPI document says about one route: who may call it, what it takes, what it answers.
/// Filled in by `APIRoutes` from the route's registration, so every route has one.
struct RouteDocumentation: Sendable {
    /// A request body: JSON of a type (its schema read off the type) or another media type.
    enum Body: Sendable {
        case json(schema: @Sendable () throws -> JSONSchema, optional: Bool)
        case media(String)

        static func json<T: Decodable & Sendable>(_ type: T.Type) -> Body {
            .json(schema: { try JSONSchema.of(T.self) }, optional: T.self is any OptionalBody.Type)
        }
    }

    /// An answer's media type and, for JSON, its schema.
    struct Payload: Sendable {
        let mediaType: String
        let schema: (@Sendable () throws -> JSONSchema)?
    }

    let access: Access
    let summary: String
    var body: Body?
    /// The success statuses, the usual one first.
    let success: [HTTPStatus]
    /// The answer on success; nil for 204.
    let answer: Payload?
    /// Error statuses this route answers besides the ones every route of its kind can answer.
    let errors: [HTTPStatus]

    init(access: Access, summary: String, body: Body? = nil, success: [HTTPStatus], answer: Payload?, errors: [HTTPStatus]) {
        self.access = access
        self.summary = summary
        self.body = body
        self.success = success
        self.answer = answer
        self.errors = errors
    }
}

/// A JSON request body that may be left out; an empty body decodes as `whenAbsent`.
protocol OptionalBody: Decodable {
    static var whenAbsent: Self { get }
}

/// The body of a route that takes none.
struct NoBody: Decodable, Sendable {}

/// A JSON answer of a declared type, with its status and any extra headers.
struct Reply<Answer: Encodable & Sendable>: Sendable {
    private let answer: Answer?
    private let encoded: [UInt8]?
    let status: HTTPStatus?
    var headers: HTTPHeaders

    /// `answer`, encoded by `JSONEncoder`; `status` overrides the route's usual one.
    init(_ answer: Answer, status: HTTPStatus? = nil, headers: HTTPHeaders = [:]) {
        self.answer = answer
        encoded = nil
        self.status = status
        self.headers = headers
    }

    /// An answer already written by `Answer`'s hand-written encoder: only for the hot paths the
    /// benchmarks justify, each with a test that it equals `JSONEncoder`'s output.
    init(encoded: [UInt8], status: HTTPStatus? = nil, headers: HTTPHeaders = [:]) {
        answer = nil
        self.encoded = encoded
        self.status = status
        self.headers = headers
    }

    func response(status usual: HTTPStatus, mediaType: String) throws -> HTTPResponse {
        let body = try encoded ?? Array(JSONBody.encoded(answer!))
        var response = HTTPResponse(status: status ?? usual, headers: ["content-type": mediaType == "application/json"
                                        ? "application/json; charset=utf-8" : mediaType], body: body)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}

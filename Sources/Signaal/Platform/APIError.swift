import Foundation
import HTTP
import Security
import Storage

/// A domain error that says more than its code and message (the lessons still to read, the person
/// already on the roster): the fields its error object carries.
protocol DetailedError {
    var details: [(name: String, value: APIError.Detail)] { get }
}

/// Every error the API answers with: a status, a `snake_case` code and a message for people.
/// Errors from other targets are mapped to it here and nowhere else.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public let status: HTTPStatus
    public let code: String
    public internal(set) var message: String
    public var headers: HTTPHeaders
    /// Fields the error object carries besides code and message (e.g. the lessons still to read).
    var details: [(name: String, value: Detail)] = []

    /// The value of a detail field.
    enum Detail: Sendable {
        case text(String)
        case list([String])
    }

    public init(_ status: HTTPStatus, _ code: String, _ message: String, headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var body: [UInt8]? {
        guard !details.isEmpty else { return nil }
        var out = JSONOutput(capacity: 256)
        out.object { out in
            out.key("error")
            out.object { out in
                out.key("code"); out.string(code)
                out.key("message"); out.string(message)
                for (name, value) in details {
                    out.key(name)
                    switch value {
                    case .text(let text): out.string(text)
                    case .list(let items): out.array { out in items.forEach { out.string($0) } }
                    }
                }
            }
        }
        return out.bytes
    }

    public static func == (left: APIError, right: APIError) -> Bool {
        left.status == right.status && left.code == right.code && left.message == right.message
    }

    static func badRequest(_ code: String, _ message: String) -> APIError { APIError(.badRequest, code, message) }
    static func unprocessable(_ code: String, _ message: String) -> APIError { APIError(.unprocessableContent, code, message) }
    static func notFound(_ message: String = "No resource at this path.") -> APIError { APIError(.notFound, "not_found", message) }
    static func conflict(_ code: String, _ message: String) -> APIError { APIError(.conflict, code, message) }

    static let unauthenticated = APIError(.unauthorized, "unauthenticated", "Sign in to continue.")
    static let sessionExpired = APIError(.unauthorized, "session_expired", "Your session has ended. Sign in again.")
    static let forbidden = APIError(.forbidden, "forbidden", "Your role does not allow this.")
    static let csrfMissing = APIError(.forbidden, "csrf_token_missing", "This request needs the X-CSRF-Token header from your sign-in.")
    static let csrfInvalid = APIError(.forbidden, "csrf_token_invalid", "The X-CSRF-Token header does not match your session.")

    static func tooManyRequests(retryAfterSeconds: Int) -> APIError {
        APIError(.tooManyRequests, "too_many_attempts", "Too many failed attempts. Try again in \(retryAfterSeconds) seconds.",
                 headers: ["retry-after": String(retryAfterSeconds)])
    }

    /// The answer for any error: API errors as they are, the features' domain errors as API errors with
    /// their details (so their words can be put in the person's language), constraint violations by their
    /// kind, the rest as 500. An unexpected error is logged once, with the route, the error's type and a
    /// request id that the answer carries too (never the request's body, passwords or tokens).
    static func from(_ error: any Error, route: String) -> any HTTPResponseError {
        if let error = error as? APIError { return error }
        if let error = error as? any HTTPResponseError {
            var answer = APIError(error.status, error.code, error.message, headers: error.headers)
            answer.details = (error as? any DetailedError)?.details ?? []
            return answer
        }
        if let error = error as? StorageError, error.isConstraintViolation {
            if error.isUniqueViolation { return APIError.conflict("already_exists", "This already exists.") }
            if error.isForeignKeyViolation { return APIError.conflict("related_record_missing", "Something this refers to does not exist (any more).") }
            if error.isInvalidValue { return APIError.unprocessable("invalid_value", "A value is not allowed here.") }
            return APIError.conflict("conflict", "This conflicts with data that already exists.")
        }
        let requestID = SecretToken().text.prefix(12)
        FileHandle.standardError.write(Data("error: \(route): unexpected \(type(of: error)) (request \(requestID))\n".utf8))
        return APIError(.internalServerError, "internal_error", "Something went wrong on our side (request \(requestID)).",
                        headers: ["x-request-id": String(requestID)])
    }
}

import HTTP
import Storage

/// Every error the API answers with: a status, a `snake_case` code and a message for people.
/// Errors from other targets are mapped to it here and nowhere else.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public let status: HTTPStatus
    public let code: String
    public let message: String
    public var headers: HTTPHeaders

    public init(_ status: HTTPStatus, _ code: String, _ message: String, headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
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
    static let invalidCredentials = APIError(.unauthorized, "invalid_credentials", "The email address, username or password is not right.")
    static let forbidden = APIError(.forbidden, "forbidden", "Your role does not allow this.")
    static let csrfMissing = APIError(.forbidden, "csrf_token_missing", "This request needs the X-CSRF-Token header from your sign-in.")
    static let csrfInvalid = APIError(.forbidden, "csrf_token_invalid", "The X-CSRF-Token header does not match your session.")

    static func tooManyRequests(retryAfterSeconds: Int) -> APIError {
        APIError(.tooManyRequests, "too_many_attempts", "Too many failed attempts. Try again in \(retryAfterSeconds) seconds.",
                 headers: ["retry-after": String(retryAfterSeconds)])
    }

    /// The answer for any error: API errors as they are, constraint violations as 409, the rest as 500.
    static func from(_ error: any Error) -> any HTTPResponseError {
        if let error = error as? any HTTPResponseError { return error }
        if let error = error as? StorageError, error.isConstraintViolation {
            return APIError.conflict("conflict", "This conflicts with data that already exists.")
        }
        return APIError(.internalServerError, "internal_error", "Something went wrong on our side.")
    }
}

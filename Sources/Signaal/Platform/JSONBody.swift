import Foundation
import HTTP

/// Decoding request bodies and encoding answers as JSON, with clear errors for bad input.
enum JSONBody {
    private static let decoder = JSONDecoder()

    /// The body decoded as `T`; 415 when it is not JSON, 400 naming the field when it does not fit.
    /// An empty body is the type's `whenAbsent` value when it is an `OptionalBody`.
    static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest) throws -> T {
        if request.body.isEmpty, let optional = T.self as? any OptionalBody.Type { return optional.whenAbsent as! T }
        if let contentType = request.headers["content-type"], !contentType.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, "unsupported_media_type", "Send the body as application/json.")
        }
        do {
            return try decoder.decode(T.self, from: Data(request.body))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest("invalid_json", "The field '\(key.stringValue)' is missing.")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.unprocessable("invalid_value", "The field '\(field)' has a value that is not allowed.")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.badRequest("invalid_json", "The field '\(field)' has the wrong type.")
        } catch {
            throw APIError.badRequest("invalid_json", "The body is not valid JSON.")
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// The JSON bytes of a value; dates are RFC 3339 UTC.
    static func encoded(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }
}

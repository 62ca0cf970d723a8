/// A response produced by a handler: status, headers and the whole body.
///
/// The server adds `Content-Length`, `Date`, `Connection` and the configured default headers
/// when it serialises the response.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The route pattern that produced this response (for metrics), set by the `Router`.
    public var routePattern: String?
    /// The path the access log shows instead of the real one (for paths that carry secrets).
    public var loggedPath: String?
    /// Set by the server when it must close the connection after this response.
    public var closesConnection = false

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a JSON body that is already encoded.
    public static func json(_ status: HTTPStatus = .ok, body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["content-type": "application/json; charset=utf-8"], body: body)
    }

    /// A response with a UTF-8 text body of the given media type.
    public static func text(_ text: String, status: HTTPStatus = .ok, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["content-type": contentType], body: Array(text.utf8))
    }

    /// The JSON error body `{"error":{"code","message"}}` used for every error the server produces.
    public static func error(_ status: HTTPStatus, code: String, message: String) -> HTTPResponse {
        let body = #"{"error":{"code":"# + JSONText.quoted(code) + #","message":"# + JSONText.quoted(message) + "}}"
        return .json(status, body: Array(body.utf8))
    }
}

/// Minimal JSON text helpers for the bodies the server writes itself.
public enum JSONText {
    /// `text` as a JSON string literal, quotes included (RFC 8259 §7).
    public static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

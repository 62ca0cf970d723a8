/// The request methods the server knows; any other token is answered with 501. `TRACE`, `CONNECT` and
/// `QUERY` (the safe method with a body) are known so that they get 405 with `Allow`, as any method a
/// resource refuses: no route takes them.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    case options = "OPTIONS"
    case trace = "TRACE"
    case connect = "CONNECT"
    case query = "QUERY"

    /// Methods that change state; cookie-authenticated requests with these need CSRF protection.
    public var isUnsafe: Bool {
        switch self {
        case .post, .put, .patch, .delete, .connect: true
        case .get, .head, .options, .trace, .query: false
        }
    }

    init?(bytes: ArraySlice<UInt8>) {
        switch bytes.count {
        case 3 where bytes.elementsEqual("GET".utf8): self = .get
        case 3 where bytes.elementsEqual("PUT".utf8): self = .put
        case 4 where bytes.elementsEqual("HEAD".utf8): self = .head
        case 4 where bytes.elementsEqual("POST".utf8): self = .post
        case 5 where bytes.elementsEqual("PATCH".utf8): self = .patch
        case 5 where bytes.elementsEqual("TRACE".utf8): self = .trace
        case 5 where bytes.elementsEqual("QUERY".utf8): self = .query
        case 6 where bytes.elementsEqual("DELETE".utf8): self = .delete
        case 7 where bytes.elementsEqual("OPTIONS".utf8): self = .options
        case 7 where bytes.elementsEqual("CONNECT".utf8): self = .connect
        default: return nil
        }
    }
}

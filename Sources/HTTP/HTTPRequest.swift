/// An HTTP version as sent on the request line.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}

/// A complete request as the parser hands it to the application: head and whole body.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The path part of the request target, still percent-encoded (e.g. `/api/v1/businesses/42`).
    public var path: String
    /// The query string after `?`, without the `?`, still percent-encoded; empty when absent.
    public var query: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Path parameters filled in by the `Router` from the matched pattern.
    public var parameters: [String: String] = [:]
    /// The peer's address (IP text), for rate limiting and logs.
    public var remoteAddress: String = ""

    public init(
        method: HTTPMethod, path: String, query: String = "", version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether the connection stays open after this request (RFC 9112 §9.3).
    public var keepAlive: Bool {
        if headers.contains("connection", token: "close") { return false }
        if version == .http1_0 { return headers.contains("connection", token: "keep-alive") }
        return true
    }

    /// The decoded query parameters; the last value wins when a name repeats.
    public var queryParameters: [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(parts[0], plusAsSpace: true) else { continue }
            let value = parts.count > 1 ? PercentDecoding.decode(parts[1], plusAsSpace: true) : ""
            if let value { result[name] = value }
        }
        return result
    }
}

/// Percent-decoding of URL components (RFC 3986 §2.1).
public enum PercentDecoding {
    /// The decoded UTF-8 text, or nil when an escape is malformed or the bytes are not UTF-8.
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool = false) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusAsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension HTTPRequest {
    /// The value of the cookie `name` from the `Cookie` header fields, if present.
    public func cookie(named name: String) -> String? {
        for header in headers.values("cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingWhitespace() == name {
                    return String(parts[1].trimmingWhitespace())
                }
            }
        }
        return nil
    }
}

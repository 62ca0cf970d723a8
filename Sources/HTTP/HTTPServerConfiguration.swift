import Foundation

/// Everything the server's behaviour depends on. Each default is the design limit of DESIGN §2.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind. The default is `127.0.0.1`.
    public var host = "127.0.0.1"
    /// Port to bind; 0 picks a free one. The default is 8080.
    public var port = 8080
    /// Event-loop threads. The default is one per core.
    public var ioThreadCount = ProcessInfo.processInfo.activeProcessorCount
    /// Pending connections the kernel queues (`listen` backlog). The default is 4096.
    public var backlog = 4096
    /// Open connections at most; beyond it new sockets wait in the backlog. The default is 10,000.
    public var maxConnections = 10_000
    /// Head, header-count and body limits. See `ParserLimits` for their defaults.
    public var parserLimits = ParserLimits()
    /// Time a client has to send a request's head once it starts (408 and close after). The default is 10 s.
    public var headerTimeout: Duration = .seconds(10)
    /// Time an idle keep-alive connection stays open. The default is 60 s.
    public var idleTimeout: Duration = .seconds(60)
    /// Time the whole request body has to arrive once the head is complete (408 and close after), so a
    /// client dripping a byte at a time cannot hold a connection. The default is 30 s.
    public var bodyTimeout: Duration = .seconds(30)
    /// Time unsent output may wait without any of it being read by the client (close after). The default is 30 s.
    public var writeTimeout: Duration = .seconds(30)
    /// Unsent response bytes per connection above which the server stops reading (and parsing) that
    /// connection's further pipelined requests until the client reads; they wait in the kernel, not in
    /// our memory. The default is 256 KiB.
    public var maxUnsentOutputBytes = 256 * 1024
    /// Open connections from one client address at most; more are closed at once, so one address cannot
    /// take every slot. Behind a proxy all clients share its address: raise it or set 0 (no cap). The default is 512.
    public var maxConnectionsPerAddress = 512
    /// Time in-flight requests get to finish after shutdown starts. The default is 10 s.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// Time a closing connection keeps draining what the client still sends, so that an early
    /// error answer is read rather than lost to a reset. The default is 2 s.
    public var lingerTimeout: Duration = .seconds(2)
    /// Headers added to every response (a handler's own value wins).
    public var defaultHeaders: HTTPHeaders = HTTPServerConfiguration.securityHeaders
    /// Whether to write one access-log line per request to standard output. The default is true.
    public var accessLog = true

    public init() {}

    /// Strict same-origin security headers for every response (DESIGN §2).
    public static let securityHeaders: HTTPHeaders = [
        "content-security-policy":
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        "x-content-type-options": "nosniff",
        "referrer-policy": "same-origin",
        "x-frame-options": "DENY",
    ]
}

extension Duration {
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        return UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000)
    }
}

/// What the server calls for every parsed request; the `Router` is the usual one.
public protocol HTTPResponder: Sendable {
    /// Produces the response; errors must already be turned into responses.
    func respond(to request: HTTPRequest) async -> HTTPResponse
    /// The body limit for a route that allows more (or less) than the server's default.
    func bodyLimit(method: HTTPMethod, path: String) -> Int?
}

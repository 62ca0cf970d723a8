/// One accepted socket's state, owned by a single event loop and touched only on its thread.
final class Connection {
    /// The request a handler is working on, kept to frame and log its response.
    struct InFlight {
        let method: HTTPMethod
        let path: String
        let version: HTTPVersion
        let keepAlive: Bool
        let startedAt: UInt64
    }

    let fd: Int32
    let id: UInt64
    let remoteAddress: String
    var parser: RequestParser
    var state: ConnectionState
    /// Bytes that arrived while a request was in flight (pipelining), parsed once it is answered.
    var pendingInput: [UInt8] = []
    var output: [UInt8] = []
    var outputOffset = 0
    var inFlight: InFlight?
    /// Set when the connection must close once `output` is written.
    var closeAfterWrite = false
    var readingPaused = false
    var writeInterest = false
    /// Set while unsent output is above the bound: further pipelined requests wait until the client reads.
    var backedUp = false

    init(fd: Int32, id: UInt64, remoteAddress: String, parser: RequestParser, state: ConnectionState) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.parser = parser
        self.state = state
    }

    var hasPendingOutput: Bool { outputOffset < output.count }

    var unsentBytes: Int { output.count - outputOffset }

    /// Whether closing now would lose nothing: no request in flight, none half-read, nothing unsent.
    var isQuiet: Bool { inFlight == nil && !parser.hasPartialRequest && pendingInput.isEmpty && !hasPendingOutput }
}

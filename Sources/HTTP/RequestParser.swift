/// Size limits the parser enforces while bytes arrive.
public struct ParserLimits: Sendable {
    /// Request line plus header section. The default is 16 KiB (431 beyond).
    public var maxHeadBytes = 16 * 1024
    /// Header fields per request. The default is 100 (431 beyond).
    public var maxHeaderCount = 100
    /// Request body, unless a route overrides it. The default is 1 MiB (413 beyond).
    public var maxBodyBytes = 1 << 20
    /// One chunk-size line including extensions. The default is 1 KiB (400 beyond).
    public var maxChunkLineBytes = 1024
    /// The trailer section of a chunked body. The default is 8 KiB (431 beyond).
    public var maxTrailerBytes = 8 * 1024

    public init() {}
}

/// What the parser found after being fed bytes.
public enum ParseResult: Sendable {
    /// The request is incomplete; feed more bytes.
    case needMoreData
    /// The head asked for `Expect: 100-continue` and the body has not started: send `100 Continue`.
    case continueExpected
    /// One complete request; call `parse` again with no bytes to look for a pipelined one.
    case request(HTTPRequest)
    /// The request is invalid; answer with `error.status` and close the connection.
    case failure(ParseError)
}

/// An HTTP/1.1 request parser (RFC 9112) written as an explicit state machine.
///
/// It does no I/O: the connection feeds it whatever bytes arrived (one byte or many requests at a
/// time) and acts on the `ParseResult`. Limits are checked as bytes arrive, so an oversized head or
/// body is refused before it is buffered.
public struct RequestParser: Sendable {
    enum State: Sendable {
        case requestLine
        case headers
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytes: Int)
        case failed
    }

    /// The request head collected so far.
    struct Head: Sendable {
        var method: HTTPMethod
        var path: String
        var query: String
        var version: HTTPVersion
        var headers = HTTPHeaders()
        var bodyLimit = 0
        var expectsContinue = false
    }

    let limits: ParserLimits
    /// The body limit for a request, given its method and path (routes may allow more).
    let bodyLimit: @Sendable (HTTPMethod, String) -> Int

    var state = State.requestLine
    var buffer: [UInt8] = []
    /// Index of the first byte not yet consumed.
    var position = 0
    /// Bytes of the current head consumed so far (request line and header lines).
    var headBytes = 0
    /// Bytes of the current, unfinished line already searched for its end.
    var scannedLineBytes = 0
    var head: Head?
    var body: [UInt8] = []
    var continueSent = false

    public init(limits: ParserLimits = ParserLimits(), bodyLimit: (@Sendable (HTTPMethod, String) -> Int)? = nil) {
        self.limits = limits
        let defaultLimit = limits.maxBodyBytes
        self.bodyLimit = bodyLimit ?? { _, _ in defaultLimit }
    }

    /// Bytes received but not yet part of a returned request.
    public var bufferedByteCount: Int { buffer.count - position }

    /// Whether the parser is between requests with nothing buffered.
    public var isIdle: Bool {
        if case .requestLine = state { return headBytes == 0 && bufferedByteCount == 0 }
        return false
    }

    /// Whether the head of the current request is complete and its body is arriving.
    public var isReadingBody: Bool {
        switch state {
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers: true
        case .requestLine, .headers, .failed: false
        }
    }

    /// Whether the parser has started on a request (some of its bytes have arrived).
    public var hasPartialRequest: Bool { !isIdle }

    /// Appends `bytes` and advances as far as the buffered bytes allow.
    public mutating func parse(_ bytes: some Collection<UInt8>) -> ParseResult {
        if case .failed = state { return .needMoreData }
        if !bytes.isEmpty { append(bytes) }
        let result = step()
        if case .failure = result { state = .failed }
        return result
    }

    private mutating func append(_ bytes: some Collection<UInt8>) {
        if position > 0, position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        } else if position > 4096, position * 2 > buffer.count {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    private mutating func step() -> ParseResult {
        while true {
            switch state {
            case .requestLine:
                guard let line = nextLine(limit: limits.maxHeadBytes - headBytes - 2) else { return .needMoreData }
                switch line {
                case .failure(let error): return .failure(error)
                case .line(let range):
                    headBytes += range.count + 2
                    if range.isEmpty, headBytes <= 4 { continue }  // RFC 9112 §2.2: ignore a leading empty line
                    switch parseRequestLine(buffer[range]) {
                    case .success(let parsed):
                        head = parsed
                        state = .headers
                    case .failure(let error): return .failure(error)
                    }
                }

            case .headers:
                guard let line = nextLine(limit: limits.maxHeadBytes - headBytes - 2) else { return .needMoreData }
                switch line {
                case .failure(let error): return .failure(error)
                case .line(let range):
                    headBytes += range.count + 2
                    if range.isEmpty {
                        if let error = finishHead() { return .failure(error) }
                        continue
                    }
                    if let error = addHeader(buffer[range]) { return .failure(error) }
                }

            case .fixedBody(let remaining):
                if remaining > 0, let pending = continueIfExpected() { return pending }
                let available = min(remaining, bufferedByteCount)
                body.append(contentsOf: buffer[position..<position + available])
                position += available
                if available < remaining {
                    state = .fixedBody(remaining: remaining - available)
                    return .needMoreData
                }
                return .request(completeRequest())

            case .chunkSize:
                if let pending = continueIfExpected() { return pending }
                guard let line = nextLine(limit: limits.maxChunkLineBytes) else { return .needMoreData }
                switch line {
                case .failure(let error): return .failure(error == .headTooLarge ? .chunkLineTooLarge : error)
                case .line(let range):
                    switch parseChunkSize(buffer[range]) {
                    case .failure(let error): return .failure(error)
                    case .success(let size):
                        if size > (head?.bodyLimit ?? 0) - body.count { return .failure(.bodyTooLarge) }
                        state = size == 0 ? .trailers(bytes: 0) : .chunkData(remaining: size)
                    }
                }

            case .chunkData(let remaining):
                let available = min(remaining, bufferedByteCount)
                body.append(contentsOf: buffer[position..<position + available])
                position += available
                if available < remaining {
                    state = .chunkData(remaining: remaining - available)
                    return .needMoreData
                }
                state = .chunkDataEnd

            case .chunkDataEnd:
                guard bufferedByteCount >= 2 else { return .needMoreData }
                guard buffer[position] == .cr, buffer[position + 1] == .lf else { return .failure(.malformedChunk) }
                position += 2
                state = .chunkSize

            case .trailers(let bytes):
                guard let line = nextLine(limit: limits.maxTrailerBytes - bytes - 2) else { return .needMoreData }
                switch line {
                case .failure(let error): return .failure(error == .headTooLarge ? .trailersTooLarge : error)
                case .line(let range):
                    if range.isEmpty { return .request(completeRequest()) }
                    if let error = validateFieldLine(buffer[range]) { return .failure(error) }
                    state = .trailers(bytes: bytes + range.count + 2)
                }

            case .failed:
                return .needMoreData
            }
        }
    }

    private enum LineResult {
        case line(Range<Int>)
        case failure(ParseError)
    }

    /// The next CRLF-terminated line (without the CRLF), consuming it; nil when incomplete.
    /// A bare LF or CR is refused, so no two parsers can disagree on where a line ends.
    /// A line longer than `limit` fails with `.headTooLarge`, which callers rename to their own limit.
    private mutating func nextLine(limit: Int) -> LineResult? {
        guard limit >= 0 else { return .failure(.headTooLarge) }
        let start = position
        let end = buffer.count
        let maxLength = limit
        let searchEnd = min(end, start + maxLength + 2)
        // Resume where the last call stopped, so a line sent byte by byte costs linear time.
        var index = start + scannedLineBytes
        while index < searchEnd {
            let byte = buffer[index]
            if byte == .lf {
                guard index > start, buffer[index - 1] == .cr else { return .failure(.malformedHeader) }
                position = index + 1
                scannedLineBytes = 0
                return .line(start..<index - 1)
            }
            if byte == .cr, index + 1 < end, buffer[index + 1] != .lf { return .failure(.malformedHeader) }
            index += 1
        }
        if end - start >= maxLength + 2 { return .failure(.headTooLarge) }
        scannedLineBytes = max(index - start - 1, 0)  // re-check a trailing CR once its successor arrives
        return nil
    }

    /// Returns `.continueExpected` once, when the client waits for `100 Continue` and sent no body yet.
    private mutating func continueIfExpected() -> ParseResult? {
        guard let head, head.expectsContinue, !continueSent else { return nil }
        continueSent = true
        return bufferedByteCount == 0 ? .continueExpected : nil
    }

    private mutating func completeRequest() -> HTTPRequest {
        let finished = head!
        var request = HTTPRequest(
            method: finished.method, path: finished.path, query: finished.query,
            version: finished.version, headers: finished.headers, body: body)
        request.parameters = [:]
        head = nil
        body = []
        headBytes = 0
        continueSent = false
        state = .requestLine
        return request
    }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
}

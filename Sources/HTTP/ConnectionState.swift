/// The timing rules of one connection, decided apart from any I/O so they can be tested with
/// plain numbers: which deadline applies now, and what to do when it passes.
///
/// Times are monotonic nanoseconds supplied by the caller (the event loop's clock).
struct ConnectionState: Sendable, Equatable {
    enum Phase: Sendable, Equatable {
        /// Between requests, nothing received: the idle keep-alive timeout applies.
        case idle
        /// Some of a request's head has arrived: the header timeout applies, counted from its first byte.
        case readingHead
        /// The head is complete and body bytes are arriving: the idle timeout applies, renewed on every
        /// read, and the whole body must arrive within the body timeout, counted from the end of the head.
        case readingBody
        /// A handler is working on the request: no timeout (shutdown bounds it).
        case awaitingResponse
        /// The answer is sent and the write side shut: drain what the client still sends, then close.
        case lingering
    }

    /// What the loop must do when `timeoutAction(at:)` is asked.
    enum TimeoutAction: Sendable, Equatable {
        case none
        /// Close without a word (idle connection, lingering finished, or a client that stopped reading).
        case close
        /// Answer 408 and close (the head did not arrive in time).
        case requestTimeout
        /// Answer 408 and close (the body did not arrive in time).
        case bodyTimeout
    }

    struct Timeouts: Sendable, Equatable {
        var header: UInt64
        var idle: UInt64
        var linger: UInt64
        /// The whole body, from the end of the head.
        var body: UInt64 = .max / 2
        /// Unsent output that makes no progress (a client that does not read).
        var write: UInt64 = .max / 2
    }

    let timeouts: Timeouts
    private(set) var phase: Phase
    private(set) var deadline: UInt64
    /// When the body being read must be complete (`.max` outside a body).
    private(set) var bodyDeadline: UInt64 = .max
    /// When output that is not moving closes the connection (`.max` while nothing waits to be sent).
    private(set) var writeDeadline: UInt64 = .max

    /// A new connection: it gets the header timeout for its first request.
    init(timeouts: Timeouts, now: UInt64) {
        self.timeouts = timeouts
        self.phase = .idle
        self.deadline = now + timeouts.header
    }

    /// Bytes arrived and the parser now reports `partial` (mid-request) and `inBody` (head done).
    mutating func bytesReceived(now: UInt64, partial: Bool, inBody: Bool) {
        switch phase {
        case .idle where partial:
            phase = inBody ? .readingBody : .readingHead
            if inBody { bodyDeadline = now + timeouts.body }
            deadline = inBody ? min(now + timeouts.idle, bodyDeadline) : now + timeouts.header
        case .readingHead where inBody:
            phase = .readingBody
            bodyDeadline = now + timeouts.body
            deadline = min(now + timeouts.idle, bodyDeadline)
        case .readingBody where inBody:
            deadline = min(now + timeouts.idle, bodyDeadline)
        case .readingBody where !partial, .readingHead where !partial:
            phase = .idle
            bodyDeadline = .max
            deadline = now + timeouts.idle
        case .idle, .readingHead, .readingBody, .awaitingResponse, .lingering:
            break
        }
    }

    /// A complete request went to the handler.
    mutating func requestDispatched() {
        phase = .awaitingResponse
        bodyDeadline = .max
        deadline = .max
    }

    /// The response is queued and the connection stays open for the next request.
    mutating func responseSent(now: UInt64) {
        phase = .idle
        deadline = now + timeouts.idle
    }

    /// The connection is closing after its last answer.
    mutating func startLingering(now: UInt64) {
        phase = .lingering
        deadline = now + timeouts.linger
    }

    /// Output is waiting for the client to read; the write timeout starts unless it already runs.
    mutating func outputBlocked(now: UInt64) {
        if writeDeadline == .max { writeDeadline = now + timeouts.write }
    }

    /// Some output went out: the client reads, so the write timeout starts again.
    mutating func outputMoved(now: UInt64) {
        if writeDeadline != .max { writeDeadline = now + timeouts.write }
    }

    /// Nothing is waiting to be sent.
    mutating func outputDrained() {
        writeDeadline = .max
    }

    func timeoutAction(at now: UInt64) -> TimeoutAction {
        if now >= writeDeadline { return .close }
        guard now >= deadline else { return .none }
        switch phase {
        case .readingHead: return .requestTimeout
        case .readingBody: return now >= bodyDeadline ? .bodyTimeout : .close
        case .idle, .lingering: return .close
        case .awaitingResponse: return .none
        }
    }
}

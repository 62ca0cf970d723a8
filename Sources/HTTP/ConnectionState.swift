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
        /// The head is complete and body bytes are arriving: the idle timeout applies, renewed on every read.
        case readingBody
        /// A handler is working on the request: no timeout (shutdown bounds it).
        case awaitingResponse
        /// The answer is sent and the write side shut: drain what the client still sends, then close.
        case lingering
    }

    /// What the loop must do when `timeoutAction(at:)` is asked.
    enum TimeoutAction: Sendable, Equatable {
        case none
        /// Close without a word (idle connection, or lingering finished).
        case close
        /// Answer 408 and close (the head did not arrive in time).
        case requestTimeout
    }

    struct Timeouts: Sendable, Equatable {
        var header: UInt64
        var idle: UInt64
        var linger: UInt64
    }

    let timeouts: Timeouts
    private(set) var phase: Phase
    private(set) var deadline: UInt64

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
            deadline = inBody ? now + timeouts.idle : now + timeouts.header
        case .readingHead where inBody, .readingBody where inBody:
            phase = .readingBody
            deadline = now + timeouts.idle
        case .readingBody where !partial, .readingHead where !partial:
            phase = .idle
            deadline = now + timeouts.idle
        case .idle, .readingHead, .readingBody, .awaitingResponse, .lingering:
            break
        }
    }

    /// A complete request went to the handler.
    mutating func requestDispatched() {
        phase = .awaitingResponse
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

    func timeoutAction(at now: UInt64) -> TimeoutAction {
        guard now >= deadline else { return .none }
        switch phase {
        case .readingHead: return .requestTimeout
        case .idle, .readingBody, .lingering: return .close
        case .awaitingResponse: return .none
        }
    }
}

@testable import HTTP
import Testing

/// The connection's timing rules with a hand-driven clock: no sockets, no sleeps.
struct ConnectionStateTests {
    let timeouts = ConnectionState.Timeouts(header: 10, idle: 60, linger: 2)

    @Test func silentNewConnection_isClosedAfterHeaderTimeout() {
        let state = ConnectionState(timeouts: timeouts, now: 100)
        #expect(state.timeoutAction(at: 109) == .none)
        #expect(state.timeoutAction(at: 110) == .close)
    }

    @Test func partialHead_gets408_countedFromItsFirstByte() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.responseSent(now: 0)
        state.bytesReceived(now: 50, partial: true, inBody: false)
        state.bytesReceived(now: 55, partial: true, inBody: false)  // a slow trickle does not extend it
        #expect(state.timeoutAction(at: 59) == .none)
        #expect(state.timeoutAction(at: 60) == .requestTimeout)
    }

    @Test func bodyBytes_renewTheIdleTimeout() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.bytesReceived(now: 1, partial: true, inBody: true)
        state.bytesReceived(now: 50, partial: true, inBody: true)
        #expect(state.timeoutAction(at: 109) == .none)
        #expect(state.timeoutAction(at: 110) == .close)
    }

    @Test func requestInFlight_neverTimesOut() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.requestDispatched()
        #expect(state.timeoutAction(at: 1_000_000) == .none)
    }

    @Test func keepAliveIdle_closesAfterIdleTimeout() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.requestDispatched()
        state.responseSent(now: 5)
        #expect(state.timeoutAction(at: 64) == .none)
        #expect(state.timeoutAction(at: 65) == .close)
    }

    @Test func lingering_endsAfterLingerTimeout() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.startLingering(now: 10)
        #expect(state.timeoutAction(at: 11) == .none)
        #expect(state.timeoutAction(at: 12) == .close)
    }

    @Test func bodyDrip_getsABodyTimeout_thatReadsDoNotMove() {
        let limits = ConnectionState.Timeouts(header: 10, idle: 60, linger: 2, body: 30, write: 20)
        var state = ConnectionState(timeouts: limits, now: 0)
        state.bytesReceived(now: 1, partial: true, inBody: true)
        for second in stride(from: 2, to: 31, by: 5) { state.bytesReceived(now: UInt64(second), partial: true, inBody: true) }
        #expect(state.timeoutAction(at: 30) == .none)
        #expect(state.timeoutAction(at: 31) == .bodyTimeout)
        // A complete request ends the body's deadline.
        state.bytesReceived(now: 31, partial: false, inBody: false)
        #expect(state.timeoutAction(at: 60) == .none)
    }

    @Test func unsentOutputThatDoesNotMove_closesAfterTheWriteTimeout() {
        let limits = ConnectionState.Timeouts(header: 10, idle: 60, linger: 2, body: 30, write: 20)
        var state = ConnectionState(timeouts: limits, now: 0)
        state.requestDispatched()
        state.responseSent(now: 1)
        state.outputBlocked(now: 1)
        state.outputBlocked(now: 15)  // still blocked: the first moment counts
        #expect(state.timeoutAction(at: 20) == .none)
        #expect(state.timeoutAction(at: 21) == .close)
        state.outputMoved(now: 21)
        #expect(state.timeoutAction(at: 40) == .none)
        state.outputDrained()
        #expect(state.timeoutAction(at: 60) == .none)
        #expect(state.timeoutAction(at: 61) == .close)  // then the idle timeout, as before
    }
}

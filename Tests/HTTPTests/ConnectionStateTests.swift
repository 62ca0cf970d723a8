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
}

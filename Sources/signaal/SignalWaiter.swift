import Foundation

/// Turns SIGTERM and SIGINT into a callback on a thread of their own.
///
/// The signals are blocked in every thread (the mask is inherited, so `blockTerminationSignals`
/// runs first thing in `main`) and collected with `sigwait`, so one that arrives early is held
/// pending rather than lost or delivered to a random thread.
enum SignalWaiter {
    static func blockTerminationSignals() {
        var set = terminationSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Calls `handler` once for the first SIGTERM or SIGINT.
    static func onTermination(_ handler: @escaping @Sendable (Int32) -> Void) {
        let thread = Thread {
            var set = terminationSet()
            var received: Int32 = 0
            sigwait(&set, &received)
            handler(received)
        }
        thread.name = "signals"
        thread.start()
    }

    private static func terminationSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }
}

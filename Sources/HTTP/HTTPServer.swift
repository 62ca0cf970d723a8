#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The counter of open connections shared by all loops, so the limit holds server-wide.
final class ConnectionBudget: Sendable {
    private let open = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func tryAcquire() -> Bool {
        var current = open.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = open.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func release() { open.subtract(1, ordering: .relaxed) }
    var hasRoom: Bool { open.load(ordering: .relaxed) < limit }
}

/// What every loop of one server shares: configuration, listener, responder, metrics, budget.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let listener: Listener
    let responder: any HTTPResponder
    let metrics: ServerMetrics
    let budget: ConnectionBudget
    let timeouts: ConnectionState.Timeouts
    let bodyLimit: @Sendable (HTTPMethod, String) -> Int
    /// Writes the access log off the loops' threads (only when the access log is on).
    let accessLog: AccessLogWriter?
    /// Open connections per client address, for `maxConnectionsPerAddress` (shared by all loops).
    private let perAddress = Mutex<[String: Int]>([:])
    private let loopsHoldingListener: Atomic<Int>
    private let running: Mutex<(count: Int, waiters: [CheckedContinuation<Void, Never>])>

    init(configuration: HTTPServerConfiguration, listener: Listener, responder: any HTTPResponder, metrics: ServerMetrics) {
        self.configuration = configuration
        self.listener = listener
        self.responder = responder
        self.metrics = metrics
        self.budget = ConnectionBudget(limit: configuration.maxConnections)
        self.timeouts = ConnectionState.Timeouts(
            header: configuration.headerTimeout.nanoseconds, idle: configuration.idleTimeout.nanoseconds,
            linger: configuration.lingerTimeout.nanoseconds, body: configuration.bodyTimeout.nanoseconds,
            write: configuration.writeTimeout.nanoseconds)
        let defaultLimit = configuration.parserLimits.maxBodyBytes
        self.bodyLimit = { method, path in responder.bodyLimit(method: method, path: path) ?? defaultLimit }
        self.accessLog = configuration.accessLog ? AccessLogWriter() : nil
        self.loopsHoldingListener = Atomic(configuration.ioThreadCount)
        self.running = Mutex((configuration.ioThreadCount, []))
    }

    /// The shortest timeout, which sets how often loops look at their connections' deadlines.
    var shortestTimeout: UInt64 { min(timeouts.header, timeouts.idle, timeouts.linger, timeouts.body, timeouts.write) }

    /// Counts a new connection from `address`; false when that address already holds its share.
    func admit(_ address: String) -> Bool {
        let cap = configuration.maxConnectionsPerAddress
        return perAddress.withLock { counts in
            guard cap <= 0 || counts[address, default: 0] < cap else { return false }
            counts[address, default: 0] += 1
            return true
        }
    }

    /// A connection from `address` closed.
    func leave(_ address: String) {
        perAddress.withLock { counts in
            let left = counts[address, default: 1] - 1
            counts[address] = left > 0 ? left : nil
        }
    }

    /// Called by each loop once it no longer watches the listener; the last one closes it, so no
    /// loop can ever accept on a reused descriptor number.
    func listenerReleased() {
        if loopsHoldingListener.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
            close(listener.fd)
        }
    }

    /// Called by each loop as it ends; the last one flushes the access log, then wakes the waiters.
    func loopFinished() {
        let (last, waiters) = running.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
            state.count -= 1
            guard state.count == 0 else { return (false, []) }
            defer { state.waiters = [] }
            return (true, state.waiters)
        }
        if last { accessLog?.finish() }
        waiters.forEach { $0.resume() }
    }

    func waitForLoops() async {
        await withCheckedContinuation { continuation in
            let done = running.withLock { state -> Bool in
                if state.count == 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}

/// Our HTTP/1.1 server: a listener, a few epoll event loops on their own threads, and a responder.
///
/// ```swift
/// let server = HTTPServer(configuration: configuration, responder: router)
/// let port = try server.start()
/// await server.waitUntilStopped()   // returns after shutdown()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    public let metrics: ServerMetrics
    private let responder: any HTTPResponder
    private let state = Mutex<(context: ServerContext?, loops: [EventLoop])>((nil, []))

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, metrics: ServerMetrics = ServerMetrics()) {
        self.configuration = configuration
        self.responder = responder
        self.metrics = metrics
    }

    /// Binds, starts the event-loop threads and returns the bound port.
    /// - Throws: `SystemError` when the address cannot be bound (`isAddressInUse` when taken).
    @discardableResult
    public func start() throws -> Int {
        signal(SIGPIPE, SIG_IGN)
        let listener = try Listener(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let context = ServerContext(configuration: configuration, listener: listener, responder: responder, metrics: metrics)
        var loops: [EventLoop] = []
        for _ in 0..<configuration.ioThreadCount {
            loops.append(try EventLoop(context: context))
        }
        for (index, loop) in loops.enumerated() {
            let thread = Thread { loop.run() }
            thread.name = "http-io-\(index)"
            thread.start()
        }
        state.withLock { $0 = (context, loops) }
        return listener.port
    }

    /// Stops accepting, lets in-flight requests finish (at most `shutdownGracePeriod`), closes
    /// every connection and returns once all loops have exited.
    public func shutdown() async {
        let (context, loops) = state.withLock { $0 }
        loops.forEach { $0.requestStop() }
        await context?.waitForLoops()
    }

    /// Returns once the server has stopped after `shutdown()`.
    public func waitUntilStopped() async {
        let context = state.withLock { $0.context }
        await context?.waitForLoops()
    }
}

import CEpoll
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One I/O thread: an epoll instance with its connections, and the task executor its handlers
/// prefer, so a request that never suspends is parsed, handled and answered on one thread.
///
/// Everything but the `inbox` is touched only on the loop's own thread. Other threads talk to it
/// by putting jobs, responses or a stop request into the inbox and writing to its eventfd.
final class EventLoop: TaskExecutor, @unchecked Sendable {
    struct Delivery {
        let fd: Int32
        let connectionID: UInt64
        let response: HTTPResponse
    }

    struct Inbox {
        var jobs: [UnownedJob] = []
        var deliveries: [Delivery] = []
        var stopRequested = false
        var isEmpty: Bool { jobs.isEmpty && deliveries.isEmpty && !stopRequested }
    }

    let context: ServerContext
    let epollFD: Int32
    let wakeFD: Int32
    let inbox = Mutex(Inbox())
    private let threadID = Mutex<pthread_t?>(nil)

    var connections: [Int32: Connection] = [:]
    var nextConnectionID: UInt64 = 0
    var serializer: ResponseSerializer
    var accessLog: [UInt8] = []
    var now: UInt64 = SystemCall.monotonicNanoseconds()
    var acceptPaused = false
    var stopping = false
    var forceCloseAt: UInt64 = .max
    private var nextTick: UInt64 = 0
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    init(context: ServerContext) throws {
        self.context = context
        self.serializer = ResponseSerializer(defaultHeaders: context.configuration.defaultHeaders)
        epollFD = try SystemCall.check("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        wakeFD = try SystemCall.check("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
        try register(wakeFD, events: EPOLLIN.rawValue)
        try register(context.listener.fd, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
    }

    deinit {
        readBuffer.deallocate()
        close(epollFD)
        close(wakeFD)
    }

    // MARK: TaskExecutor

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        inbox.withLock { $0.jobs.append(job) }
        if !isOnLoopThread { wake() }
    }

    /// Hands a finished response back to the loop that owns its connection.
    func deliver(_ delivery: Delivery) {
        inbox.withLock { $0.deliveries.append(delivery) }
        if !isOnLoopThread { wake() }
    }

    /// Asks the loop to stop accepting, finish in-flight requests and exit.
    func requestStop() {
        inbox.withLock { $0.stopRequested = true }
        wake()
    }

    private var isOnLoopThread: Bool {
        threadID.withLock { id in id.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    // MARK: The loop

    /// Runs until stopped; called on the loop's own thread.
    func run() {
        threadID.withLock { $0 = pthread_self() }
        let capacity: Int32 = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(capacity))
        defer { events.deallocate() }
        while true {
            let hasWork = !inbox.withLock { $0.isEmpty }
            let count = epoll_wait(epollFD, events, capacity, hasWork ? 0 : tickMilliseconds)
            now = SystemCall.monotonicNanoseconds()
            for index in 0..<Int(max(count, 0)) {
                handle(events[index])
            }
            drainInbox()
            if now >= nextTick {
                tick()
                nextTick = now + UInt64(tickMilliseconds) * 1_000_000
            }
            flushAccessLog()
            if stopping, connections.isEmpty { break }
        }
        context.loopFinished()
    }

    private var tickMilliseconds: Int32 {
        return Int32(min(max(context.shortestTimeout / 4_000_000, 5), 250))
    }

    private func handle(_ event: epoll_event) {
        let fd = event.data.fd
        if fd == wakeFD {
            var value: UInt64 = 0
            _ = read(wakeFD, &value, 8)
        } else if fd == context.listener.fd {
            acceptConnections()
        } else if let connection = connections[fd] {
            if event.events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                readable(connection)
            }
            if event.events & EPOLLOUT.rawValue != 0, connections[fd] === connection {
                flush(connection)
            }
        }
    }

    private func drainInbox() {
        for _ in 0..<16 {
            let (jobs, deliveries, stop) = inbox.withLock { inbox in
                defer {
                    inbox.jobs.removeAll(keepingCapacity: true)
                    inbox.deliveries.removeAll(keepingCapacity: true)
                    inbox.stopRequested = false
                }
                return (inbox.jobs, inbox.deliveries, inbox.stopRequested)
            }
            if stop { beginStopping() }
            if jobs.isEmpty, deliveries.isEmpty { return }
            for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
            for delivery in deliveries {
                guard let connection = connections[delivery.fd], connection.id == delivery.connectionID else { continue }
                complete(connection, with: delivery.response)
            }
        }
    }

    private func tick() {
        for connection in Array(connections.values) {
            switch connection.state.timeoutAction(at: now) {
            case .none: continue
            case .close: closeConnection(connection)
            case .requestTimeout:
                respondAndClose(connection, .error(.requestTimeout, code: "request_timeout",
                                                    message: "The request head did not arrive in time."))
            case .bodyTimeout:
                respondAndClose(connection, .error(.requestTimeout, code: "request_timeout",
                                                    message: "The request body did not arrive in time."))
            }
        }
        if acceptPaused { resumeAcceptingIfPossible() }
        if stopping, now >= forceCloseAt {
            for connection in Array(connections.values) { closeConnection(connection) }
        }
    }

    private func beginStopping() {
        guard !stopping else { return }
        stopping = true
        forceCloseAt = now + context.configuration.shutdownGracePeriod.nanoseconds
        if !acceptPaused { unregister(context.listener.fd) }
        acceptPaused = true
        context.listenerReleased()
        for connection in Array(connections.values) where connection.isQuiet {
            closeConnection(connection)
        }
    }

    // MARK: epoll registration

    func register(_ fd: Int32, events: UInt32) throws {
        var event = epoll_event(events: events, data: epoll_data_t(fd: fd))
        try SystemCall.check("epoll_ctl(ADD)") { epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) }
    }

    func modify(_ fd: Int32, events: UInt32) {
        var event = epoll_event(events: events, data: epoll_data_t(fd: fd))
        _ = epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event)
    }

    func unregister(_ fd: Int32) {
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
    }

    /// Hands this iteration's access-log lines to the log's own writer thread.
    func flushAccessLog() {
        guard !accessLog.isEmpty else { return }
        context.accessLog?.append(accessLog)
        accessLog.removeAll(keepingCapacity: true)
    }
}

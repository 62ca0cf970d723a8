import Foundation

/// A fixed set of dedicated threads for blocking work (file reads, SQLite, password hashing),
/// so that such work never runs on Swift's cooperative thread pool.
///
/// Async callers suspend on a continuation; one of the pool's threads runs the closure and
/// resumes them. Jobs start in submission order; at most `threadCount` run at once, which also
/// bounds how much memory concurrent jobs can use.
public final class BlockingPool: @unchecked Sendable {
    // Guarded by `condition`.
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var stopped = false
    private var running = 0
    private let condition = NSCondition()

    /// Starts `threadCount` threads named `name-0`, `name-1`, ….
    public init(name: String, threadCount: Int) {
        precondition(threadCount > 0, "a pool needs at least one thread")
        running = threadCount
        for index in 0..<threadCount {
            let thread = Thread { [self] in
                while let job = nextJob() { job() }
                condition.lock()
                running -= 1
                condition.broadcast()
                condition.unlock()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// The pool was shut down before the work was handed to it.
    public struct Stopped: Error {}

    /// Runs `work` on one of the pool's threads and returns its result to the suspended caller.
    /// - Throws: `Stopped` once the pool is shut down (a late request during shutdown gets an error, not a crash).
    public func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, Error>) in
            if !submit({ continuation.resume(with: Swift.Result { try work() }) }) { continuation.resume(throwing: Stopped()) }
        }
    }

    /// Runs `work` on one of the pool's threads without waiting for it; false (and `work` never runs)
    /// once the pool is shut down.
    @discardableResult
    public func submit(_ work: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return false }
        jobs.append(work)
        condition.signal()
        return true
    }

    /// Lets the threads finish the queued jobs and waits until they have exited. Blocks: call it off the
    /// cooperative thread pool, and never from one of the pool's own threads.
    public func shutdown() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count {
            if stopped { return nil }
            condition.wait()
        }
        let job = jobs[head]
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        }
        return job
    }
}

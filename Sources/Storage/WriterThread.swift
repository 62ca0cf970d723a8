import Foundation

/// The single thread that owns the writer connection and commits waiting writes in groups.
final class WriterThread: @unchecked Sendable {
    // Guarded by `condition`.
    private var queue: [WriteJob] = []
    private var stopped = false
    private let condition = NSCondition()
    /// Signalled once by the thread as it exits, after the last queued write.
    private let exited = DispatchSemaphore(value: 0)
    private var joined = false
    private let box: ConnectionBox
    private let observer: DatabaseObserver?
    private let afterCommit: (@Sendable (DatabaseConnection) -> Void)?
    /// Writes per group commit at most, so one slow group cannot hold answers back for long.
    static let maxGroupSize = 256

    init(connection: DatabaseConnection, observer: DatabaseObserver?, afterCommit: (@Sendable (DatabaseConnection) -> Void)?) {
        box = ConnectionBox(connection: connection)
        self.observer = observer
        self.afterCommit = afterCommit
        let thread = Thread { [self] in
            while let batch = nextBatch() { commit(batch) }
            exited.signal()
        }
        thread.name = "sqlite-writer"
        thread.start()
    }

    func submit(_ job: WriteJob) {
        condition.lock()
        let accepted = !stopped
        if accepted {
            queue.append(job)
            condition.signal()
        }
        condition.unlock()
        if !accepted { job.fail(StorageError(code: 21, message: "the database is closed")) }
    }

    /// Refuses new writes, lets the thread commit the queued ones, and waits until it has exited;
    /// then closes the writer connection. Blocks: call it off the cooperative thread pool.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        let first = !joined
        joined = true
        condition.unlock()
        guard first else { return }
        exited.wait()
        box.connection.close()
    }

    private func nextBatch() -> [WriteJob]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if stopped { return nil }
            condition.wait()
        }
        let count = min(queue.count, Self.maxGroupSize)
        let batch = Array(queue.prefix(count))
        queue.removeFirst(count)
        return batch
    }

    /// One transaction for the whole batch, one savepoint per write.
    private func commit(_ batch: [WriteJob]) {
        let connection = box.connection
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            batch.forEach { $0.fail(error) }
            return
        }
        var answers: [@Sendable () -> Void] = []
        answers.reserveCapacity(batch.count)
        for job in batch {
            do {
                try connection.run("SAVEPOINT write_job")
                let start = ContinuousClock.now
                defer { observer?(.write, secondsSince(start)) }
                do {
                    answers.append(try job.run(connection))
                    try connection.run("RELEASE write_job")
                } catch {
                    _ = try? connection.run("ROLLBACK TO write_job")
                    _ = try? connection.run("RELEASE write_job")
                    answers.append { job.fail(error) }
                }
            } catch {
                answers.append { job.fail(error) }
            }
        }
        do {
            let start = ContinuousClock.now
            try connection.execute("COMMIT")
            observer?(.commit, secondsSince(start))
            afterCommit?(connection)
            answers.forEach { $0() }
        } catch {
            try? connection.execute("ROLLBACK")
            batch.forEach { $0.fail(error) }
        }
    }
}

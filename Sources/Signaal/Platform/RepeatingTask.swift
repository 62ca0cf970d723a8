import Synchronization

/// Background work that repeats until the server stops: the audit check, the daily upkeep's look at
/// the clock, the xAPI forwarder. `stop()` waits for a round in progress, so the database can close after.
final class RepeatingTask: Sendable {
    private let current = Mutex<Task<Void, Never>?>(nil)

    init() {}

    /// Runs `first` at once, then `body` every `interval`, until `stop()`.
    func start(every interval: Duration, first: @escaping @Sendable () async -> Void, then body: @escaping @Sendable () async -> Void) {
        let task = Task {
            await first()
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                await body()
            }
        }
        current.withLock { $0 = task }
    }

    /// Stops the repeats and waits for the one in progress.
    func stop() async {
        let task = current.withLock { current in
            defer { current = nil }
            return current
        }
        task?.cancel()
        await task?.value
    }
}

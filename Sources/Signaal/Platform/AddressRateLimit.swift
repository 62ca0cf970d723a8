import Foundation

/// Limits requests per client address in a fixed window (constant work per request): certificate
/// lookups, so codes cannot be guessed by brute force (60 a minute), and registrations and poster
/// sign-ups, so nobody can fill the platform with businesses or rosters with people (10 an hour).
final class AddressRateLimit: Sendable {
    let limit: Int
    let window: TimeInterval
    private let windows = MemoryCache<String, Window>(capacity: 100_000)

    struct Window: Sendable {
        let start: Date
        let count: Int
    }

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts a request from `address`; seconds to wait when its window is full, else nil.
    func retryAfter(address: String, now: Date) -> Int? {
        let current = windows[address].flatMap { now.timeIntervalSince($0.start) < window ? $0 : nil } ?? Window(start: now, count: 0)
        guard current.count < limit else {
            return max(1, Int((window - now.timeIntervalSince(current.start)).rounded(.up)))
        }
        windows.store(Window(start: current.start, count: current.count + 1), for: address)
        return nil
    }
}

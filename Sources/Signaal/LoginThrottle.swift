import Foundation
import Synchronization

/// Counts failed sign-ins per account *from one address* and per client address in a sliding window,
/// and says how long to wait once a limit is reached (429 with `Retry-After`).
///
/// The account's limit counts per address, so someone failing from elsewhere cannot lock the owner out
/// (five wrong passwords used to lock the account for everyone, the right password included).
final class LoginThrottle: Sendable {
    /// The limits. The defaults are 5 failures per account from one address and 20 per address in 15 minutes.
    struct Limits: Sendable {
        var perAccount = 5
        var perAddress = 20
        var window: TimeInterval = 15 * 60
    }

    let limits: Limits
    private let failures = Mutex<[String: [Date]]>([:])

    init(limits: Limits) { self.limits = limits }

    /// Seconds to wait before another attempt for this account or address, or nil when allowed.
    func retryAfter(account: String, address: String, now: Date) -> Int? {
        failures.withLock { failures in
            let waits = [(Self.accountKey(account, address), limits.perAccount), (Self.addressKey(address), limits.perAddress)].compactMap { key, limit -> TimeInterval? in
                let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
                failures[key] = recent.isEmpty ? nil : recent
                guard recent.count >= limit, let oldest = recent.first else { return nil }
                return limits.window - now.timeIntervalSince(oldest)
            }
            return waits.max().map { max(1, Int($0.rounded(.up))) }
        }
    }

    func recordFailure(account: String, address: String, now: Date) {
        failures.withLock { failures in
            failures[Self.accountKey(account, address), default: []].append(now)
            failures[Self.addressKey(address), default: []].append(now)
            if failures.count > 100_000 {
                failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < limits.window } }
            }
        }
    }

    func recordSuccess(account: String, address: String) {
        _ = failures.withLock { $0.removeValue(forKey: Self.accountKey(account, address)) }
    }

    private static func accountKey(_ login: String, _ address: String) -> String { "account:" + login.lowercased() + "@" + address }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}

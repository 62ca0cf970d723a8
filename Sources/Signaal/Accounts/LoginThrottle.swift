import Foundation
import Synchronization

/// Counts failed sign-ins per account *from one address* and per client address in a sliding window,
/// and says how long to wait once a limit is reached (429 with `Retry-After`).
///
/// The account's refusal counts per address, so someone failing from elsewhere cannot lock the owner out
/// (five wrong passwords used to lock the account for everyone, the right password included). Across all
/// addresses an account is only slowed down: each failure beyond the per-account limit doubles a short
/// delay before the next answer for it (at most `maximumDelay`), so spreading guesses over many
/// addresses stays slow while the owner still gets in.
final class LoginThrottle: Sendable {
    /// The limits. The defaults are 5 failures per account from one address and 20 per address in 15 minutes.
    struct Limits: Sendable {
        var perAccount = 5
        var perAddress = 20
        var window: TimeInterval = 15 * 60
        /// The longest delay an account's failures from everywhere add to its next sign-in.
        var maximumDelay: TimeInterval = 8
    }

    let limits: Limits
    private let failures = Mutex<[String: [Date]]>([:])
    /// When the next sign-in of each slowed-down account may be checked.
    private let turns = Mutex<[String: Date]>([:])

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

    /// The pause between sign-ins of `account` from anywhere: nothing until its failures from all addresses
    /// in the window pass the per-account limit, then 0.25 s doubling per failure.
    func delay(account: String, now: Date) -> TimeInterval {
        let recent = failures.withLock { failures in
            let key = Self.anywhereKey(account)
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
            failures[key] = recent.isEmpty ? nil : recent
            return recent.count
        }
        guard recent >= limits.perAccount else { return 0 }
        return min(limits.maximumDelay, 0.25 * pow(2, Double(min(recent - limits.perAccount, 10))))
    }

    /// How long this sign-in of `account` waits before its password is checked: sign-ins of a slowed-down
    /// account take turns, each `delay` after the one before, so guessing in parallel is no faster than
    /// guessing one at a time. Zero while the account is not slowed down.
    func wait(account: String, now: Date) -> TimeInterval {
        let pause = delay(account: account, now: now)
        guard pause > 0 else { return 0 }
        return turns.withLock { turns in
            let key = account.lowercased()
            let start = max(now, turns[key] ?? now)
            turns[key] = start.addingTimeInterval(pause)
            if turns.count > 100_000 { turns = turns.filter { $0.value > now } }
            return start.timeIntervalSince(now) + pause
        }
    }

    /// The addresses refused now because of their own failures, for `/metrics`.
    func throttledAddresses(now: Date) -> [String] {
        failures.withLock { failures in
            failures.compactMap { key, times -> String? in
                guard key.hasPrefix("address:") else { return nil }
                return times.filter { now.timeIntervalSince($0) < limits.window }.count >= limits.perAddress ? String(key.dropFirst(8)) : nil
            }.sorted()
        }
    }

    func recordFailure(account: String, address: String, now: Date) {
        failures.withLock { failures in
            failures[Self.accountKey(account, address), default: []].append(now)
            failures[Self.anywhereKey(account), default: []].append(now)
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
    private static func anywhereKey(_ login: String) -> String { "anywhere:" + login.lowercased() }
}

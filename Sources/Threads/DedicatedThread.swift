import Foundation

/// Runs one piece of blocking work (start-up file reads, opening a database) on a new thread of
/// its own, so the async caller suspends instead of blocking the cooperative pool.
public enum DedicatedThread {
    public static func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }
}

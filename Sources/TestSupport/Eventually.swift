import Foundation

/// A condition a test waited for did not come true in time.
public struct NotInTime: Error, CustomStringConvertible {
    public let description: String
}

/// Waits until `condition` holds, asking again every 10 ms, for at most `seconds` (generous: a full parallel
/// run on two cores can hold a task back for seconds; a condition that holds returns at once): for tests that wait
/// on something another thread or process does, instead of sleeping a fixed time.
public func eventually(within seconds: Double = 60, _ what: String, _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw NotInTime(description: "not in \(seconds) s: \(what)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

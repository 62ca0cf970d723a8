import Foundation
import Synchronization
import Testing

/// What one test started (servers, applications, temporary folders), undone when the test ends, also
/// when it fails or throws half-way. Helpers that start something register how to undo it.
public final class TestCleanup: Sendable {
    @TaskLocal public static var current: TestCleanup?
    private let steps = Mutex<[@Sendable () async -> Void]>([])

    /// Registers `step` with the running test's cleanup (nothing outside a `.cleansUp` suite).
    public static func register(_ step: @escaping @Sendable () async -> Void) {
        current?.steps.withLock { $0.append(step) }
    }

    /// Registers removing `folder` when the test ends.
    public static func remove(folder: String) {
        register { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Runs `body` with a cleanup of its own, undone afterwards (last registered first) however `body` ended.
    public static func withScope(_ body: @Sendable () async throws -> Void) async throws {
        let cleanup = TestCleanup()
        do {
            try await $current.withValue(cleanup) { try await body() }
        } catch {
            await cleanup.run()
            throw error
        }
        await cleanup.run()
    }

    private func run() async {
        let steps = steps.withLock { steps in
            defer { steps = [] }
            return steps
        }
        for step in steps.reversed() { await step() }
    }
}

/// A suite trait: each of its tests gets its own `TestCleanup`, run after the test however it ended.
public struct CleansUp: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard !test.isSuite else { return try await function() }
        try await TestCleanup.withScope(function)
    }
}

extension Trait where Self == CleansUp {
    /// Stop what a test started and remove its folders when the test ends.
    public static var cleansUp: Self { CleansUp() }
}

import Foundation
import Testing
import Threads

/// A pool that has been shut down refuses new work with an error (a late request during shutdown
/// fails instead of crashing the server), and shutting down waits for the queued jobs.
struct BlockingPoolTests {
    @Test func shutdown_finishesQueuedJobs_andRefusesLaterOnes() async throws {
        let pool = BlockingPool(name: "test-pool", threadCount: 1)
        let value = try await pool.run { 41 + 1 }
        #expect(value == 42)
        await Task.detached { pool.shutdown() }.value
        await #expect(throws: BlockingPool.Stopped.self) { try await pool.run { 1 } }
        #expect(pool.submit {} == false)
    }
}

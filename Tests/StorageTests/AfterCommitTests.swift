import Foundation
@testable import Storage
import Synchronization
import TestSupport
import Testing

/// The hook that runs after every group commit (the audit log writes its head file from it).
@Suite(.cleansUp)
struct AfterCommitTests {
    @Test func runsAfterEachCommit_seeingTheCommittedRows_beforeTheWriterIsAnswered() async throws {
        let seen = Mutex<[Int]>([])
        let database = try Database(path: try DatabaseTests.temporaryPath(), migrations: DatabaseTests.schema, readerCount: 1,
                                    afterCommit: { db in
                                        let count = (try? db.queryOne("SELECT count(*) FROM people") { $0.int(0) }) ?? -1
                                        seen.withLock { $0.append(count) }
                                    })
        try await database.write { try $0.run("INSERT INTO people (name) VALUES ('Ana')") }
        // The hook ran, outside the transaction, before this write was answered.
        #expect(seen.withLock { $0 } == [1])
        // A write that fails is rolled back alone; the hook sees what was committed.
        await #expect(throws: DatabaseTests.Rejected.self) {
            try await database.write { db in
                try db.run("INSERT INTO people (name) VALUES ('Bo')")
                throw DatabaseTests.Rejected()
            }
        }
        #expect(seen.withLock { $0.last } == 1)
        database.close()
    }
}

import CSQLite
import Foundation
import Storage

/// The measured operations: each pair does identical SQLite work.
extension StorageBenchmark {
    static func openRaw(_ path: String) -> OpaquePointer? {
        var db: OpaquePointer?
        sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", nil, nil, nil)
        return db
    }

    static func rawPointSelect(_ path: String, _ count: Int) throws {
        let db = openRaw(path)
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db, "SELECT name, score FROM items WHERE id = ?", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        var total = 0
        for index in 0..<count {
            sqlite3_bind_int64(statement, 1, Int64(index % rows + 1))
            if sqlite3_step(statement) == SQLITE_ROW {
                let text = sqlite3_column_text(statement, 0)
                total += String(cString: text!).utf8.count + Int(sqlite3_column_int64(statement, 1))
            }
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        precondition(total > 0)
    }

    static func wrapperPointSelect(_ path: String, _ count: Int) throws {
        let connection = try DatabaseConnection.standalone(path: path)
        var total = 0
        for index in 0..<count {
            total += try connection.queryOne("SELECT name, score FROM items WHERE id = ?", index % rows + 1) { $0.string(0).utf8.count + $0.int(1) } ?? 0
        }
        precondition(total > 0)
    }

    static func asyncPointSelect(_ path: String, _ count: Int) throws {
        try blockOn {
            let database = try Database(path: path, readerCount: 2)
            defer { database.close() }
            for index in 0..<count {
                _ = try await database.read { try $0.queryOne("SELECT name, score FROM items WHERE id = ?", index % rows + 1) { $0.string(0) } }
            }
        }
    }

    static func rawAutocommitInsert(_ path: String, _ count: Int) throws {
        let db = openRaw(path)
        defer { sqlite3_close(db) }
        try rawInserts(db, count)
    }

    static func wrapperAutocommitInsert(_ path: String, _ count: Int) throws {
        let connection = try DatabaseConnection.standalone(path: path)
        for index in 0..<count {
            try connection.run("INSERT INTO items (name, score) VALUES (?, ?)", "new \(index)", index)
        }
    }

    /// Many writers at once through `Database.write`: group commit shares each fsync.
    static func asyncConcurrentInsert(_ path: String, _ count: Int) throws {
        try blockOn {
            let database = try Database(path: path, readerCount: 1)
            defer { database.close() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        _ = try await database.write { db -> Int in try db.run("INSERT INTO items (name, score) VALUES (?, ?)", "new \(index)", index) }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    static func rawBatchedInsert(_ path: String, _ count: Int) throws {
        let db = openRaw(path)
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "BEGIN", nil, nil, nil)
        try rawInserts(db, count)
        sqlite3_exec(db, "COMMIT", nil, nil, nil)
    }

    /// `count` inserts through one prepared statement, in whatever transaction the caller has open.
    private static func rawInserts(_ db: OpaquePointer?, _ count: Int) throws {
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO items (name, score) VALUES (?, ?)", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        for index in 0..<count {
            sqlite3_bind_text(statement, 1, "new \(index)", -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            sqlite3_bind_int64(statement, 2, Int64(index))
            guard sqlite3_step(statement) == SQLITE_DONE else { throw StorageFailure() }
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
    }

    static func wrapperBatchedInsert(_ path: String, _ count: Int) throws {
        let connection = try DatabaseConnection.standalone(path: path)
        try connection.execute("BEGIN")
        for index in 0..<count {
            try connection.run("INSERT INTO items (name, score) VALUES (?, ?)", "new \(index)", index)
        }
        try connection.execute("COMMIT")
    }

    struct StorageFailure: Error {}

    /// Runs async work to completion from this synchronous benchmark.
    static func blockOn(_ work: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await work() } catch { failure.error = error }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw error }
    }

    final class FailureBox: @unchecked Sendable { var error: (any Error)? }
}

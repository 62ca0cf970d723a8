import CSQLite
import Foundation
import Storage

/// Times the same work through our `DatabaseConnection` and through raw `sqlite3_*` calls, in one run.
enum StorageBenchmark {
    static let rows = 20_000

    static func run() -> Int32 {
        do {
            print("Storage: \(rows) operations each; ns per operation, best of 3 runs; synchronous = FULL, WAL.")
            print("")
            print("| operation | raw sqlite3 ns/op | our wrapper ns/op | ratio | through `Database` async ns/op |")
            print("|---|--:|--:|--:|--:|")
            try report("point select by primary key", raw: rawPointSelect, wrapper: wrapperPointSelect, async: asyncPointSelect)
            try report("autocommit insert (fsync each)", raw: rawAutocommitInsert, wrapper: wrapperAutocommitInsert, async: asyncConcurrentInsert, count: 500)
            try report("batched insert (one transaction)", raw: rawBatchedInsert, wrapper: wrapperBatchedInsert, async: nil)
            return 0
        } catch {
            print("storage benchmark failed: \(error)")
            return 1
        }
    }

    typealias Work = (String, Int) throws -> Void

    static func report(_ name: String, raw: Work, wrapper: Work, async: ((String, Int) throws -> Void)?, count: Int = rows) throws {
        let rawTime = try best { try raw($0, count) } / Double(count)
        let ourTime = try best { try wrapper($0, count) } / Double(count)
        let asyncTime = try async.map { work in try best { try work($0, count) } / Double(count) }
        let asyncText = asyncTime.map { String(format: "%.0f", $0) } ?? "—"
        print(String(format: "| %@ | %.0f | %.0f | %.2f× | %@ |", name, rawTime, ourTime, ourTime / rawTime, asyncText))
    }

    /// The best of three runs, each on a fresh seeded file, in nanoseconds.
    static func best(_ work: (String) throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<3 {
            let path = try seededFile()
            let start = DispatchTime.now().uptimeNanoseconds
            try work(path)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start))
        }
        return times.min()!
    }

    static func seededFile() throws -> String {
        let folder = NSTemporaryDirectory() + "bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/bench.sqlite"
        let database = try Database(path: path, migrations: [
            Migration(version: 1, name: "items", sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score INTEGER NOT NULL) STRICT"),
        ], readerCount: 1)
        database.close()
        var db: OpaquePointer?
        sqlite3_open(path, &db)
        sqlite3_exec(db, "BEGIN", nil, nil, nil)
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO items (id, name, score) VALUES (?, ?, ?)", -1, &statement, nil)
        for id in 1...rows {
            sqlite3_bind_int64(statement, 1, Int64(id))
            sqlite3_bind_text(statement, 2, "item \(id)", -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            sqlite3_bind_int64(statement, 3, Int64(id % 100))
            sqlite3_step(statement)
            sqlite3_reset(statement)
        }
        sqlite3_finalize(statement)
        sqlite3_exec(db, "COMMIT", nil, nil, nil)
        sqlite3_close(db)
        return path
    }
}

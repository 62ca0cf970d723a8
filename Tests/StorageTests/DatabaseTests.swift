import CSQLite
import Foundation
@testable import Storage
import TestSupport
import Testing

/// The SQLite layer on real files in a temporary folder, one file per test.
@Suite(.cleansUp)
struct DatabaseTests {
    static let schema = [
        Migration(version: 1, name: "people", sql: """
            CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, born INTEGER, score REAL, photo BLOB) STRICT;
            """),
        Migration(version: 2, name: "notes", sql: """
            CREATE TABLE notes (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id), body TEXT NOT NULL) STRICT;
            CREATE INDEX notes_person ON notes(person_id);
            """),
    ]

    static func temporaryPath() throws -> String {
        let folder = NSTemporaryDirectory() + "storage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        TestCleanup.remove(folder: folder)
        return folder + "/test.sqlite"
    }

    static func open(_ path: String? = nil) throws -> Database {
        try Database(path: path ?? temporaryPath(), migrations: schema, readerCount: 2)
    }

    struct Rejected: Error {}

    @Test func migrations_runOnceInOrder_andAreRecorded() async throws {
        let path = try Self.temporaryPath()
        let first = try Self.open(path)
        first.close()
        let again = try Self.open(path)
        let versions = try await again.read { try $0.query("SELECT version, name FROM schema_migrations ORDER BY version") { "\($0.int(0)):\($0.string(1))" } }
        #expect(versions == ["1:people", "2:notes"])
        let mode = try await again.read { try $0.queryOne("PRAGMA journal_mode") { $0.string(0) } }
        #expect(mode == "wal")
        again.close()
    }

    @Test func failingMigration_leavesNoTrace() throws {
        let path = try Self.temporaryPath()
        let broken = Self.schema + [Migration(version: 3, name: "broken", sql: "CREATE TABLE half (x INTEGER) STRICT; CREATE TABLE oops (;")]
        #expect(throws: StorageError.self) { try Database(path: path, migrations: broken) }
        let database = try Self.open(path)
        let tables = try database.writerTables()
        #expect(!tables.contains("half"))
        database.close()
    }

    @Test func valuesRoundTrip_withTheirTypes() async throws {
        let database = try Self.open()
        defer { database.close() }
        let born = Date(milliseconds: 1_700_000_000_123)
        try await database.write { db in
            try db.run("INSERT INTO people (id, name, email, born, score, photo) VALUES (?, ?, ?, ?, ?, ?)",
                       Int64.max, "Zoë ’t Hart 👩🏽‍🍳", Optional<String>.none, born, 0.1 + 0.2, [UInt8]([0, 255, 7]))
        }
        let row = try await database.read { db in
            try db.queryOne("SELECT id, name, email, born, score, photo FROM people") { row in
                (row.int64(0), row.string(1), row.optionalString(2), row.date(3), row.double(4), row.blob(5))
            }
        }
        let value = try #require(row)
        #expect(value.0 == Int64.max)
        #expect(value.1 == "Zoë ’t Hart 👩🏽‍🍳")
        #expect(value.2 == nil)
        #expect(value.3 == born)
        #expect(value.4 == 0.1 + 0.2)
        #expect(value.5 == [0, 255, 7])
    }

    @Test func strictTables_refuseWrongTypes() async throws {
        let database = try Self.open()
        defer { database.close() }
        await #expect(throws: StorageError.self) {
            try await database.write { try $0.run("INSERT INTO people (name, born) VALUES (?, ?)", "A", "yesterday") }
        }
    }

    @Test func constraintViolations_areDistinguishable() async throws {
        let database = try Self.open()
        defer { database.close() }
        try await database.write { try $0.run("INSERT INTO people (name, email) VALUES (?, ?)", "A", "a@x.nl") }
        do {
            try await database.write { try $0.run("INSERT INTO people (name, email) VALUES (?, ?)", "B", "a@x.nl") }
            Issue.record("duplicate accepted")
        } catch let error as StorageError {
            #expect(error.isUniqueViolation)
            #expect(error.isConstraintViolation)
            #expect(error.message.contains("UNIQUE constraint failed: people.email"))
            #expect(error.sql?.contains("INSERT INTO people") == true)
            #expect(!error.description.contains("a@x.nl"))  // bound values stay out of errors
        }
        do {
            try await database.write { try $0.run("INSERT INTO notes (person_id, body) VALUES (999, 'x')") }
            Issue.record("foreign key not enforced")
        } catch let error as StorageError {
            #expect(error.isForeignKeyViolation)
        }
    }

    @Test func throwingWrite_isRolledBack_othersInTheGroupCommit() async throws {
        let database = try Self.open()
        defer { database.close() }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    _ = try? await database.write { db in
                        try db.run("INSERT INTO people (name) VALUES (?)", "person \(index)")
                        if index % 5 == 0 { throw Rejected() }
                    }
                }
            }
        }
        let names = try await database.read { try $0.query("SELECT name FROM people") { $0.string(0) } }
        #expect(names.count == 40)
        #expect(!names.contains("person 0"))
        #expect(names.contains("person 1"))
    }

    @Test func writeThenRead_seesCommittedData() async throws {
        let database = try Self.open()
        defer { database.close() }
        let id = try await database.write { db -> Int64 in
            try db.run("INSERT INTO people (name) VALUES ('Ana')")
            return db.lastInsertRowID
        }
        let name = try await database.read { try $0.queryOne("SELECT name FROM people WHERE id = ?", id) { $0.string(0) } }
        #expect(name == "Ana")
    }

    @Test func wrongArgumentCount_isAnError_notACrash() async throws {
        let database = try Self.open()
        defer { database.close() }
        await #expect(throws: StorageError.self) { try await database.write { try $0.run("INSERT INTO people (name) VALUES (?)") } }
    }

    @Test func backupDuringConcurrentWrites_isConsistent() async throws {
        let database = try Self.open()
        defer { database.close() }
        let backupPath = try Self.temporaryPath()
        // One write committed first (so the copy has something to hold), then 299 more racing the backup.
        try await database.write { try $0.run("INSERT INTO people (name) VALUES (?)", "w0") }
        async let writes: Void = {
            for index in 1..<300 {
                _ = try? await database.write { try $0.run("INSERT INTO people (name) VALUES (?)", "w\(index)") }
            }
        }()
        try await database.backup(to: backupPath)
        await writes
        let copy = try Database(path: backupPath, readerCount: 1)
        defer { copy.close() }
        let check = try await copy.read { try $0.queryOne("PRAGMA integrity_check") { $0.string(0) } }
        #expect(check == "ok")
        let count = try await copy.read { try $0.queryOne("SELECT count(*) FROM people") { $0.int(0) } } ?? -1
        #expect(count >= 1 && count <= 300)
    }

    @Test func queryPlan_flagsFullScansOfListedTables() async throws {
        let database = try Self.open()
        defer { database.close() }
        let indexed = try await database.read { try $0.queryPlan("SELECT body FROM notes WHERE person_id = ?", arguments: [1]) }
        #expect(QueryPlan.fullScans(in: indexed, of: ["notes"]).isEmpty)
        let scanning = try await database.read { try $0.queryPlan("SELECT id FROM notes WHERE body = 'x'") }
        #expect(QueryPlan.fullScans(in: scanning, of: ["notes"]) == ["SCAN notes"])
    }
}

extension Database {
    /// The table names, read through a fresh connection.
    func writerTables() throws -> [String] {
        let connection = try DatabaseConnection(path: path, readOnly: true)
        return try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table'") { $0.string(0) }
    }
}

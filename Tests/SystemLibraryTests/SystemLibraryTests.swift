import CCrypt
import CSQLite
import Testing

/// The two system libraries link and answer: SQLite and libcrypt's yescrypt.
struct SystemLibraryTests {
    @Test func sqliteOpensInMemoryDatabaseAndRunsQuery() throws {
        #expect(sqlite3_libversion_number() >= 3_035_000)
        var db: OpaquePointer?
        #expect(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK)
        defer { sqlite3_close_v2(db) }
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, "SELECT 6 * 7", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_int64(statement, 0) == 42)
    }

    @Test func libcryptMakesYescryptSetting() {
        var output = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        let result = crypt_gensalt_rn("$y$", 0, nil, 0, &output, Int32(output.count))
        #expect(result != nil)
        let setting = String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(setting.hasPrefix("$y$"))
        #expect(setting.count > 10)
    }
}

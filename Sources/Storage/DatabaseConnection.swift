import CSQLite

/// One SQLite connection. Not thread-safe: a `Database` lends it to one closure at a time on one
/// of its own threads, and it must not escape that closure.
public final class DatabaseConnection {
    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]
    private var closed = false

    /// Opens `path` with foreign keys on and a busy timeout; the writer also sets WAL.
    init(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32 = 5000) throws {
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = StorageError(connection: handle, code: code)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        // Pages of the main file are read through a memory map instead of a read() call each
        // (writes still go through the WAL, so durability is unchanged).
        try execute("PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456")
    }

    /// A connection of its own, outside any `Database` (for tools and benchmarks), with the same
    /// settings as the writer: WAL, `synchronous = FULL`, foreign keys.
    public static func standalone(path: String) throws -> DatabaseConnection {
        let connection = try DatabaseConnection(path: path, readOnly: false)
        try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        return connection
    }

    deinit {
        close()
    }

    /// Finalises the cached statements and closes the connection (the last one to close a WAL
    /// database checkpoints it and removes the `-wal` file). Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without parameters (schema, pragmas, transaction control).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw StorageError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ arguments: any SQLBindable...) throws -> Int {
        try run(sql, arguments: arguments)
    }

    @discardableResult
    public func run(_ sql: String, arguments: [any SQLBindable]) throws -> Int {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(arguments, connection: handle)
        while try step(statement) {}
        return Int(sqlite3_changes(handle))
    }

    /// Every row of a query, each turned into a value by `transform`.
    public func query<T>(_ sql: String, _ arguments: any SQLBindable..., row transform: (Row) throws -> T) throws -> [T] {
        try query(sql, arguments: arguments, row: transform)
    }

    public func query<T>(_ sql: String, arguments: [any SQLBindable], row transform: (Row) throws -> T) throws -> [T] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(arguments, connection: handle)
        var results: [T] = []
        let row = Row(handle: statement.handle)
        while try step(statement) { results.append(try transform(row)) }
        return results
    }

    /// The first row of a query, or nil.
    public func queryOne<T>(_ sql: String, _ arguments: any SQLBindable..., row transform: (Row) throws -> T) throws -> T? {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(arguments, connection: handle)
        return try step(statement) ? try transform(Row(handle: statement.handle)) : nil
    }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The plan SQLite chooses for `sql` (`EXPLAIN QUERY PLAN`), one detail line per step.
    public func queryPlan(_ sql: String, arguments: [any SQLBindable] = []) throws -> [String] {
        try query("EXPLAIN QUERY PLAN " + sql, arguments: arguments) { $0.string(3) }
    }

    private func prepared(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(self.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else { throw StorageError(connection: self.handle, code: code, sql: sql) }
        let statement = Statement(handle: handle, sql: sql)
        statements[sql] = statement
        return statement
    }

    private func step(_ statement: Statement) throws -> Bool {
        switch sqlite3_step(statement.handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw StorageError(connection: handle, code: code, sql: statement.sql)
        }
    }
}

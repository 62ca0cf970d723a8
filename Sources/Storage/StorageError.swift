import CSQLite

/// A failed SQLite call: the result code, SQLite's own message and the SQL that failed.
/// Bound values are never part of it, so it can be logged.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …).
    public let extendedCode: Int32
    public let message: String
    public let sql: String?

    init(code: Int32, message: String, sql: String? = nil) {
        self.extendedCode = code
        self.message = message
        self.sql = sql
    }

    init(connection: OpaquePointer?, code: Int32, sql: String? = nil) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        self.init(code: sqlite3_extended_errcode(connection) != 0 && connection != nil ? sqlite3_extended_errcode(connection) : code,
                  message: message, sql: sql)
    }

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
    public var primaryCode: Int32 { extendedCode & 0xFF }

    // Extended result codes are C macro expressions Swift cannot import (sqlite3.h, "Extended Result Codes").
    static let constraintCheck: Int32 = SQLITE_CONSTRAINT | (1 << 8)
    static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintNotNull: Int32 = SQLITE_CONSTRAINT | (5 << 8)
    static let constraintTrigger: Int32 = SQLITE_CONSTRAINT | (7 << 8)
    static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)

    /// Any constraint violation: these become 409 Conflict answers.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    /// A UNIQUE or PRIMARY KEY constraint.
    public var isUniqueViolation: Bool { extendedCode == Self.constraintUnique || extendedCode == Self.constraintPrimaryKey }
    /// A FOREIGN KEY constraint.
    public var isForeignKeyViolation: Bool { extendedCode == Self.constraintForeignKey }
    /// A value the schema refuses: a CHECK or NOT NULL constraint, or a trigger that aborts with RAISE.
    public var isInvalidValue: Bool {
        [Self.constraintCheck, Self.constraintNotNull, Self.constraintTrigger].contains(extendedCode)
    }

    public var description: String {
        "SQLite error \(extendedCode): \(message)" + (sql.map { " — in: \($0)" } ?? "")
    }
}

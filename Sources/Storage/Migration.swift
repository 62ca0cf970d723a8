import Foundation

/// One numbered change to the schema. Migrations run in order, each in its own transaction,
/// and each exactly once per database (recorded in `schema_migrations`).
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Applies the migrations a database has not seen yet.
struct Migrator {
    let migrations: [Migration]

    func migrate(_ connection: DatabaseConnection) throws {
        let versions = migrations.map(\.version)
        precondition(versions == versions.sorted() && Set(versions).count == versions.count,
                     "migrations must have unique, increasing versions")
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL
            ) STRICT
            """)
        let applied = Set(try connection.query("SELECT version FROM schema_migrations") { $0.int(0) })
        for migration in migrations where !applied.contains(migration.version) {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                try connection.execute(migration.sql)
                try connection.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                   migration.version, migration.name, Date())
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }
}

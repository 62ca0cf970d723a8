import Storage

/// The database schema, one migration per change, never edited once released.
enum Schema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "accounts and sessions", sql: """
            CREATE TABLE businesses (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                sector TEXT NOT NULL CHECK (sector IN ('hotel', 'holiday_park', 'horeca', 'taxi')),
                city TEXT NOT NULL,
                kvk TEXT NOT NULL,
                declared_headcount INTEGER NOT NULL CHECK (declared_headcount >= 0),
                status TEXT NOT NULL CHECK (status IN ('pending', 'approved')),
                created_at INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'employee')),
                business_id TEXT REFERENCES businesses(id),
                name TEXT NOT NULL,
                email TEXT COLLATE NOCASE UNIQUE,
                username TEXT COLLATE NOCASE UNIQUE,
                password_hash TEXT,
                active INTEGER NOT NULL DEFAULT 1,
                created_at INTEGER NOT NULL,
                CHECK (role = 'admin' OR business_id IS NOT NULL)
            ) STRICT;
            CREATE INDEX users_business ON users(business_id, role);
            CREATE TABLE sessions (
                token_hash BLOB PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_seen_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX sessions_user ON sessions(user_id);
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                token_hash BLOB NOT NULL UNIQUE,
                name TEXT NOT NULL,
                created_by TEXT NOT NULL REFERENCES users(id),
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            ) STRICT;
            CREATE TABLE setup_tokens (
                token_hash BLOB PRIMARY KEY,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            ) STRICT;
            """),
    ]
}

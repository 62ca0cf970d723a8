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
        Migration(version: 2, name: "learning progress, attempts and completions", sql: """
            CREATE TABLE lesson_progress (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                module_id TEXT NOT NULL,
                lesson_id TEXT NOT NULL,
                seen_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, module_id, lesson_id)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE attempts (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                module_id TEXT NOT NULL,
                module_version INTEGER NOT NULL,
                language TEXT NOT NULL,
                served TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                submitted_at INTEGER,
                correct_count INTEGER,
                total INTEGER,
                passed INTEGER
            ) STRICT;
            CREATE INDEX attempts_user_module ON attempts(user_id, module_id);
            CREATE INDEX attempts_module_submitted ON attempts(module_id, submitted_at);
            CREATE TABLE attempt_answers (
                attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                module_id TEXT NOT NULL,
                question_id TEXT NOT NULL,
                correct INTEGER NOT NULL,
                PRIMARY KEY (attempt_id, question_id)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX attempt_answers_question ON attempt_answers(module_id, question_id, correct);
            CREATE TABLE attempt_choices (
                attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                module_id TEXT NOT NULL,
                question_id TEXT NOT NULL,
                option_id TEXT NOT NULL,
                PRIMARY KEY (attempt_id, question_id, option_id)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX attempt_choices_option ON attempt_choices(module_id, question_id, option_id);
            CREATE TABLE module_passes (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                module_id TEXT NOT NULL,
                module_version INTEGER NOT NULL,
                passed_at INTEGER NOT NULL,
                attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                PRIMARY KEY (user_id, module_id, passed_at)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE course_completions (
                id TEXT PRIMARY KEY,
                user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
                business_id TEXT NOT NULL REFERENCES businesses(id),
                sector TEXT NOT NULL,
                course_version INTEGER NOT NULL,
                completed_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX course_completions_user ON course_completions(user_id, completed_at);
            CREATE INDEX course_completions_business ON course_completions(business_id, completed_at);
            """),
            Migration(version: 3, name: "roster, certificates and audit log", sql: """
            ALTER TABLE businesses ADD COLUMN approved_at INTEGER;
            ALTER TABLE users ADD COLUMN invite_hash BLOB;
            ALTER TABLE users ADD COLUMN joined_at INTEGER;
            ALTER TABLE users ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE users ADD COLUMN erased_at INTEGER;
            CREATE UNIQUE INDEX users_invite ON users(invite_hash) WHERE invite_hash IS NOT NULL;
            CREATE INDEX users_business_active ON users(business_id, role, active, confirmed);
            CREATE INDEX businesses_sector_city ON businesses(sector, city);
            CREATE INDEX businesses_status ON businesses(status, created_at);
            CREATE TABLE signup_links (
                token_hash BLOB PRIMARY KEY,
                business_id TEXT NOT NULL UNIQUE REFERENCES businesses(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE certificates (
                code TEXT PRIMARY KEY,
                business_id TEXT NOT NULL REFERENCES businesses(id),
                business_name TEXT NOT NULL,
                sector TEXT NOT NULL,
                city TEXT NOT NULL,
                issued_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                denominator INTEGER NOT NULL,
                completed INTEGER NOT NULL,
                revoked_at INTEGER,
                revoke_reason TEXT,
                superseded_by TEXT
            ) STRICT;
            CREATE INDEX certificates_business ON certificates(business_id, issued_at);
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                details TEXT NOT NULL,
                previous_hash BLOB NOT NULL,
                hash BLOB NOT NULL
            ) STRICT;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """),
            Migration(version: 4, name: "each person's latest completion on their row", sql: """
            ALTER TABLE users ADD COLUMN completed_at INTEGER;
            ALTER TABLE users ADD COLUMN completed_version INTEGER;
            UPDATE users SET
                completed_at = (SELECT max(c.completed_at) FROM course_completions c WHERE c.user_id = users.id),
                completed_version = (SELECT c.course_version FROM course_completions c WHERE c.user_id = users.id
                                     ORDER BY c.completed_at DESC LIMIT 1);
            CREATE INDEX users_business_completion ON users(business_id, role, active, confirmed, completed_at, completed_version);
            """),
            Migration(version: 5, name: "public sign-up codes for staff posters", sql: """
            DROP TABLE signup_links;
            CREATE TABLE signup_codes (
                code TEXT PRIMARY KEY,
                business_id TEXT NOT NULL UNIQUE REFERENCES businesses(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL
            ) STRICT;
            """),
            Migration(version: 6, name: "chosen options kept on the answer row", sql: """
            ALTER TABLE attempt_answers ADD COLUMN chosen TEXT NOT NULL DEFAULT '';
            UPDATE attempt_answers SET chosen = coalesce((SELECT group_concat(option_id, ' ') FROM attempt_choices c
                WHERE c.attempt_id = attempt_answers.attempt_id AND c.question_id = attempt_answers.question_id), '');
            DROP TABLE attempt_choices;
            """),
            Migration(version: 7, name: "certificate integrity: approved headcount, keyed audit chain, certificate anchors", sql: """
            UPDATE businesses SET declared_headcount = 1 WHERE declared_headcount < 1;
            ALTER TABLE businesses ADD COLUMN requested_headcount INTEGER;
            ALTER TABLE businesses ADD COLUMN requested_headcount_at INTEGER;
            ALTER TABLE businesses ADD COLUMN requested_headcount_by TEXT;
            CREATE TRIGGER businesses_headcount_insert BEFORE INSERT ON businesses
                WHEN NEW.declared_headcount < 1 OR NEW.requested_headcount < 1
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: headcount is at least 1'); END;
            CREATE TRIGGER businesses_headcount_update BEFORE UPDATE OF declared_headcount, requested_headcount ON businesses
                WHEN NEW.declared_headcount < 1 OR NEW.requested_headcount < 1
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: headcount is at least 1'); END;
            CREATE INDEX businesses_headcount_pending ON businesses(requested_headcount_at) WHERE requested_headcount IS NOT NULL;
            ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE certificates ADD COLUMN audit_seq INTEGER;
            ALTER TABLE certificates ADD COLUMN audit_hash BLOB;
            """),
            Migration(version: 8, name: "each person's job role picks their role module", sql: """
            ALTER TABLE users ADD COLUMN job_role TEXT CHECK (job_role IN
                ('reception', 'housekeeping', 'maintenance', 'bar', 'security', 'management', 'driver', 'dispatcher'));
            UPDATE users SET job_role = 'management' WHERE role = 'manager';
            """),
            Migration(version: 9, name: "a person's attempts of a module in submission order", sql: """
            CREATE INDEX attempts_user_module_submitted ON attempts(user_id, module_id, submitted_at);
            DROP INDEX attempts_user_module;
            """),
            Migration(version: 10, name: "each person's interface language", sql: """
            ALTER TABLE users ADD COLUMN language TEXT CHECK (language GLOB '[a-z][a-z]' OR language GLOB '[a-z][a-z][a-z]');
            """),
            Migration(version: 11, name: "scheduled upkeep: its lease, businesses' warnings, recorded expiries", sql: """
            CREATE TABLE task_runs (
                name TEXT PRIMARY KEY, holder TEXT, lease_until INTEGER, last_started_at INTEGER, last_finished_at INTEGER, last_report TEXT
            ) STRICT;
            CREATE TABLE business_warnings (
                business_id TEXT NOT NULL REFERENCES businesses(id),
                kind TEXT NOT NULL CHECK (kind IN ('certificate_expiring', 'below_threshold')),
                needed INTEGER NOT NULL, expires_at INTEGER, since INTEGER NOT NULL,
                PRIMARY KEY (business_id, kind)
            ) STRICT;
            ALTER TABLE certificates ADD COLUMN expiry_recorded_at INTEGER;
            """),
            Migration(version: 12, name: "who counts: staff, and managers who put themselves on their roster", sql: """
            ALTER TABLE users ADD COLUMN on_roster INTEGER NOT NULL DEFAULT 1;
            UPDATE users SET on_roster = 0 WHERE role != 'employee';
            CREATE TRIGGER users_on_roster_by_role AFTER INSERT ON users WHEN NEW.role != 'employee'
                BEGIN UPDATE users SET on_roster = 0 WHERE id = NEW.id; END;
            CREATE INDEX users_roster_completion ON users(business_id, on_roster, active, confirmed, completed_at, completed_version);
            DROP INDEX users_business_completion;
            """),
            Migration(version: 13, name: "where forwarding xAPI statements to an outside store has got to", sql: """
            CREATE TABLE xapi_forwarding (
                id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT, failures INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER, last_sent_at INTEGER, last_error TEXT
            ) STRICT;
            """),
            Migration(version: 14, name: "invite links that can be shown again, and reminders", sql: """
            ALTER TABLE users ADD COLUMN invite_generation INTEGER;
            CREATE TABLE reminders (
                business_id TEXT NOT NULL REFERENCES businesses(id),
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                reminded_at INTEGER NOT NULL,
                reminded_by TEXT NOT NULL
            ) STRICT;
            CREATE INDEX reminders_user ON reminders(user_id, reminded_at);
            CREATE INDEX reminders_business ON reminders(business_id, reminded_at);
            """),
    ]
}

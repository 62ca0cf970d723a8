import Foundation
import Security
import Storage
import Threads

/// The operator's tasks behind `signaal migrate`, `backup` and `admin create`.
public enum Operations {
    /// A failure the operator can act on; the CLI prints the message and exits 1.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Opens (creating if needed) the database in `dataFolder` and applies pending migrations.
    /// - Returns: the schema version now in force.
    public static func migrate(dataFolder: String) async throws -> Int {
        try await withDatabase(dataFolder) { database in
            try await database.read { try $0.queryOne("SELECT max(version) FROM schema_migrations") { $0.int(0) } } ?? 0
        }
    }

    /// Writes a consistent copy of the database to `destination` (which must not exist yet).
    /// The audit key and head files are not in it: `auditKeyReminder` says where they are.
    public static func backup(dataFolder: String, to destination: String) async throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw Failure(description: "\(destination) already exists; choose a new file name.")
        }
        try await withDatabase(dataFolder) { database in try await database.backup(to: destination) }
    }

    /// Creates an admin account.
    public static func createAdmin(dataFolder: String, name: String, email: String, password: String) async throws {
        guard EmailAddress.isValid(email) else { throw Failure(description: "'\(email)' is not a valid email address.") }
        if let problem = PasswordPolicy.problem(with: password, personal: [email, name]) { throw Failure(description: problem.message) }
        let hash = try await PasswordHasher(concurrentHashes: 1).hash(password)
        do {
            try await withDatabase(dataFolder) { database in
                try await database.write { db in
                    _ = try AccountStore.insertAdmin(db, name: name, email: email, passwordHash: hash, now: Date())
                }
            }
        } catch let error as StorageError where error.isUniqueViolation {
            throw Failure(description: "An account with the email address \(email) already exists.")
        }
    }

    /// Checks the audit log's keyed chain against the key and head files, and replays every certificate;
    /// returns the problems found (none when the log and the certificates agree) and the entries checked.
    /// - Parameter keyFile: the audit key file; nil: `audit.key` in `dataFolder`.
    public static func verifyAuditLog(dataFolder: String, keyFile: String?) async throws -> (problems: [String], entries: Int) {
        let key: AuditKey
        do {
            key = try AuditKey.load(path: keyFile ?? dataFolder + "/audit.key")
        } catch let problem as AuditKey.Problem {
            throw Failure(description: problem.description)
        }
        let report = try await withDatabase(dataFolder) { database in try await database.read { db in try AuditVerifier.verify(db, key: key) } }
        return (report.problems, report.entries)
    }

    /// What `signaal backup` tells the operator about the audit key, which the copy does not hold.
    public static func auditKeyReminder(dataFolder: String, keyFile: String?) -> String {
        let key = keyFile ?? dataFolder + "/audit.key"
        let head = (key as NSString).deletingLastPathComponent + "/audit.head"
        return """
            The audit key is not in the copy. Back up \(key) and \(head) separately, and keep them apart from the \
            database copy: without the key the audit log cannot be verified, and whoever holds both could rewrite it.
            """
    }

    private static func open(_ dataFolder: String) throws -> Database {
        try FileManager.default.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
        return try Database(path: dataFolder + "/signaal.sqlite", migrations: Schema.migrations, readerCount: 1)
    }

    /// Runs `body` with the database of `dataFolder`, then closes it on a thread of its own (closing waits
    /// for the database's threads, which must not happen on the cooperative pool), also when `body` throws.
    private static func withDatabase<T: Sendable>(_ dataFolder: String, _ body: (Database) async throws -> T) async throws -> T {
        let database = try open(dataFolder)
        do {
            let result = try await body(database)
            _ = try? await DedicatedThread.run { database.close() }
            return result
        } catch {
            _ = try? await DedicatedThread.run { database.close() }
            throw error
        }
    }

}

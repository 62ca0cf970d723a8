import CSQLite
import Foundation
import Synchronization
import Threads

/// The application's SQLite database: one writer connection on its own thread and a small pool
/// of read-only connections on theirs, in WAL mode so reads never wait for the writer.
///
/// Async callers suspend while SQLite works on those threads; no SQLite call ever runs on Swift's
/// cooperative pool.
///
/// **Durability.** `synchronous = FULL`: a write is acknowledged only after its commit has been
/// fsynced to the WAL, so it survives `kill -9` (which `NORMAL` would also give) *and* a power cut
/// or kernel crash (which `NORMAL` would not: it may lose the last commits). The fsync cost is
/// shared by **group commit**: the writer takes every write waiting in its queue, runs each in its
/// own savepoint inside one transaction, commits once, and only then answers them all. A write
/// that throws is rolled back to its savepoint alone; the others still commit.
public final class Database: Sendable {
    /// Read-only connections. The default is 4.
    public let readerCount: Int
    public let path: String
    private let writer: WriterThread
    private let readers: BlockingPool
    private let idleReaders: Mutex<[ConnectionBox]>
    private let observer: DatabaseObserver?

    /// Opens (creating if needed) the database file at `path` and applies `migrations`;
    /// `observer`, if given, hears how long every read, write and commit took.
    /// - Parameter afterCommit: runs on the writer thread after every successful group commit, before the
    ///   writes in it are answered, with the writer connection outside any transaction (for example to
    ///   record what was committed in a file beside the database).
    public init(path: String, migrations: [Migration] = [], readerCount: Int = 4, observer: DatabaseObserver? = nil,
                afterCommit: (@Sendable (DatabaseConnection) -> Void)? = nil) throws {
        self.path = path
        self.readerCount = readerCount
        self.observer = observer
        let writerConnection = try DatabaseConnection(path: path, readOnly: false)
        try writerConnection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        try Migrator(migrations: migrations).migrate(writerConnection)
        self.writer = WriterThread(connection: writerConnection, observer: observer, afterCommit: afterCommit)
        var boxes: [ConnectionBox] = []
        for _ in 0..<readerCount {
            boxes.append(ConnectionBox(connection: try DatabaseConnection(path: path, readOnly: true)))
        }
        self.idleReaders = Mutex(boxes)
        self.readers = BlockingPool(name: "sqlite-reader", threadCount: readerCount)
    }

    /// Runs `body` in a write transaction on the writer thread and returns once it is durably committed.
    /// - Throws: what `body` throws (its changes are rolled back), or a `StorageError` from SQLite.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            writer.submit(WriteJob(
                run: { connection in
                    let value = try body(connection)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) }))
        }
    }

    /// Runs `body` in a read transaction (one consistent snapshot) on a reader thread.
    @discardableResult
    public func read<T: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) throws -> T) async throws -> T {
        try await readers.run { [self] in
            let box = idleReaders.withLock { $0.removeLast() }
            defer { idleReaders.withLock { $0.append(box) } }
            let connection = box.connection
            let start = ContinuousClock.now
            defer { observer?(.read, secondsSince(start)) }
            try connection.execute("BEGIN")
            do {
                let value = try body(connection)
                try connection.execute("COMMIT")
                return value
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Copies the whole database to `destination` as one consistent snapshot, while writes go on.
    public func backup(to destination: String) async throws {
        let source = path
        try await readers.run {
            let from = try DatabaseConnection(path: source, readOnly: true)
            let to = try DatabaseConnection(path: destination, readOnly: false)
            guard let backup = sqlite3_backup_init(to.handle, "main", from.handle, "main") else {
                throw StorageError(connection: to.handle, code: sqlite3_errcode(to.handle))
            }
            // One step over all pages holds one read transaction: the copy is a single snapshot.
            let code = sqlite3_backup_step(backup, -1)
            sqlite3_backup_finish(backup)
            guard code == SQLITE_DONE else { throw StorageError(connection: to.handle, code: code) }
        }
    }

    /// Finishes queued reads and writes, joins the database threads and closes every connection, the
    /// writer last, so the WAL is checkpointed into the file and nothing is left to recover. Blocks
    /// until then: from async code, call it on a dedicated thread.
    public func close() {
        readers.shutdown()
        idleReaders.withLock { boxes in boxes.forEach { $0.connection.close() } }
        writer.stop()
    }
}

/// What the database reports about its own work, for metrics: how long each read and each write's
/// body ran, and how long each group commit (with its fsync) took, in seconds.
public enum DatabaseOperation: String, Sendable, CaseIterable {
    case read, write, commit
}

/// Receives the duration of every database operation; called on the database's own threads.
public typealias DatabaseObserver = @Sendable (DatabaseOperation, Double) -> Void

/// Seconds since `start` on the monotonic clock, for `DatabaseObserver`s.
func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Moves a connection between threads; only one thread uses it at a time.
final class ConnectionBox: @unchecked Sendable {
    let connection: DatabaseConnection
    init(connection: DatabaseConnection) { self.connection = connection }
}

/// A write waiting for the writer: `run` does the work and returns how to answer after commit.
struct WriteJob: Sendable {
    let run: @Sendable (DatabaseConnection) throws -> @Sendable () -> Void
    let fail: @Sendable (any Error) -> Void
}

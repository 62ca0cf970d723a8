import Foundation
import Storage

/// Checks the audit log: the chain link by link (keyed after the key existed), the head file, and that
/// every certificate's stored code, dates, state and anchor are what the log's entries say.
enum AuditVerifier {
    /// What a check found.
    struct Report: Sendable {
        /// Every problem, in the order found; empty when the log and the certificates agree.
        var problems: [String] = []
        /// Entries checked.
        var entries = 0
        /// The newest entry checked, to continue from next time.
        var newest: AuditLog.Anchor?
    }

    /// Checks the chain from `start` (the whole chain when nil) and compares its end with the head file;
    /// with `replayingCertificates`, also replays every certificate entry against the `certificates` table.
    static func verify(_ db: DatabaseConnection, key: AuditKey, from start: AuditLog.Anchor? = nil,
                       replayingCertificates: Bool = true) throws -> Report {
        // The head first: it is written after each commit, so every entry it names is already in the
        // snapshot this read transaction takes with its first query (read it later and a commit in
        // between would look like deleted entries).
        let head = try key.readHead()
        let walk = try walkChain(db, key: key, from: start, untilKeyed: false)
        var report = Report(problems: walk.problems, entries: walk.entries, newest: walk.newest)
        let newest = walk.newest ?? start
        if !walk.broken {
            if let head {
                let newestSeq = newest?.seq ?? 0
                let hashThere = head.seq == newestSeq ? newest?.hash : try hash(db, seq: head.seq)
                if head.seq > newestSeq {
                    report.problems.append("entries \(newestSeq + 1) to \(head.seq) were deleted (the head file records entry \(head.seq))")
                } else if hashThere != head.hash {
                    report.problems.append("entry \(head.seq) differs from the head file")
                }
            } else if walk.keyedSeen {
                report.problems.append("the head file \(key.headPath) is missing")
            }
        }
        if replayingCertificates { report.problems += try CertificateReplay.problems(db) }
        return report
    }

    /// The first problem of the entries written before the key existed, or nil when their plain chain holds.
    static func unkeyedChainProblem(_ db: DatabaseConnection) throws -> String? {
        try walkChain(db, key: nil, from: nil, untilKeyed: true).problems.first
    }

    /// What following the chain found.
    struct Walk {
        var problems: [String] = []
        /// A link was missing or changed, so nothing after it can be trusted.
        var broken = false
        var entries = 0
        var newest: AuditLog.Anchor?
        var keyedSeen = false
    }

    /// Follows the chain link by link from `start`: an entry written with the key is checked with it, and
    /// after the first one every later entry must be keyed too. With `untilKeyed`, stops before the first
    /// keyed entry (the chain from before the key existed).
    private static func walkChain(_ db: DatabaseConnection, key: AuditKey?, from start: AuditLog.Anchor?, untilKeyed: Bool) throws -> Walk {
        var walk = Walk(keyedSeen: start != nil)
        var expectedPrevious = start?.hash ?? AuditLog.genesis
        var expectedSeq = (start?.seq ?? 0) + 1
        try forEachEntry(db, after: start?.seq ?? 0) { row in
            if untilKeyed && row.keyed { return false }
            walk.entries += 1
            if row.seq != expectedSeq {
                walk.problems.append("entry \(expectedSeq) is missing (the next entry is \(row.seq))")
                walk.broken = true
                return false
            }
            if walk.keyedSeen && !row.keyed { walk.problems.append("entry \(row.seq) was not written with the audit key") }
            walk.keyedSeen = walk.keyedSeen || row.keyed
            let computed = AuditLog.chainHash(key: row.keyed ? key?.bytes : nil, previous: expectedPrevious, seq: row.seq, at: row.at,
                                              actor: row.actor, action: row.action, subject: row.subject, details: row.details)
            if row.previousHash != expectedPrevious || row.hash != computed {
                walk.problems.append("entry \(row.seq) was changed (its hash does not follow from the entries before it)")
                walk.broken = true
                return false
            }
            expectedPrevious = computed
            expectedSeq += 1
            walk.newest = AuditLog.Anchor(seq: row.seq, hash: row.hash)
            return true
        }
        return walk
    }

    struct StoredEntry {
        let seq: Int
        let at: Int64
        let actor: String
        let action: String
        let subject: String
        let details: String
        let previousHash: [UInt8]
        let hash: [UInt8]
        let keyed: Bool
    }

    /// Streams the entries after `seq` in order to `body` (one row in memory at a time) until it returns false.
    static func forEachEntry(_ db: DatabaseConnection, after seq: Int, _ body: (StoredEntry) throws -> Bool) throws {
        var going = true
        _ = try db.query("SELECT seq, at, actor, action, subject, details, previous_hash, hash, keyed FROM audit_log WHERE seq > ? ORDER BY seq",
                         seq) { row -> Void in
            guard going else { return }
            going = try body(StoredEntry(seq: row.int(0), at: row.int64(1), actor: row.string(2), action: row.string(3), subject: row.string(4),
                                         details: row.string(5), previousHash: row.blob(6), hash: row.blob(7), keyed: row.bool(8)))
        }
    }

    private static func hash(_ db: DatabaseConnection, seq: Int) throws -> [UInt8]? {
        try db.queryOne("SELECT hash FROM audit_log WHERE seq = ?", seq) { $0.blob(0) }
    }
}

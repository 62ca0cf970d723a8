import Foundation
import Security
import Storage

/// The append-only audit log: every approval, roster change, issue, renewal and revocation.
///
/// Each entry stores the SHA-256 of the previous entry's hash and its own content, so a changed or
/// deleted row breaks the chain (`signaal audit verify`). Triggers refuse UPDATE and DELETE, so
/// nothing in the product can edit it.
enum AuditLog {
    struct Entry: Sendable, Codable {
        let seq: Int
        let at: Date
        let actor: String
        let action: String
        let subject: String
        let details: String
    }

    /// Appends an entry inside the caller's write transaction.
    static func append(_ db: DatabaseConnection, at date: Date, actor: String, action: String, subject: String,
                       details: [String: String] = [:]) throws {
        let previous = try db.queryOne("SELECT seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)") { ($0.int(0), $0.blob(1)) }
        let seq = (previous?.0 ?? 0) + 1
        let previousHash = previous?.1 ?? [UInt8](repeating: 0, count: 32)
        let detailText = String(decoding: try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys]), as: UTF8.self)
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let hash = chainHash(previous: previousHash, seq: seq, at: milliseconds, actor: actor, action: action, subject: subject, details: detailText)
        try db.run("INSERT INTO audit_log (seq, at, actor, action, subject, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   seq, milliseconds, actor, action, subject, detailText, previousHash, hash)
    }

    static func chainHash(previous: [UInt8], seq: Int, at: Int64, actor: String, action: String, subject: String, details: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(previous)
        for field in [String(seq), String(at), actor, action, subject, details] {
            hasher.update(Array(field.utf8))
            hasher.update([0])
        }
        return hasher.finalize()
    }

    /// The first broken link, or nil when every entry follows from the one before it.
    static func verify(_ db: DatabaseConnection) throws -> String? {
        var expectedPrevious = [UInt8](repeating: 0, count: 32)
        var expectedSeq = 1
        var problem: String?
        _ = try db.query("SELECT seq, at, actor, action, subject, details, previous_hash, hash FROM audit_log ORDER BY seq") { row -> Void in
            guard problem == nil else { return }
            let seq = row.int(0)
            if seq != expectedSeq { problem = "entry \(expectedSeq) is missing (next is \(seq))"; return }
            let computed = chainHash(previous: expectedPrevious, seq: seq, at: row.int64(1), actor: row.string(2), action: row.string(3),
                                     subject: row.string(4), details: row.string(5))
            if row.blob(6) != expectedPrevious || row.blob(7) != computed { problem = "entry \(seq) was changed"; return }
            expectedPrevious = computed
            expectedSeq += 1
        }
        return problem
    }

    static func page(_ db: DatabaseConnection, before: Int?, limit: Int) throws -> [Entry] {
        try db.query("SELECT seq, at, actor, action, subject, details FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?",
                     before ?? Int.max, limit) {
            Entry(seq: $0.int(0), at: $0.date(1), actor: $0.string(2), action: $0.string(3), subject: $0.string(4), details: $0.string(5))
        }
    }
}

import Foundation
import Security
import Storage
import Synchronization

/// The append-only audit log: every approval, roster change, headcount decision, issue, renewal and revocation.
///
/// Each entry's hash is an HMAC-SHA-256, under a key kept outside the database, of the previous entry's
/// hash and its own content: someone holding only the database file can neither edit an entry nor
/// recompute the chain after one. Triggers refuse UPDATE and DELETE, so nothing in the product can edit
/// it; the newest entry is also written to a head file beside the key after every commit, so deleting
/// the newest entries shows too (`signaal audit verify`). Entries written before the key existed keep
/// their plain SHA-256 chain; the first keyed entry's hash covers their head.
final class AuditLog: Sendable {
    /// One entry as the admin pages show it.
    struct Entry: Sendable, Codable {
        let seq: Int
        let at: Date
        let actor: String
        let action: String
        let subject: String
        let details: String
        /// The name behind `actor` and `subject` now, where they are a person or a business.
        let actorName: String?
        let subjectName: String?
    }

    /// A position in the chain: an entry's sequence number and hash. A certificate keeps the anchor of
    /// the entry that issued it.
    struct Anchor: Sendable, Equatable, Codable {
        let seq: Int
        let hash: [UInt8]

        var hashHex: String { AuditKey.hex(hash) }
    }

    let key: AuditKey
    /// Set by an append, cleared when the head file has been written after the commit.
    private let appendedSinceHead = Atomic<Bool>(false)

    init(key: AuditKey) {
        self.key = key
    }

    /// Appends an entry inside the caller's write transaction and returns its anchor.
    @discardableResult
    func append(_ db: DatabaseConnection, at date: Date, actor: String, action: AuditAction, subject: String,
                details: [String: String] = [:]) throws -> Anchor {
        let previous = try Self.newest(db)
        let seq = (previous?.seq ?? 0) + 1
        let previousHash = previous?.hash ?? Self.genesis
        let detailText = String(decoding: try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys]), as: UTF8.self)
        let milliseconds = date.millisecondsSince1970
        let hash = Self.chainHash(key: key.bytes, previous: previousHash, seq: seq, at: milliseconds, actor: actor, action: action.rawValue,
                                  subject: subject, details: detailText)
        try db.run("""
            INSERT INTO audit_log (seq, at, actor, action, subject, details, previous_hash, hash, keyed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
            """, seq, milliseconds, actor, action.rawValue, subject, detailText, previousHash, hash)
        appendedSinceHead.store(true, ordering: .relaxed)
        return Anchor(seq: seq, hash: hash)
    }

    /// Writes the newest entry to the head file when something was appended; the database calls it after
    /// every commit (a rolled-back append leaves the head as it was, since the head is read back).
    func recordHead(_ db: DatabaseConnection) {
        guard appendedSinceHead.exchange(false, ordering: .relaxed) else { return }
        do {
            if let head = try Self.newest(db) { try key.writeHead(head) }
        } catch {
            appendedSinceHead.store(true, ordering: .relaxed)
            FileHandle.standardError.write(Data("error: could not write the audit head file \(key.headPath): \(error)\n".utf8))
        }
    }

    /// Starts the keyed chain on a database whose entries predate the key: checks the old chain first and
    /// appends a first keyed entry whose hash covers the old head and says whether the old chain was intact.
    /// - Returns: the old chain's problem, if it had one (it is also recorded in the entry).
    func startKeyedChainIfNeeded(_ db: DatabaseConnection, now: Date) throws -> String? {
        guard let head = try Self.newest(db),
              try db.queryOne("SELECT 1 FROM audit_log WHERE keyed = 1 LIMIT 1", row: { _ in true }) == nil
        else { return nil }
        let problem = try AuditVerifier.unkeyedChainProblem(db)
        try append(db, at: now, actor: "system", action: .chainKeyed, subject: "audit_log",
                   details: ["previousHead": String(head.seq), "previousHash": head.hashHex, "previousChain": problem ?? "intact"])
        return problem
    }

    /// The first entry's `previous_hash`.
    static let genesis = [UInt8](repeating: 0, count: 32)

    static func newest(_ db: DatabaseConnection) throws -> Anchor? {
        try db.queryOne("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") { Anchor(seq: $0.int(0), hash: $0.blob(1)) }
    }

    /// HMAC-SHA-256 under `key` of the previous hash and the fields, each field ended by a zero byte; with no
    /// key (entries from before the key existed) plain SHA-256 of the same bytes.
    static func chainHash(key: [UInt8]?, previous: [UInt8], seq: Int, at: Int64, actor: String, action: String, subject: String,
                          details: String) -> [UInt8] {
        var message = previous
        for field in [String(seq), String(at), actor, action, subject, details] {
            message.append(contentsOf: field.utf8)
            message.append(0)
        }
        guard let key else { return SHA256.hash(message) }
        return HMACSHA256.authenticationCode(for: message, key: key)
    }

    /// Entries newest first, with the current names of the people and businesses they concern.
    static func page(_ db: DatabaseConnection, before: Int?, limit: Int) throws -> [Entry] {
        try db.query("""
            SELECT a.seq, a.at, a.actor, a.action, a.subject, a.details,
                   (SELECT name FROM users WHERE id = a.actor),
                   coalesce((SELECT name FROM users WHERE id = a.subject), (SELECT name FROM businesses WHERE id = a.subject))
            FROM audit_log a WHERE a.seq < ? ORDER BY a.seq DESC LIMIT ?
            """, before ?? Int.max, limit) {
            Entry(seq: $0.int(0), at: $0.date(1), actor: $0.string(2), action: $0.string(3), subject: $0.string(4), details: $0.string(5),
                  actorName: $0.optionalString(6), subjectName: $0.optionalString(7))
        }
    }
}

/// The actions the audit log records; the raw value is what the entry stores.
enum AuditAction: String, Sendable, CaseIterable {
    case businessRegistered = "business.registered"
    case managerInvited = "manager.invited"
    case managerRemoved = "manager.removed"
    case managerOnRoster = "manager.on_roster"
    case managerOffRoster = "manager.off_roster"
    case businessUpdated = "business.updated"
    case businessApproved = "business.approved"
    case headcountChangeRequested = "business.headcount_change_requested"
    case headcountChangeWithdrawn = "business.headcount_change_withdrawn"
    case headcountChangeConfirmed = "business.headcount_change_confirmed"
    case headcountChangeRejected = "business.headcount_change_rejected"
    case employeeAdded = "employee.added"
    case employeeSignedUp = "employee.signed_up"
    case employeeJoined = "employee.joined"
    case employeeConfirmed = "employee.confirmed"
    case employeeRoleSet = "employee.role_set"
    case employeeLanguageSet = "employee.language_set"
    case employeeDeactivated = "employee.deactivated"
    case employeeReactivated = "employee.reactivated"
    case employeeInviteRenewed = "employee.invite_renewed"
    case employeeErased = "employee.erased"
    case certificateIssued = "certificate.issued"
    case certificateRenewed = "certificate.renewed"
    case certificateRevoked = "certificate.revoked"
    case certificateExpired = "certificate.expired"
    case demoSeeded = "demo.seeded"
    /// The first keyed entry on a database whose older entries were chained without the key.
    case chainKeyed = "audit.keyed"
}

import Foundation
import Learning
import Security
import Storage

/// Learning records out, as xAPI 1.0.3 statements: every module pass (`passed`, with its scaled score)
/// and every course completion (`completed`). They are read off the passes and completions themselves,
/// oldest first, so nothing needs writing twice and nothing is lost: a Learning Record Store that pages
/// with `more`, or a forwarder that keeps its place, sees each statement once, in order.
///
/// The actor is an `account` on our home page named by the person's opaque id, never a name or an email
/// address; the business is the context's team (a Group), and the course version its `revision`.
struct XAPIStatements: Sendable {
    let database: Database
    let catalog: Catalog
    /// The words for "course" per sector, from the interface strings (nl and en).
    let strings: InterfaceStrings

    static let version = "1.0.3"

    /// Where a page of statements ends: the next page starts after this (time, then id).
    struct Cursor: Sendable, Equatable {
        let stored: Date
        let id: String

        /// `1764495600000.pass-…`: milliseconds since 1970, a dot, the record's key.
        var text: String { "\(stored.millisecondsSince1970).\(id)" }

        init(stored: Date, id: String) {
            self.stored = stored
            self.id = id
        }

        init?(_ text: String) {
            guard let dot = text.firstIndex(of: "."), let milliseconds = Int64(text[..<dot]) else { return nil }
            stored = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            id = String(text[text.index(after: dot)...])
        }
    }

    /// One record before it becomes a statement.
    private struct Record {
        let key: String
        let stored: Date
        let userID: String
        let businessID: String
        let sector: String
        /// A module pass: the module, its version and score; nil for a course completion.
        let module: (id: String, version: Int, correct: Int, total: Int)?
        let courseVersion: Int
    }

    /// Up to `limit` statements stored at or after `since`, after `cursor`, oldest first; the position of
    /// the last one, and whether more follow.
    func page(since: Date?, after cursor: Cursor?, limit: Int, homePage: String) async throws
        -> (statements: [XAPIStatement], last: Cursor?, more: Bool) {
        let from = cursor?.stored ?? since ?? Date(timeIntervalSince1970: 0)
        let afterKey = cursor?.id ?? ""
        let records = try await database.read { db -> [Record] in
            try db.query("""
                SELECT key, stored, user_id, business_id, sector, module_id, module_version, correct, total, course_version FROM (
                    SELECT 'pass-' || p.user_id || '-' || p.module_id || '-' || p.passed_at AS key, p.passed_at AS stored, p.user_id,
                           u.business_id, b.sector, p.module_id, p.module_version, a.correct_count AS correct, a.total, 0 AS course_version
                    FROM module_passes p JOIN users u ON u.id = p.user_id JOIN businesses b ON b.id = u.business_id
                    JOIN attempts a ON a.id = p.attempt_id
                    WHERE p.passed_at >= ?1
                    UNION ALL
                    SELECT 'completion-' || c.id, c.completed_at, coalesce(c.user_id, 'erased'), c.business_id, c.sector,
                           NULL, NULL, NULL, NULL, c.course_version
                    FROM course_completions c WHERE c.completed_at >= ?1
                ) WHERE stored > ?1 OR key > ?2
                ORDER BY stored, key LIMIT ?3
                """, from, afterKey, limit + 1) { row in
                Record(key: row.string(0), stored: row.date(1), userID: row.string(2), businessID: row.string(3), sector: row.string(4),
                       module: row.optionalString(5).map { ($0, row.int(6), row.int(7), row.int(8)) }, courseVersion: row.int(9))
            }
        }
        let shown = records.prefix(limit)
        return (shown.map { statement($0, homePage: homePage) }, shown.last.map { Cursor(stored: $0.stored, id: $0.key) }, records.count > limit)
    }

    private func statement(_ record: Record, homePage: String) -> XAPIStatement {
        let timestamp = JSONOutput.rfc3339(record.stored)
        let courseID = "\(homePage)/xapi/courses/\(record.sector)"
        let team = XAPIStatement.Actor(objectType: "Group", account: .init(homePage: homePage, name: record.businessID))
        let object: XAPIStatement.Object
        let verb: XAPIStatement.Verb
        let result: XAPIStatement.Result
        let revision: Int
        if let module = record.module {
            let texts = catalog.modules[module.id]?.texts
            object = .init(id: "\(homePage)/xapi/modules/\(module.id)", definition: .init(
                name: ["nl-NL": texts?["nl"]?.title ?? module.id, "en-US": texts?["en"]?.title ?? module.id],
                type: "http://adlnet.gov/expapi/activities/module"))
            verb = .init(id: "http://adlnet.gov/expapi/verbs/passed", display: ["en-US": "passed", "nl-NL": "geslaagd voor"])
            let scaled = module.total > 0 ? Double(module.correct) / Double(module.total) : 1
            result = .init(success: true, completion: true, score: .init(scaled: (scaled * 10_000).rounded() / 10_000, raw: module.correct, min: 0, max: module.total))
            revision = module.version
        } else {
            let name = { (language: String) in "Signaal — " + (strings.strings[language]?["sector.\(record.sector)"] ?? record.sector) }
            object = .init(id: courseID, definition: .init(name: ["nl-NL": name("nl"), "en-US": name("en")],
                                                            type: "http://adlnet.gov/expapi/activities/course"))
            verb = .init(id: "http://adlnet.gov/expapi/verbs/completed", display: ["en-US": "completed", "nl-NL": "afgerond"])
            result = .init(success: true, completion: true, score: nil)
            revision = record.courseVersion
        }
        return XAPIStatement(
            id: Self.uuid(record.key), actor: .init(objectType: "Agent", account: .init(homePage: homePage, name: record.userID)),
            verb: verb, object: object, result: result,
            context: .init(revision: String(revision), team: team,
                           contextActivities: record.module == nil ? nil : .init(grouping: [.init(id: courseID)]), platform: "Signaal"),
            timestamp: timestamp, stored: timestamp,
            authority: .init(objectType: "Agent", account: .init(homePage: homePage, name: "signaal")), version: Self.version)
    }

    /// A UUID read off the record's key (SHA-256, version 8: custom), so a statement keeps its id forever.
    static func uuid(_ key: String) -> String {
        var bytes = Array(SHA256.hash(Array("signaal-xapi:\(key)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}

/// An xAPI 1.0.3 statement, with the properties the specification requires of a stored one.
struct XAPIStatement: Codable, Sendable, Equatable {
    struct Account: Codable, Sendable, Equatable {
        let homePage: String
        let name: String
    }

    /// An Agent or a Group identified by an account (never a name or an email address).
    struct Actor: Codable, Sendable, Equatable {
        let objectType: String
        let account: Account
    }

    struct Verb: Codable, Sendable, Equatable {
        let id: String
        let display: [String: String]
    }

    struct Object: Codable, Sendable, Equatable {
        struct Definition: Codable, Sendable, Equatable {
            let name: [String: String]
            let type: String
        }
        var objectType = "Activity"
        let id: String
        let definition: Definition

        init(id: String, definition: Definition) {
            self.id = id
            self.definition = definition
        }
    }

    struct Result: Codable, Sendable, Equatable {
        struct Score: Codable, Sendable, Equatable {
            let scaled: Double
            let raw: Int
            let min: Int
            let max: Int
        }
        let success: Bool
        let completion: Bool
        let score: Score?
    }

    struct Context: Codable, Sendable, Equatable {
        struct Activities: Codable, Sendable, Equatable {
            struct Reference: Codable, Sendable, Equatable {
                let id: String
            }
            let grouping: [Reference]
        }
        let revision: String
        let team: Actor
        let contextActivities: Activities?
        let platform: String
    }

    let id: String
    let actor: Actor
    let verb: Verb
    let object: Object
    let result: Result
    let context: Context
    let timestamp: String
    let stored: String
    let authority: Actor
    let version: String
}

import Foundation
import Learning
import Storage

/// Starting a quiz attempt: the reading rule, one open attempt per person and module, fresh questions.
extension LearningStore {
    /// Why a quiz cannot start yet.
    enum StartRefusal: Error, Sendable {
        /// These lessons, in module order, must be (re)read first.
        case lessonsUnread([String])
    }

    /// An attempt as started, or the open one found again.
    struct StartedAttempt: Sendable {
        let id: String
        let served: [ServedQuestion]
        let expiresAt: Date
        /// True when an open attempt was returned instead of a new one.
        let resumed: Bool
    }

    /// Returns the person's open attempt of the module, or starts one when every lesson counts as read.
    /// Runs as one write, so two starts at once cannot both create an attempt.
    /// - Throws: `StartRefusal.lessonsUnread` when lessons are still to be read.
    func startAttempt(userID: String, module: Module, language: String, now: Date, lifetime: TimeInterval) async throws -> StartedAttempt {
        defer { forget(userID: userID) }
        return try await database.write { db in
            if let open = try db.queryOne("""
                SELECT id, served, expires_at FROM attempts
                WHERE user_id = ? AND module_id = ? AND submitted_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1
                """, userID, module.id, now, row: { StartedAttempt(id: $0.string(0), served: ServedText.decode($0.string(1)), expiresAt: $0.date(2), resumed: true) }) {
                // Shown again in the language asked for now, so its explanations follow it too.
                try db.run("UPDATE attempts SET language = ? WHERE id = ?", language, open.id)
                return open
            }
            let history = try Self.history(db, userID: userID, moduleID: module.id)
            let lastRead = Dictionary(try db.query("SELECT lesson_id, seen_at FROM lesson_progress WHERE user_id = ? AND module_id = ?",
                                                   userID, module.id) { ($0.string(0), $0.date(1)) }, uniquingKeysWith: max)
            let unread = QuizGate.unreadLessons(of: module, lastRead: lastRead, history: history)
            guard unread.isEmpty else { throw StartRefusal.lessonsUnread(unread) }
            var random = SystemRandomNumberGenerator()
            let served = AttemptRules.draw(from: module, lastServed: SubmittedAttempt.lastServed(in: history), using: &random)
            let attempt = StartedAttempt(id: Identifier.make("att"), served: served, expiresAt: now.addingTimeInterval(lifetime), resumed: false)
            try db.run("""
                INSERT INTO attempts (id, user_id, module_id, module_version, language, served, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, attempt.id, userID, module.id, module.version, language, ServedText.encode(served), now, attempt.expiresAt)
            return attempt
        }
    }

    /// The person's submitted attempts of a module, oldest first, with the questions each served.
    static func history(_ db: DatabaseConnection, userID: String, moduleID: String) throws -> [SubmittedAttempt] {
        try db.query("""
            SELECT submitted_at, passed, served FROM attempts WHERE user_id = ? AND module_id = ? AND submitted_at IS NOT NULL
            ORDER BY submitted_at, created_at, id
            """, userID, moduleID) {
            SubmittedAttempt(submittedAt: $0.date(0), passed: $0.bool(1), questionIDs: ServedText.decode($0.string(2)).map(\.questionID))
        }
    }
}

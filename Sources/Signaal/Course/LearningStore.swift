import Foundation
import Learning
import Storage

/// The SQL for lesson progress, attempts, module passes and course completions.
struct LearningStore: Sendable {
    let database: Database
    let audit: AuditLog
    /// Learner snapshots by user id, dropped whenever that learner's progress is written.
    let snapshots = MemoryCache<String, LearnerSnapshot>()
    /// The learner's rendered course answers by user id and language, dropped with the snapshot.
    let renderedCourses = MemoryCache<String, [String: RenderedCourse]>()

    /// A course answer and when it was made: it is reused for at most a minute, so statuses that
    /// change with time alone (a pass expiring) are never stale for long.
    struct RenderedCourse: Sendable {
        let json: [UInt8]
        let madeAt: Date
    }

    /// Drops everything cached about one learner; every write to their progress calls it.
    func forget(userID: String) {
        snapshots.remove(userID)
        renderedCourses.remove(userID)
    }

    /// What the course page needs to know about one learner, read as one snapshot.
    struct LearnerSnapshot: Sendable {
        let businessID: String
        let sector: Sector
        /// The person's job; nil until they or their manager say it.
        let role: JobRole?
        /// Lessons that count as read per module: read after the last reading reset (three failures in a row).
        let seenLessons: [String: Set<String>]
        /// Failed attempts in a row per module since the last pass or reset.
        let failuresInARow: [String: Int]
        let attemptedModules: Set<String>
        let lastPasses: [String: Date]
        let latestCompletion: Completion?
    }

    struct Completion: Sendable, Codable, Equatable {
        let courseVersion: Int
        let completedAt: Date
    }

    func snapshot(userID: String) async throws -> LearnerSnapshot? {
        if let cached = snapshots[userID] { return cached }
        let snapshot = try await database.read { db -> LearnerSnapshot? in
            guard let (businessID, sector, role) = try Self.place(db, userID: userID) else { return nil }
            var history: [String: [SubmittedAttempt]] = [:]
            for (module, attempt) in try db.query("""
                SELECT module_id, submitted_at, passed FROM attempts WHERE user_id = ? AND submitted_at IS NOT NULL
                ORDER BY submitted_at, created_at, id
                """, userID, row: { ($0.string(0), SubmittedAttempt(submittedAt: $0.date(1), passed: $0.bool(2), questionIDs: [])) }) {
                history[module, default: []].append(attempt)
            }
            let resets = history.compactMapValues { QuizGate.readingReset(history: $0) }
            var seen: [String: Set<String>] = [:]
            for (module, lesson, readAt) in try db.query("SELECT module_id, lesson_id, seen_at FROM lesson_progress WHERE user_id = ?", userID,
                                                         row: { ($0.string(0), $0.string(1), $0.date(2)) })
            where resets[module].map({ readAt > $0 }) ?? true {
                seen[module, default: []].insert(lesson)
            }
            let attempted = Set(try db.query("SELECT DISTINCT module_id FROM attempts WHERE user_id = ?", userID) { $0.string(0) })
            let passes = Dictionary(try db.query("SELECT module_id, max(passed_at) FROM module_passes WHERE user_id = ? GROUP BY module_id", userID) {
                ($0.string(0), $0.date(1))
            }, uniquingKeysWith: max)
            let completion = try db.queryOne("""
                SELECT course_version, completed_at FROM course_completions WHERE user_id = ? ORDER BY completed_at DESC LIMIT 1
                """, userID) { Completion(courseVersion: $0.int(0), completedAt: $0.date(1)) }
            return LearnerSnapshot(businessID: businessID, sector: sector, role: role, seenLessons: seen,
                                   failuresInARow: history.mapValues { QuizGate.failuresInARow(history: $0) }, attemptedModules: attempted,
                                   lastPasses: passes, latestCompletion: completion)
        }
        if let snapshot { snapshots.store(snapshot, for: userID) }
        return snapshot
    }

    /// A person says their own job role (it picks their role module), only while they have none the course
    /// offers; audited like a roster change. Returns false when the role was already set.
    func chooseRole(userID: String, role: JobRole, offered: [JobRole], now: Date) async throws -> Bool {
        defer { forget(userID: userID) }
        let audit = audit
        return try await database.write { db in
            let current = try db.queryOne("SELECT job_role FROM users WHERE id = ?", userID) { $0.optionalString(0) } ?? nil
            guard current.flatMap(JobRole.init(rawValue:)).map({ !offered.contains($0) }) ?? true else { return false }
            try RosterStore.setRole(db, audit: audit, employeeID: userID, role: role, actor: userID, now: now)
            return true
        }
    }

    /// Where a learner stands: their business, its sector and their job role (nil for someone on no roster).
    static func place(_ db: DatabaseConnection, userID: String) throws -> (businessID: String, sector: Sector, role: JobRole?)? {
        guard let (businessID, sectorName, roleName) = try db.queryOne(
            "SELECT b.id, b.sector, u.job_role FROM users u JOIN businesses b ON b.id = u.business_id WHERE u.id = ?", userID,
            row: { ($0.string(0), $0.string(1), $0.optionalString(2)) }),
            let sector = Sector(rawValue: sectorName)
        else { return nil }
        return (businessID, sector, roleName.flatMap(JobRole.init(rawValue:)))
    }

    func markSeen(userID: String, moduleID: String, lessonID: String, now: Date) async throws {
        defer { forget(userID: userID) }
        // The time of the latest reading counts: after three failures in a row a lesson must be read again.
        try await database.write { db in
            try db.run("""
                INSERT INTO lesson_progress (user_id, module_id, lesson_id, seen_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, module_id, lesson_id) DO UPDATE SET seen_at = excluded.seen_at
                """, userID, moduleID, lessonID, now)
        }
    }
}

/// What an attempt served, stored compactly: `question:option option;question:option …`.
/// Question and option ids are `a-z`, digits and `-` (the content checker enforces it for questions).
enum ServedText {
    static func encode(_ served: [ServedQuestion]) -> String {
        served.map { $0.questionID + ":" + $0.optionOrder.joined(separator: " ") }.joined(separator: ";")
    }

    static func decode(_ text: String) -> [ServedQuestion] {
        text.split(separator: ";").compactMap { item in
            let parts = item.split(separator: ":", maxSplits: 1)
            guard let question = parts.first else { return nil }
            let options = parts.count > 1 ? parts[1].split(separator: " ").map(String.init) : []
            return ServedQuestion(questionID: String(question), optionOrder: options)
        }
    }
}

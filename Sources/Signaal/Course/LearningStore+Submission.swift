import Foundation
import Learning
import Storage

/// Why an attempt's answers were refused.
enum AttemptRefusal: Error, Equatable {
    /// No such attempt, or another person's.
    case unknown
    case alreadySubmitted
    case expired
}

/// Submitting an attempt: scoring, the pass and the course completion in one write transaction.
extension LearningStore {
    struct Submission: Sendable {
        let moduleID: String
        let language: String
        let served: [ServedQuestion]
        let result: AttemptRules.Result
        let courseCompletion: Completion?
        /// Failed attempts of this module in a row after this one (0 after a pass or a third failure).
        let failuresInARow: Int
    }

    /// - Throws: `AttemptRefusal` for an unknown or someone else's attempt, one already submitted or
    ///   expired; `AttemptRules.SubmissionError` for answers to questions or options that were not served.
    /// - Parameter issuer: asked, in the same transaction, to issue the business's certificate when a
    ///   course completion is recorded and the rule now holds.
    func submit(attemptID: String, userID: String, answers: [String: [String]], catalog: Catalog, policy: CompletionPolicy, now: Date,
                issuer: CertificateIssuer) async throws -> Submission {
        defer { forget(userID: userID) }
        return try await database.write { db in
            guard let attempt = try db.queryOne("""
                SELECT user_id, module_id, language, served, expires_at, submitted_at FROM attempts WHERE id = ?
                """, attemptID, row: { row in
                    (user: row.string(0), module: row.string(1), language: row.string(2), served: row.string(3),
                     expiresAt: row.date(4), submitted: !row.isNull(5))
                }), attempt.user == userID, let module = catalog.modules[attempt.module]
            else { throw AttemptRefusal.unknown }
            guard !attempt.submitted else { throw AttemptRefusal.alreadySubmitted }
            guard now < attempt.expiresAt else { throw AttemptRefusal.expired }
            let served = ServedText.decode(attempt.served)

            let result = try AttemptRules.score(served: served, answers: AttemptRules.resolve(labelled: answers, served: served), module: module)
            try db.run("UPDATE attempts SET submitted_at = ?, correct_count = ?, total = ?, passed = ? WHERE id = ?",
                       now, result.correctCount, result.total, result.passed, attemptID)
            for question in result.questions {
                try db.run("INSERT INTO attempt_answers (attempt_id, module_id, question_id, correct, chosen) VALUES (?, ?, ?, ?, ?)",
                           attemptID, module.id, question.questionID, question.isCorrect, Set(question.chosen).sorted().joined(separator: " "))
            }
            var completion: Completion?
            if result.passed {
                try db.run("INSERT OR IGNORE INTO module_passes (user_id, module_id, module_version, passed_at, attempt_id) VALUES (?, ?, ?, ?, ?)",
                           userID, module.id, module.version, now, attemptID)
                if let recorded = try recordCourseCompletionIfDue(db, userID: userID, catalog: catalog, policy: policy, now: now) {
                    completion = recorded.completion
                    _ = try issuer.issueIfDue(db, businessID: recorded.businessID, actor: "system", now: now)
                }
            }
            let history = try Self.history(db, userID: userID, moduleID: module.id)
            return Submission(moduleID: module.id, language: attempt.language, served: served, result: result, courseCompletion: completion,
                              failuresInARow: QuizGate.failuresInARow(history: history))
        }
    }

    /// Records a course completion when every required module now has a valid pass and the learner
    /// has no completion of the current course version that still counts.
    private func recordCourseCompletionIfDue(_ db: DatabaseConnection, userID: String, catalog: Catalog,
                                             policy: CompletionPolicy, now: Date) throws -> (completion: Completion, businessID: String)? {
        guard let (businessID, sector, role) = try Self.place(db, userID: userID), let course = catalog.courses[sector] else { return nil }
        let passes = Dictionary(try db.query("SELECT module_id, max(passed_at) FROM module_passes WHERE user_id = ? GROUP BY module_id", userID) {
            ($0.string(0), $0.date(1))
        }, uniquingKeysWith: max)
        guard catalog.courseIsComplete(for: sector, role: role, lastPasses: passes, policy: policy, now: now) else { return nil }
        let current = try db.queryOne("""
            SELECT completed_at FROM course_completions WHERE user_id = ? AND course_version = ? ORDER BY completed_at DESC LIMIT 1
            """, userID, course.version) { $0.date(0) }
        if let current, policy.isValid(completedAt: current, now: now) { return nil }
        try CompletionRecord.insert(db, userID: userID, businessID: businessID, sector: sector.rawValue, courseVersion: course.version, at: now)
        return (Completion(courseVersion: course.version, completedAt: now), businessID)
    }
}

import Storage

/// How often each module was attempted and passed, each question answered and answered right, and each
/// option chosen: the SQL behind the admin's module statistics.
struct AnswerCounts: Sendable {
    var attempts: [String: (Int, Int)] = [:]
    var questions: [String: (Int, Int)] = [:]
    var options: [String: Int] = [:]

    /// Answers per module, question and option, from every submitted attempt.
    static func read(_ database: Database) async throws -> AnswerCounts {
        try await database.read { db in
            var counts = AnswerCounts()
            for (module, total, passed) in try db.query(
                "SELECT module_id, count(*), total(passed) FROM attempts WHERE submitted_at IS NOT NULL GROUP BY module_id",
                row: { ($0.string(0), $0.int(1), Int($0.double(2))) }) {
                counts.attempts[module] = (total, passed)
            }
            for (key, total, correct) in try db.query(
                "SELECT module_id || '/' || question_id, count(*), total(correct) FROM attempt_answers GROUP BY module_id, question_id",
                row: { ($0.string(0), $0.int(1), Int($0.double(2))) }) {
                counts.questions[key] = (total, correct)
            }
            for (key, chosen, times) in try db.query(
                "SELECT module_id || '/' || question_id, chosen, count(*) FROM attempt_answers GROUP BY module_id, question_id, chosen",
                row: { ($0.string(0), $0.string(1), $0.int(2)) }) {
                for option in chosen.split(separator: " ") { counts.options["\(key)/\(option)", default: 0] += times }
            }
            return counts
        }
    }
}

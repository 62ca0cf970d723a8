import Foundation
@testable import Signaal
import Storage
import Testing

/// Every hot query searches an index instead of scanning a large table (EXPLAIN QUERY PLAN).
@Suite(.cleansUp)
struct QueryPlanTests {
    static let largeTables: Set<String> = ["users", "sessions", "course_completions", "attempts", "attempt_answers",
                                           "module_passes", "lesson_progress", "certificates", "audit_log", "businesses"]

    @Test func hotQueries_useIndexes() async throws {
        let app = try RunningApp.start()
        _ = try await BenchmarkData.seed(app.application, businesses: 50, employees: 2_000, bigBusinessStaff: 500)
        let queries: [(String, [any SQLBindable])] = [
            ("SELECT id FROM users WHERE active = 1 AND (email = ?1 OR username = ?1)", ["a@b.nl"]),
            ("SELECT u.id, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.active = 1", [[UInt8](repeating: 1, count: 32)]),
            ("SELECT b.id, b.sector FROM users u JOIN businesses b ON b.id = u.business_id WHERE u.id = ?", ["usr_1_1"]),
            ("SELECT module_id, lesson_id FROM lesson_progress WHERE user_id = ?", ["usr_1_1"]),
            ("SELECT DISTINCT module_id FROM attempts WHERE user_id = ?", ["usr_1_1"]),
            ("SELECT module_id, max(passed_at) FROM module_passes WHERE user_id = ? GROUP BY module_id", ["usr_1_1"]),
            ("SELECT course_version, completed_at FROM course_completions WHERE user_id = ? ORDER BY completed_at DESC LIMIT 1", ["usr_1_1"]),
            ("SELECT user_id, module_id, language, served, expires_at, submitted_at FROM attempts WHERE id = ?", ["att_x"]),
            ("SELECT u.business_id, count(*), total(u.completed_at >= ?1) FROM users u WHERE u.business_id = ?2 AND u.role = 'employee' AND u.active = 1 AND u.confirmed = 1 GROUP BY 1", [Date(), "biz_bench_big"]),
            ("SELECT \(Certificate.columns) FROM certificates WHERE code = ?", ["ABCD-EFGH-JKMN-P"]),
            ("SELECT \(Certificate.columns) FROM certificates WHERE business_id = ? ORDER BY issued_at DESC LIMIT 1", ["biz_bench_big"]),
            ("SELECT id FROM users WHERE invite_hash = ? AND active = 1 AND erased_at IS NULL", [[UInt8](repeating: 2, count: 32)]),
            ("SELECT business_id FROM signup_codes WHERE code = ?", ["X"]),
            ("SELECT seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", []),
            ("SELECT u.id FROM users u WHERE u.business_id = ?1 AND u.role = 'employee' AND u.erased_at IS NULL ORDER BY u.name COLLATE NOCASE", ["biz_bench_big"]),
            ("SELECT max(c.completed_at) FROM course_completions c WHERE c.user_id = ? AND c.course_version >= ?", ["usr_1_1", 0]),
            ("SELECT id, served, expires_at FROM attempts WHERE user_id = ? AND module_id = ? AND submitted_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1",
             ["usr_1_1", "core-law", Date()]),
            ("SELECT lesson_id, seen_at FROM lesson_progress WHERE user_id = ? AND module_id = ?", ["usr_1_1", "core-law"]),
        ]
        // A person's history of a module is read through their own index, never a scan of the module's attempts.
        let history = """
            SELECT submitted_at, passed, served FROM attempts WHERE user_id = ? AND module_id = ? AND submitted_at IS NOT NULL
            ORDER BY submitted_at, created_at, id
            """
        let historyPlan = try await app.application.database.read { try $0.queryPlan(history, arguments: ["usr_1_1", "core-law"]) }
        #expect(historyPlan.contains { $0.contains("attempts_user_module_submitted") }, "\(historyPlan)")
        for (sql, arguments) in queries {
            let plan = try await app.application.database.read { try $0.queryPlan(sql, arguments: arguments) }
            #expect(QueryPlan.fullScans(in: plan, of: Self.largeTables).isEmpty, "\(sql)\n\(plan.joined(separator: "\n"))")
        }
        await app.application.shutdown()
    }
}

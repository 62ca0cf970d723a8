import Foundation
import Storage

/// Everything stored about one person (`GET /api/v1/me/export`): their account, what they read,
/// their attempts, passes, completions and sessions.
struct PersonalData: Codable {
    struct AccountRecord: Codable {
        let id: String
        let role: Role
        let businessId: String?
        let name: String
        let email: String?
        let username: String?
        let createdAt: Date
        let joinedAt: Date?
        let jobRole: String?
    }

    struct LessonSeen: Codable {
        let moduleId: String
        let lessonId: String
        let seenAt: Date
    }

    struct AttemptRecord: Codable {
        let id: String
        let moduleId: String
        let startedAt: Date
        let submittedAt: Date?
        let score: Int?
        let total: Int?
        let passed: Bool?
    }

    struct ModulePass: Codable {
        let moduleId: String
        let moduleVersion: Int
        let passedAt: Date
    }

    struct CourseCompletion: Codable {
        let sector: String
        let courseVersion: Int
        let completedAt: Date
    }

    struct SessionRecord: Codable {
        let startedAt: Date
        let lastSeenAt: Date
    }

    let exportedAt: Date
    let account: AccountRecord?
    let lessonsSeen: [LessonSeen]
    let attempts: [AttemptRecord]
    let modulePasses: [ModulePass]
    let courseCompletions: [CourseCompletion]
    let sessions: [SessionRecord]

    /// Reads the person's data in one transaction.
    static func read(_ db: DatabaseConnection, userID: String, now: Date) throws -> PersonalData {
        PersonalData(
            exportedAt: now,
            account: try db.queryOne("SELECT id, role, business_id, name, email, username, created_at, joined_at, job_role FROM users WHERE id = ?",
                                     userID) { row in
                AccountRecord(id: row.string(0), role: Role(rawValue: row.string(1)) ?? .employee, businessId: row.optionalString(2),
                              name: row.string(3), email: row.optionalString(4), username: row.optionalString(5), createdAt: row.date(6),
                              joinedAt: row.optionalDate(7), jobRole: row.optionalString(8))
            },
            lessonsSeen: try db.query("SELECT module_id, lesson_id, seen_at FROM lesson_progress WHERE user_id = ? ORDER BY seen_at", userID) {
                LessonSeen(moduleId: $0.string(0), lessonId: $0.string(1), seenAt: $0.date(2))
            },
            attempts: try db.query("""
                SELECT id, module_id, created_at, submitted_at, correct_count, total, passed FROM attempts WHERE user_id = ? ORDER BY created_at
                """, userID) { row in
                AttemptRecord(id: row.string(0), moduleId: row.string(1), startedAt: row.date(2), submittedAt: row.optionalDate(3),
                              score: row.optionalInt(4), total: row.optionalInt(5), passed: row.isNull(6) ? nil : row.bool(6))
            },
            modulePasses: try db.query("SELECT module_id, module_version, passed_at FROM module_passes WHERE user_id = ? ORDER BY passed_at", userID) {
                ModulePass(moduleId: $0.string(0), moduleVersion: $0.int(1), passedAt: $0.date(2))
            },
            courseCompletions: try db.query("""
                SELECT sector, course_version, completed_at FROM course_completions WHERE user_id = ? ORDER BY completed_at
                """, userID) {
                CourseCompletion(sector: $0.string(0), courseVersion: $0.int(1), completedAt: $0.date(2))
            },
            sessions: try db.query("SELECT created_at, last_seen_at FROM sessions WHERE user_id = ?", userID) {
                SessionRecord(startedAt: $0.date(0), lastSeenAt: $0.date(1))
            })
    }
}

extension InviteRoutes {
    func export(_ context: RequestContext) async throws -> PersonalData {
        let account = try context.signedIn.account
        let now = services.now()
        return try await services.database.read { db in try PersonalData.read(db, userID: account.id, now: now) }
    }
}

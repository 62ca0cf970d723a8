import Foundation
import Storage

/// Writes a course completion: the permanent record, and the person's latest completion on their
/// own row, which lets the 60 percent counts come from one index scan.
enum CompletionRecord {
    static func insert(_ db: DatabaseConnection, userID: String, businessID: String, sector: String, courseVersion: Int, at date: Date) throws {
        try db.run("INSERT INTO course_completions (id, user_id, business_id, sector, course_version, completed_at) VALUES (?, ?, ?, ?, ?, ?)",
                   Identifier.make("cmp"), userID, businessID, sector, courseVersion, date)
        try db.run("""
            UPDATE users SET completed_at = ?1, completed_version = ?2 WHERE id = ?3 AND (completed_at IS NULL OR completed_at <= ?1)
            """, date, courseVersion, userID)
    }
}

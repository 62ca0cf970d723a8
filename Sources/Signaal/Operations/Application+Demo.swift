import Foundation
import Learning
import Security
import Storage

/// `signaal serve --demo`: a demonstration hotel whose staff stand at every stage, so the manager,
/// learner and verification pages show something real on a fresh machine.
extension Application {
    /// A sign-in for the demo, as printed by `serve --demo`.
    public struct DemoLogin: Sendable {
        public let role: String
        public let login: String
        public let stage: String
    }

    public static let demoBusinessName = "Hotel De Zeemeeuw (demo)"
    /// The demo business's Chamber of Commerce number, which no real business has.
    static let demoKvK = "00000000"

    /// `--demo` was asked for on a database that holds real businesses.
    public struct DemoRefused: Error, CustomStringConvertible {
        public var description: String {
            "--demo only runs on a database without other businesses; use a fresh --data folder for the demo."
        }
    }

    /// Seeds the demo business once (later runs keep it) and gives every demo account a new random
    /// password, returned with the logins. Call before `start()`, while nothing is cached.
    /// - Throws: `DemoRefused` when the database holds other businesses.
    public func seedDemo() async throws -> (password: String, logins: [DemoLogin]) {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let password = "demo-" + (0..<12).map { index in
            String(alphabet[Int(SecureRandom.integer(below: UInt32(alphabet.count)))]) + (index % 4 == 3 && index < 11 ? "-" : "")
        }.joined()
        let hash = try await hasher.hash(password)
        let now = configuration.now()
        let catalog = catalog
        let courseVersion = catalog.courses[.hotel]?.version ?? 1
        let issuer = issuer
        let audit = audit
        let staff: [(name: String, stage: String, role: JobRole?)] = [
            ("Ana Kowalska", "completed", .housekeeping), ("Bram de Vries", "completed", .reception), ("Chloé Martin", "completed", .bar),
            ("Dewi Santoso", "completed", .housekeeping), ("Emre Yılmaz", "completed", .maintenance), ("Fatima El Amrani", "completed", .security),
            ("Gert-Jan Mulder", "in progress", .reception), ("Hanna Nowak", "in progress", .housekeeping), ("Iris Bakker", "not started", nil),
            ("Joost Smit", "left", .bar),
        ]
        return try await database.write { db in
            // Demo accounts with a printed password have no place beside real businesses.
            let others = try db.queryOne("SELECT count(*) FROM businesses WHERE NOT (name = ? AND kvk = ?)",
                                         Self.demoBusinessName, Self.demoKvK) { $0.int(0) } ?? 0
            guard others == 0 else { throw DemoRefused() }
            let existing = try db.queryOne("SELECT id FROM businesses WHERE name = ? AND kvk = ?", Self.demoBusinessName, Self.demoKvK) { $0.string(0) }
            let businessID = existing ?? Identifier.make("biz")
            if existing == nil {
                try db.run("""
                    INSERT INTO businesses (id, name, sector, city, kvk, declared_headcount, status, created_at)
                    VALUES (?, ?, 'hotel', 'Den Haag', ?, ?, 'approved', ?)
                    """, businessID, Self.demoBusinessName, Self.demoKvK, staff.count, now)
                try db.run("""
                    INSERT INTO users (id, role, business_id, name, email, job_role, created_at)
                    VALUES (?, 'manager', ?, 'Mila de Manager', 'manager@demo.signaal', 'management', ?)
                    """,
                           Identifier.make("usr"), businessID, now)
                for (index, person) in staff.enumerated() {
                    try Self.seedDemoPerson(db, businessID: businessID, name: person.name, email: "staff\(index + 1)@demo.signaal",
                                            stage: person.stage, role: person.role, required: catalog.path(for: .hotel, role: person.role).filter(\.isRequired),
                                            courseVersion: courseVersion, now: now)
                }
                try audit.append(db, at: now, actor: "demo", action: .demoSeeded, subject: businessID)
                _ = try issuer.issueIfDue(db, businessID: businessID, actor: "demo", now: now)
            }
            try db.run("UPDATE users SET password_hash = ? WHERE business_id = ? AND email LIKE '%@demo.signaal'", hash, businessID)
            var logins = [DemoLogin(role: "manager", login: "manager@demo.signaal", stage: "")]
            for (index, person) in staff.enumerated() where person.stage != "left" {
                logins.append(DemoLogin(role: "employee", login: "staff\(index + 1)@demo.signaal", stage: "\(person.name), \(person.stage)"))
            }
            return (password, logins)
        }
    }

    private static func seedDemoPerson(_ db: DatabaseConnection, businessID: String, name: String, email: String, stage: String,
                                       role: JobRole?, required: [Module], courseVersion: Int, now: Date) throws {
        let userID = Identifier.make("usr")
        try db.run("INSERT INTO users (id, role, business_id, name, email, job_role, active, created_at) VALUES (?, 'employee', ?, ?, ?, ?, ?, ?)",
                   userID, businessID, name, email, role?.rawValue, stage != "left", now)
        let passed = stage == "completed" || stage == "left" ? required : stage == "in progress" ? Array(required.prefix(2)) : []
        for (offset, module) in passed.enumerated() {
            let attemptID = Identifier.make("att")
            let at = now.addingTimeInterval(Double(offset - passed.count) * 3600)
            try db.run("""
                INSERT INTO attempts (id, user_id, module_id, module_version, language, served, created_at, expires_at, submitted_at, correct_count, total, passed)
                VALUES (?, ?, ?, ?, 'nl', '[]', ?, ?, ?, ?, ?, 1)
                """, attemptID, userID, module.id, module.version, at, at, at, module.questionsPerAttempt, module.questionsPerAttempt)
            try db.run("INSERT INTO module_passes (user_id, module_id, module_version, passed_at, attempt_id) VALUES (?, ?, ?, ?, ?)",
                       userID, module.id, module.version, at, attemptID)
        }
        if stage == "in progress", let next = required.dropFirst(2).first, let lesson = next.lessonIDs.first {
            try db.run("INSERT INTO lesson_progress (user_id, module_id, lesson_id, seen_at) VALUES (?, ?, ?, ?)", userID, next.id, lesson, now)
        }
        if passed.count == required.count {
            try CompletionRecord.insert(db, userID: userID, businessID: businessID, sector: "hotel", courseVersion: courseVersion, at: now)
        }
    }
}

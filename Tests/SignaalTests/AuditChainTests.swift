import Foundation
@testable import Signaal
import Storage
import Testing

/// The keyed audit chain against someone who holds the database file: every kind of tampering makes
/// `signaal audit verify` exit 1 naming the problem, and the running server shows it too.
@Suite(.cleansUp)
struct AuditChainTests {
    /// A data folder whose log holds a registration, an approval, staff, an issue, a revocation and a new issue.
    struct Seeded {
        let folder: String
        let revokedCode: String
        let liveCode: String
    }

    static func seeded() async throws -> Seeded {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 1)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 1), businessID: business.id)
        let first = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates", headers: fixture.admin)
        let revokedCode = try #require(first.json?["code"] as? String, "\(first.text)")
        let revoked = try await fixture.app.request("POST", "/api/v1/admin/certificates/\(revokedCode)/revoke", headers: fixture.admin,
                                                    body: #"{"reason": "test"}"#)
        #expect(revoked.status == 200)
        let second = try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates", headers: fixture.admin)
        let liveCode = try #require(second.json?["code"] as? String, "\(second.text)")
        let verification = try await fixture.app.request("GET", "/api/v1/certificates/\(liveCode)")
        let anchor = verification.json?["auditAnchor"] as? [String: Any]
        #expect((anchor?["hash"] as? String)?.count == 64)
        await fixture.app.application.shutdown()
        return Seeded(folder: fixture.app.application.configuration.dataFolder, revokedCode: revokedCode, liveCode: liveCode)
    }

    /// A copy of the data folder (database, key and head files) with `tamper` applied to the database.
    static func tamperedCopy(of seeded: Seeded, _ tamper: (DatabaseConnection) throws -> Void) throws -> String {
        let copy = try Package.temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: seeded.folder) {
            try FileManager.default.copyItem(atPath: seeded.folder + "/" + name, toPath: copy + "/" + name)
        }
        let connection = try DatabaseConnection.standalone(path: copy + "/signaal.sqlite")
        try connection.execute("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete")
        try tamper(connection)
        return copy
    }

    static func verify(_ folder: String) async throws -> CommandLineTests.Run {
        try await CommandLineTests.run(["audit", "verify", "--data", folder])
    }

    /// Rewrites every hash from `seq` on as plain SHA-256, as someone without the key would have to.
    static func recomputeWithoutKey(_ db: DatabaseConnection, from seq: Int, markUnkeyed: Bool) throws {
        var rows: [AuditVerifier.StoredEntry] = []
        try AuditVerifier.forEachEntry(db, after: 0) { rows.append($0); return true }
        var previous = rows.first { $0.seq == seq - 1 }?.hash ?? AuditLog.genesis
        for row in rows where row.seq >= seq {
            let hash = AuditLog.chainHash(key: nil, previous: previous, seq: row.seq, at: row.at, actor: row.actor, action: row.action,
                                          subject: row.subject, details: row.details)
            try db.run("UPDATE audit_log SET previous_hash = ?, hash = ?, keyed = ? WHERE seq = ?", previous, hash, markUnkeyed ? 0 : 1, row.seq)
            previous = hash
        }
    }

    @Test func everyKindOfTampering_makesVerifyExit1_namingTheProblem() async throws {
        let seeded = try await Self.seeded()
        let intact = try await Self.verify(seeded.folder)
        #expect(intact.status == 0, "\(intact.error)")
        #expect(intact.output.contains("every certificate matches"))
        let newest = try DatabaseConnection.standalone(path: seeded.folder + "/signaal.sqlite")
            .queryOne("SELECT max(seq) FROM audit_log") { $0.int(0) } ?? 0

        let cases: [(String, (DatabaseConnection) throws -> Void, String)] = [
            ("newest entry deleted", { try $0.run("DELETE FROM audit_log WHERE seq = ?", newest) },
             "entries \(newest) to \(newest) were deleted"),
            ("middle entry edited", { try $0.run("UPDATE audit_log SET subject = 'someone-else' WHERE seq = 2") },
             "entry 2 was changed"),
            ("middle entry deleted", { try $0.run("DELETE FROM audit_log WHERE seq = 2") },
             "entry 2 is missing (the next entry is 3)"),
            ("entry rewritten and every later hash recomputed without the key", { db in
                try db.run("UPDATE audit_log SET subject = 'someone-else' WHERE seq = 2")
                try Self.recomputeWithoutKey(db, from: 2, markUnkeyed: false)
            }, "entry 2 was changed"),
            ("the whole chain recomputed as an unkeyed one", { db in
                try db.run("UPDATE audit_log SET subject = 'someone-else' WHERE seq = 2")
                try Self.recomputeWithoutKey(db, from: 1, markUnkeyed: true)
            }, "entry \(newest) differs from the head file"),
            ("revoked certificate set back to valid", { db in
                try db.run("UPDATE certificates SET revoked_at = NULL, revoke_reason = NULL WHERE code = ?", seeded.revokedCode)
            }, "certificate \(seeded.revokedCode) was revoked"),
            ("live certificate given a later expiry", { db in
                try db.run("UPDATE certificates SET expires_at = expires_at + 31536000000 WHERE code = ?", seeded.liveCode)
            }, "certificate \(seeded.liveCode) has another expiry date"),
            ("name on a live certificate changed", { db in
                try db.run("UPDATE certificates SET business_name = 'Ander Hotel' WHERE code = ?", seeded.liveCode)
            }, "certificate \(seeded.liveCode) shows another businessName"),
            ("anchor of a live certificate removed", { db in
                try db.run("UPDATE certificates SET audit_seq = NULL, audit_hash = NULL WHERE code = ?", seeded.liveCode)
            }, "certificate \(seeded.liveCode) has another anchor"),
            ("certificate added without an entry", { db in
                try db.run("""
                    INSERT INTO certificates (code, business_id, business_name, sector, city, issued_at, expires_at, denominator, completed)
                    SELECT 'FAKE-CODE-0000', business_id, business_name, sector, city, issued_at, expires_at, denominator, completed
                    FROM certificates WHERE code = ?
                    """, seeded.liveCode)
            }, "certificate FAKE-CODE-0000 has no issuing entry"),
        ]
        for (name, tamper, expected) in cases {
            let copy = try Self.tamperedCopy(of: seeded, tamper)
            let run = try await Self.verify(copy)
            #expect(run.status == 1, "\(name): \(run.output)")
            #expect(run.error.contains(expected), "\(name): \(run.error)")
            try? FileManager.default.removeItem(atPath: copy)
        }
        try? FileManager.default.removeItem(atPath: seeded.folder)
    }

    @Test func aHeadFileBehindTheLog_isNoProblem_becauseEntriesAreCommittedBeforeTheirHead() async throws {
        let seeded = try await Self.seeded()
        let key = try AuditKey.load(path: seeded.folder + "/audit.key")
        let connection = try DatabaseConnection.standalone(path: seeded.folder + "/signaal.sqlite")
        // An entry committed whose head was not written yet (a crash in between, or a check racing the write).
        try AuditLog(key: key).append(connection, at: Date(), actor: "test", action: .employeeConfirmed, subject: "usr_x")
        let run = try await Self.verify(seeded.folder)
        #expect(run.status == 0, "\(run.error)")
    }

    @Test func theRunningServer_checksAtStart_andShowsABrokenChain() async throws {
        let seeded = try await Self.seeded()
        let copy = try Self.tamperedCopy(of: seeded) { db in
            try db.run("UPDATE certificates SET revoked_at = NULL WHERE code = ?", seeded.revokedCode)
        }
        let app = try RunningApp.start { $0.dataFolder = copy }
        let check = await app.application.checkAuditChain()
        #expect(!check.ok)
        let metrics = try await app.request("GET", "/metrics")
        #expect(metrics.text.contains("signaal_audit_chain_ok 0"))
        #expect(metrics.text.contains("signaal_audit_entries "))
        let admin = try await Seed.signIn(app, email: "admin@signaal.test")
        let integrity = try #require(try await app.request("GET", "/api/v1/admin/integrity", headers: admin).json)
        #expect(integrity["ok"] as? Bool == false)
        #expect((integrity["problems"] as? [String])?.contains { $0.contains(seeded.revokedCode) } == true)
        let audit = try #require(try await app.request("GET", "/api/v1/admin/audit", headers: admin).json?["entries"] as? [[String: Any]])
        #expect(audit.contains { $0["actorName"] as? String == "Ada Admin" })
        #expect(audit.contains { $0["subjectName"] as? String == "Hotel De Gouden Leeuw" })
        await app.application.shutdown()

        let fine = try RunningApp.start { $0.dataFolder = seeded.folder }
        #expect(await fine.application.checkAuditChain().ok)
        #expect(try await fine.request("GET", "/metrics").text.contains("signaal_audit_chain_ok 1"))
        await fine.application.shutdown()
    }

    @Test func aMissingKey_isNotReplaced_whenTheLogWasWrittenWithOne() async throws {
        let seeded = try await Self.seeded()
        try FileManager.default.removeItem(atPath: seeded.folder + "/audit.key")
        #expect(throws: AuditKey.Problem.self) { try RunningApp.start { $0.dataFolder = seeded.folder } }
        #expect(!FileManager.default.fileExists(atPath: seeded.folder + "/audit.key"))
        let run = try await Self.verify(seeded.folder)
        #expect(run.status == 1 && run.error.contains("audit.key is missing"))
    }

    @Test func aLogFromBeforeTheKey_isCheckedAndContinuedByAKeyedEntryCoveringItsHead() async throws {
        for tampered in [false, true] {
            let folder = try Package.temporaryFolder()
            _ = try await Operations.migrate(dataFolder: folder)
            let legacy = try DatabaseConnection.standalone(path: folder + "/signaal.sqlite")
            var previous = AuditLog.genesis
            for seq in 1...3 {
                let hash = AuditLog.chainHash(key: nil, previous: previous, seq: seq, at: Int64(seq) * 1000, actor: "usr_old",
                                              action: "employee.added", subject: "usr_\(seq)", details: "{}")
                try legacy.run("INSERT INTO audit_log (seq, at, actor, action, subject, details, previous_hash, hash) VALUES (?, ?, 'usr_old', 'employee.added', ?, '{}', ?, ?)",
                               seq, Int64(seq) * 1000, "usr_\(seq)", previous, hash)
                previous = hash
            }
            if tampered {
                try legacy.execute("DROP TRIGGER audit_log_no_update")
                try legacy.run("UPDATE audit_log SET subject = 'usr_x' WHERE seq = 2")
            }
            let app = try RunningApp.start { $0.dataFolder = folder }
            let check = await app.application.checkAuditChain()
            #expect(check.ok == !tampered, "\(check.problems)")
            let bridge = try await app.application.database.read { db in
                try db.queryOne("SELECT action, previous_hash, keyed, details FROM audit_log WHERE seq = 4") { ($0.string(0), $0.blob(1), $0.bool(2), $0.string(3)) }
            }
            #expect(bridge?.0 == "audit.keyed")
            #expect(bridge?.1 == previous)
            #expect(bridge?.2 == true)
            #expect(bridge?.3.contains(tampered ? "entry 2 was changed" : "intact") == true)
            await app.application.shutdown()
            let run = try await Self.verify(folder)
            #expect(run.status == (tampered ? 1 : 0), "\(run.error)")
        }
    }
}

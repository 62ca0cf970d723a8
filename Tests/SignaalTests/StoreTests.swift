import Foundation
import Learning
@testable import Signaal
import Storage
import Testing

/// The stores and the issuer on their own: a real SQLite file with the product's schema, times passed
/// in (no clock), and their refusals as domain errors, without HTTP.
@Suite(.cleansUp)
struct StoreTests {
    struct Stores {
        let database: Database
        let audit: AuditLog
        let businesses: BusinessStore
        let invites: InviteStore
        let signups: SignupStore
        let progress: ProgressQueries
        let issuer: CertificateIssuer
        let figures: AdminFigures

        init() throws {
            let folder = try Package.temporaryFolder()
            database = try Database(path: folder + "/signaal.sqlite", migrations: Schema.migrations, readerCount: 1)
            audit = AuditLog(key: try AuditKey.create(path: folder + "/audit.key"))
            businesses = BusinessStore(database: database, audit: audit)
            invites = InviteStore(database: database, audit: audit)
            signups = SignupStore(database: database, audit: audit)
            progress = ProgressQueries(catalog: try ContentLoader.load(Package.modules), completion: CompletionPolicy(validityMonths: 24),
                                       certification: CertificationPolicy())
            issuer = CertificateIssuer(progress: progress, validity: CompletionPolicy(validityMonths: 12), automatic: true, audit: audit)
            figures = AdminFigures(database: database, progress: progress)
        }

        func register(_ name: String, email: String, headcount: Int, status: Business.Status, at now: Date) async throws -> String? {
            let business = Business(id: Identifier.make("biz"), name: name, sector: .hotel, city: "Utrecht", kvk: "12345678",
                                    declaredHeadcount: headcount, status: status, createdAt: now, approvedAt: status == .approved ? now : nil,
                                    pendingHeadcount: nil)
            return try await businesses.register(business, managerName: "Mila", managerEmail: email, passwordHash: "$y$x") != nil ? business.id : nil
        }

        func addStaff(_ businessID: String, count: Int, email: String? = nil, at now: Date) async throws -> [(id: String, invite: [UInt8])] {
            let audit = audit
            return try await database.write { db in
                try (0..<count).map { index in
                    let added = try RosterStore.insertEmployee(db, audit: audit, businessID: businessID, name: "Staff \(index)",
                                                               email: email, actor: "test", now: now)
                    return (added.id, added.invite.hash)
                }
            }
        }
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func registration_withATakenAddress_writesNothing() async throws {
        let stores = try Stores()
        defer { stores.database.close() }
        #expect(try await stores.register("Hotel Een", email: "mila@een.test", headcount: 3, status: .pending, at: Self.now) != nil)
        #expect(try await stores.register("Hotel Twee", email: "MILA@een.test".lowercased(), headcount: 3, status: .pending, at: Self.now) == nil)
        let names = try await stores.database.read { db in try db.query("SELECT name FROM businesses") { $0.string(0) } }
        #expect(names == ["Hotel Een"])
    }

    @Test func approval_andHeadcountDecisions_refuseWhatChangedOrIsNotThere() async throws {
        let stores = try Stores()
        defer { stores.database.close() }
        let id = try #require(try await stores.register("Hotel Drie", email: "mila@drie.test", headcount: 8, status: .pending, at: Self.now))
        await #expect(throws: HeadcountRefusal.changed(current: 8, expected: 10)) {
            try await stores.businesses.approve(id: id, expectedHeadcount: 10, actor: "admin", now: Self.now)
        }
        #expect(try await stores.businesses.approve(id: id, expectedHeadcount: 8, actor: "admin", now: Self.now)?.status == .approved)
        await #expect(throws: HeadcountRefusal.nothingPending) {
            try await stores.businesses.decideHeadcountChange(id: id, confirm: true, actor: "admin", now: Self.now)
        }
    }

    @Test func invites_joinOnce_thenOnlySignIn() async throws {
        let stores = try Stores()
        defer { stores.database.close() }
        let id = try #require(try await stores.register("Hotel Vier", email: "mila@vier.test", headcount: 2, status: .approved, at: Self.now))
        let person = try #require(try await stores.addStaff(id, count: 1, at: Self.now).first)
        await #expect(throws: InviteRefusal.unknown) { try await stores.invites.join(inviteHash: [1, 2, 3], passwordHash: nil, now: Self.now) }
        #expect(try await stores.invites.invitee(inviteHash: person.invite) == ["Staff 0", ""])
        let joined = try await stores.invites.join(inviteHash: person.invite, passwordHash: "$y$hash", now: Self.now)
        #expect(joined.username?.hasPrefix("staff.") == true, "staff without email get a username")
        await #expect(throws: InviteRefusal.alreadyJoined) {
            try await stores.invites.join(inviteHash: person.invite, passwordHash: "$y$other", now: Self.now)
        }
        #expect(try await stores.invites.join(inviteHash: person.invite, passwordHash: nil, now: Self.now).id == person.id)
    }

    @Test func posterSignUps_keepTheirCode_andWaitForConfirmation() async throws {
        let stores = try Stores()
        defer { stores.database.close() }
        let id = try #require(try await stores.register("Hotel Vijf", email: "mila@vijf.test", headcount: 2, status: .approved, at: Self.now))
        let code = try await stores.signups.code(for: id, now: Self.now)
        #expect(try await stores.signups.code(for: id, now: Self.now.addingTimeInterval(86_400)) == code, "printed posters keep working")
        let business = try #require(try await stores.signups.business(forCode: code))
        #expect(business.id == id && business.sector == .hotel)
        #expect(try await stores.signups.business(forCode: "NOTACODE00") == nil)
        let account = try await stores.signups.signUp(businessID: id, name: "Eva", email: nil, role: .housekeeping, passwordHash: "$y$h", now: Self.now)
        let confirmed = try await stores.database.read { db in try db.queryOne("SELECT confirmed FROM users WHERE id = ?", account.id) { $0.bool(0) } }
        #expect(confirmed == false, "counts only once a manager confirms")
    }

    @Test func issuingOnRequest_refusesUnknownPendingAndIneligibleBusinesses() async throws {
        let stores = try Stores()
        defer { stores.database.close() }
        let pending = try #require(try await stores.register("Hotel Zes", email: "mila@zes.test", headcount: 5, status: .pending, at: Self.now))
        let approved = try #require(try await stores.register("Hotel Zeven", email: "mila@zeven.test", headcount: 5, status: .approved, at: Self.now))
        let issuer = stores.issuer
        for (id, refusal) in [("biz_unknown", CertificateRefusal.unknownBusiness), (pending, .businessNotApproved), (approved, .notEligible)] {
            await #expect(throws: refusal) {
                try await stores.database.write { db in try issuer.issueOnRequest(db, businessID: id, actor: "admin", now: Self.now) }
            }
        }
        let staff = try await stores.addStaff(approved, count: 5, at: Self.now)
        try await stores.database.write { db in
            for person in staff.prefix(3) {
                try CompletionRecord.insert(db, userID: person.id, businessID: approved, sector: "hotel", courseVersion: 1, at: Self.now)
            }
        }
        let certificate = try await stores.database.write { db in try issuer.issueOnRequest(db, businessID: approved, actor: "admin", now: Self.now) }
        #expect(certificate.completed == 3 && certificate.denominator == 5)
        let rows = try await stores.figures.rows(AdminFigures.Filter(status: .approved), now: Self.now)
        #expect(rows.map(\.business.name) == ["Hotel Zeven"])
        #expect(rows.first?.certificate == "valid" && rows.first?.progress.eligible == true)
        let later = try await stores.figures.rows(AdminFigures.Filter(), now: Self.now.addingTimeInterval(400 * 86_400))
        #expect(later.first { $0.business.id == approved }?.certificate == "expired", "a year on, the certificate has run out")
    }
}

import Foundation
import HTTP
import Learning
import Security
@testable import Signaal
import Storage
import Testing

/// The feature services on a real SQLite file with an injected clock: their rules, without HTTP.
@Suite(.cleansUp)
struct ServiceTests {
    let stores: StoreTests.Stores
    let clock = TestClock()
    let hasher = PasswordHasher(concurrentHashes: 1)
    let lookup: CertificateLookup
    let certificates: CertificateService
    let business: BusinessService
    let roster: RosterService

    init() throws {
        stores = try StoreTests.Stores()
        let clock = clock
        let accounts = AccountStore(database: stores.database)
        lookup = CertificateLookup(database: stores.database, settings: SessionSettings(), limit: AddressRateLimit(limit: 1000, window: 60),
                                   now: { clock.now })
        certificates = CertificateService(database: stores.database, issuer: stores.issuer, lookup: lookup, now: { clock.now })
        business = BusinessService(store: stores.businesses, certificates: certificates, progress: stores.progress, hasher: hasher,
                                   requireApproval: false, now: { clock.now })
        roster = RosterService(database: stores.database, audit: stores.audit, store: RosterStore(database: stores.database),
                               businesses: stores.businesses, catalog: stores.progress.catalog, progress: stores.progress, issuer: stores.issuer,
                               authenticator: Authenticator(store: accounts, settings: SessionSettings(), now: { clock.now }, sessions: MemoryCache()),
                               learning: LearningStore(database: stores.database, audit: stores.audit), languages: ["nl", "en", "uk"], links: InviteLinks(auditKey: stores.audit.key), now: { clock.now })
    }

    func registered(_ name: String, headcount: Int) async throws -> String {
        let email = "manager.\(UUID().uuidString.prefix(8).lowercased())@signaal.test"
        try await business.register(try .init(name: name, sector: "hotel", city: "Utrecht", kvk: "12345678", headcount: headcount,
                                              managerName: "Mila Manager", managerEmail: email), password: Seed.password)
        return try #require(try await stores.database.read { db in
            try db.queryOne("SELECT id FROM businesses WHERE name = ?", name) { $0.string(0) }
        })
    }

    @Test func signIn_refusesTheWrongPassword_limitsTheAddress_andLetsTheOwnerIn() async throws {
        defer { stores.database.close() }
        let accounts = AccountStore(database: stores.database)
        let hash = try await hasher.hash(Seed.password)
        try await stores.database.write { db in _ = try AccountStore.insertAdmin(db, name: "Ada", email: "ada@signaal.test", passwordHash: hash, now: Date()) }
        let clock = clock
        let signIn = SignInService(store: accounts, hasher: hasher, throttle: LoginThrottle(limits: .init(perAccount: 2, perAddress: 20)), now: { clock.now })
        for _ in 0..<2 {
            await #expect(throws: SignInRefusal.wrongCredentials) { try await signIn.verify(login: "ada@signaal.test", password: "not it at all", address: "198.51.100.7") }
        }
        await #expect(throws: SignInRefusal.tooManyFailures(retryAfter: 900)) {
            try await signIn.verify(login: "ada@signaal.test", password: Seed.password, address: "198.51.100.7")
        }
        #expect(try await signIn.verify(login: " ada@signaal.test ", password: Seed.password, address: "203.0.113.1").name == "Ada")
        clock.advance(by: 901)
        #expect(try await signIn.verify(login: "ada@signaal.test", password: Seed.password, address: "198.51.100.7").name == "Ada", "the window passed")
    }

    @Test func business_registration_refusesPersonalPasswords_andStandingWarnsBelowTheThreshold() async throws {
        defer { stores.database.close() }
        await #expect(throws: PasswordPolicy.Problem.tooPersonal) {
            try await business.register(try .init(name: "Hotel Acht", sector: "hotel", city: "Utrecht", kvk: "12345678", headcount: 3,
                                                  managerName: "Mila", managerEmail: "mila@acht.test"), password: "Hotel Acht")
        }
        let id = try await registered("Hotel Negen", headcount: 5)
        let staff = try await stores.addStaff(id, count: 5, at: clock.now)
        let now = clock.now
        try await stores.database.write { db in
            for person in staff.prefix(3) {
                try CompletionRecord.insert(db, userID: person.id, businessID: id, sector: "hotel", courseVersion: 1, at: now)
            }
        }
        let certified = try await business.update(id: id, name: nil, city: nil, headcount: nil, actor: "manager", byAdmin: false)
        #expect(certified.certificate?.state(at: clock.now) == .valid, "an update issues the certificate once the rule holds")
        #expect(certified.warning == nil)
        let raised = try await business.update(id: id, name: nil, city: nil, headcount: 10, actor: "manager", byAdmin: false)
        #expect(raised.progress?.eligible == false)
        #expect(raised.warning?.contains("3 more staff") == true)
        await #expect(throws: UnknownBusiness()) { try await business.standing("biz_none") }
    }

    @Test func roster_changesOnlyItsOwnPeople_andImportsEachPersonOnce() async throws {
        defer { stores.database.close() }
        let mine = try await registered("Hotel Tien", headcount: 2)
        let theirs = try await registered("Hotel Elf", headcount: 2)
        let stranger = try #require(try await stores.addStaff(theirs, count: 1, at: clock.now).first)
        await #expect(throws: NotOnRoster()) { try await roster.apply(.deactivate, to: stranger.id, of: mine, actor: "manager") }
        let outcome = try await roster.importRows([
            .init(line: 2, name: "Ana", email: "ana@tien.test", role: "receptie", language: "UK"),
            .init(line: 3, name: "Ana", email: "ANA@tien.test", role: "", language: ""),
            .init(line: 4, name: "Bram", email: "", role: "astronaut", language: ""),
            .init(line: 5, name: "Chloé", email: "", role: "", language: ""),
            .init(line: 6, name: "chloé", email: "", role: "", language: ""),
            .init(line: 7, name: "Dewi", email: "", role: "", language: "klingon"),
        ], into: mine, actor: "manager")
        #expect(outcome.added.map(\.line) == [2, 5])
        #expect(outcome.rejected.map(\.code) == ["email_taken", "invalid_role", "possible_duplicate", "invalid_language"])
        let ana = try #require(outcome.added.first)
        #expect(try await roster.members(of: mine, .init(search: "ana")).map(\.language) == ["uk"])
        try await roster.apply(.setLanguage("nl"), to: ana.id, of: mine, actor: "manager")
        #expect(try await roster.members(of: mine, .init(search: "ana")).map(\.language) == ["nl"])
        try await roster.apply(.deactivate, to: ana.id, of: mine, actor: "manager")
        #expect(try await roster.members(of: mine, .init(status: "inactive")).map(\.name) == ["Ana"])
        #expect(try await roster.members(of: mine, .init(search: "CHLO")).map(\.name) == ["Chloé"])
    }

    @Test func revoking_dropsTheCachedLookUp_atOnce() async throws {
        defer { stores.database.close() }
        let id = try await registered("Hotel Twaalf", headcount: 1)
        let person = try #require(try await stores.addStaff(id, count: 1, at: clock.now).first)
        let now = clock.now
        try await stores.database.write { db in
            try CompletionRecord.insert(db, userID: person.id, businessID: id, sector: "hotel", courseVersion: 1, at: now)
        }
        let issued = try await certificates.issueOnRequest(businessID: id, actor: "admin")
        var request = HTTPRequest(method: .get, path: "/api/v1/certificates/\(issued.code)")
        request.parameters["code"] = issued.code
        #expect(try await lookup.certificate(request).state(at: clock.now) == .valid)
        _ = try await certificates.revoke(code: issued.code, reason: "test", actor: "admin")
        #expect(try await lookup.certificate(request).state(at: clock.now) == .revoked, "not the cached valid one")
        await #expect(throws: CertificateRefusal.notRevocable) { try await certificates.revoke(code: issued.code, reason: "again", actor: "admin") }
    }

    @Test func course_gatesTheQuizOnReading_andTheJobIsChosenOnce() async throws {
        defer { stores.database.close() }
        let clock = clock
        let catalog = stores.progress.catalog
        let course = CourseService(catalog: catalog, store: LearningStore(database: stores.database, audit: stores.audit),
                                   policy: CompletionPolicy(validityMonths: 24), attemptLifetime: 7200, issuer: stores.issuer, now: { clock.now })
        let id = try await registered("Hotel Dertien", headcount: 1)
        let learner = try #require(try await stores.addStaff(id, count: 1, at: clock.now).first)
        await #expect(throws: CourseRefusal.notOnRoster) { try await course.snapshot(of: "usr_nobody") }
        let taxiOnly = try #require(catalog.path(for: .taxi, role: .driver).first { module in
            !catalog.path(for: .hotel, role: nil).contains { $0.id == module.id } && module.kind != .core
        })
        await #expect(throws: CourseRefusal.unknownModule(taxiOnly.id)) { try await course.module(taxiOnly.id, for: learner.id) }
        let (_, first) = try await course.module(catalog.path(for: .hotel, role: nil)[0].id, for: learner.id)
        await #expect(throws: CourseRefusal.lessonsUnread(module: first.id, lessons: first.lessonIDs)) {
            try await course.startAttempt(of: first, by: learner.id, language: "nl")
        }
        for lesson in first.lessonIDs { try await course.markSeen(lesson: lesson, of: first.id, by: learner.id) }
        let attempt = try await course.startAttempt(of: first, by: learner.id, language: "nl")
        #expect(!attempt.resumed && attempt.served.count == first.questionsPerAttempt)
        try await course.chooseRole(try #require(try await course.roles(for: learner.id).first), for: learner.id)
        await #expect(throws: CourseRefusal.roleAlreadySet) { try await course.chooseRole(.reception, for: learner.id) }
    }
}

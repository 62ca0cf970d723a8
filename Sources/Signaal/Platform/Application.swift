import Foundation
import HTTP
import Learning
import Security
import Storage
import Synchronization
import Threads

/// The whole product in one value: opens the database, builds the routes, starts the HTTP server
/// and stops everything cleanly.
public final class Application: Sendable {
    public let configuration: SignaalConfiguration
    public let database: Database
    private let server: HTTPServer
    private let blockingPool: BlockingPool
    private let accounts: AccountStore
    /// Every API route's documentation (access, shapes, summary) by "METHOD pattern".
    let documentation: [String: RouteDocumentation]
    /// The shutdown under way, once `shutdown()` was called.
    private let stopping = Mutex<Task<Void, Never>?>(nil)
    /// Every route the router knows.
    let routes: [Router.Route]
    /// The validated course content.
    public let catalog: Catalog
    /// Issues certificates when the rule holds (used by the routes and the demo seed).
    let issuer: CertificateIssuer
    /// Hashes and verifies passwords, two at a time.
    let hasher: PasswordHasher
    /// Appends to the keyed audit chain.
    let audit: AuditLog
    /// Checks the audit chain at start and every hour.
    let auditMonitor: AuditMonitor
    /// The daily upkeep (expiries, renewals, warnings), run by `scheduler` or by `signaal tasks run`.
    public let upkeep: Upkeep
    private let scheduler: UpkeepScheduler
    /// Hands the xAPI statements on to the outside store, when one is configured.
    let xapiForwarder: XAPIForwarder

    /// Prepares everything that can fail before the port is bound: content, folders, database.
    /// Blocking work: call it from a dedicated thread (`DedicatedThread.run`).
    /// - Throws: `ContentLoader.Invalid` when the course content has problems.
    public init(configuration: SignaalConfiguration) throws {
        self.configuration = configuration
        catalog = try ContentLoader.load(configuration.modulesFolder, settings: ContentSettings(
            thresholdPercent: configuration.certificationThreshold, certificateMonths: configuration.certificateValidityMonths,
            completionMonths: configuration.completionValidityMonths))
        try FileManager.default.createDirectory(atPath: configuration.dataFolder, withIntermediateDirectories: true)
        let metrics = ServerMetrics()
        let keyExisted = FileManager.default.fileExists(atPath: configuration.auditKeyPath)
        // A head file without its key means the key was lost or removed: a new key would bless whatever the log now says.
        if !keyExisted, FileManager.default.fileExists(atPath: AuditKey.headPath(besideKey: configuration.auditKeyPath)) {
            throw AuditKey.Problem(description: "the audit key file \(configuration.auditKeyPath) is missing but its head file is there; restore the key from its backup")
        }
        let audit = AuditLog(key: keyExisted ? try AuditKey.load(path: configuration.auditKeyPath) : try AuditKey.create(path: configuration.auditKeyPath))
        self.audit = audit
        database = try Database(path: configuration.databasePath, migrations: Schema.migrations, observer: { operation, seconds in
            metrics.recordDuration("signaal_database_seconds", help: "Time SQLite spent on reads, write bodies and group commits (with fsync).",
                                   label: "operation", value: operation.rawValue, seconds: seconds)
        }, afterCommit: { db in audit.recordHead(db) })
        if !keyExisted, try Self.hasKeyedEntries(configuration.databasePath) {
            database.close()
            unlink(configuration.auditKeyPath)
            throw AuditKey.Problem(description: "the audit key file \(configuration.auditKeyPath) is missing but the audit log was written with a key; restore the key file from its backup")
        }
        try Self.startKeyedChain(configuration.databasePath, audit: audit, now: configuration.now())
        auditMonitor = AuditMonitor(database: database, audit: audit, metrics: metrics, now: configuration.now)
        let pool = BlockingPool(name: "blocking", threadCount: 4)
        let staticFiles = try StaticFiles(folder: configuration.webFolder, pool: pool)
        let now = configuration.now
        accounts = AccountStore(database: database)
        let authenticator = Authenticator(store: accounts, settings: configuration.sessions, now: now, sessions: MemoryCache())
        let throttle = LoginThrottle(limits: .init(perAccount: configuration.loginFailuresPerAccount,
                                                    perAddress: configuration.loginFailuresPerAddress))

        var router = Router()
        let sessionSettings = configuration.sessions
        if sessionSettings.trustForwardedProto { router.clientAddress = { request in sessionSettings.clientAddress(request) } }

        let completionPolicy = CompletionPolicy(validityMonths: configuration.completionValidityMonths)
        let progress = ProgressQueries(catalog: catalog, completion: completionPolicy,
                                       certification: CertificationPolicy(thresholdPercent: configuration.certificationThreshold))
        let issuer = CertificateIssuer(progress: progress, validity: CompletionPolicy(validityMonths: configuration.certificateValidityMonths),
                                       automatic: configuration.autoIssue, audit: audit)
        self.issuer = issuer
        let hasher = PasswordHasher()
        self.hasher = hasher
        let sessions = SessionStarter(store: accounts, authenticator: authenticator, now: now)
        let learning = LearningStore(database: database, audit: audit)
        let lookup = CertificateLookup(database: database, settings: configuration.sessions,
                                       limit: AddressRateLimit(limit: configuration.verificationsPerMinute, window: 60), now: now)
        upkeep = Upkeep(database: database, progress: progress, issuer: issuer, audit: audit, now: now)
        scheduler = UpkeepScheduler(upkeep: upkeep, enabled: configuration.scheduledUpkeep)
        let certificates = CertificateService(database: database, issuer: issuer, lookup: lookup, now: now)
        let businessStore = BusinessStore(database: database, audit: audit)
        let strings = try InterfaceStrings(webFolder: configuration.webFolder)
        let services = AppServices(
            database: database, catalog: catalog, businesses: businessStore,
            roster: RosterService(database: database, audit: audit, store: RosterStore(database: database), businesses: businessStore, catalog: catalog,
                                  progress: progress, issuer: issuer, authenticator: authenticator, learning: learning, languages: strings.languages,
                                  links: InviteLinks(auditKey: audit.key), now: now),
            invites: InviteStore(database: database, audit: audit), signups: SignupStore(database: database, audit: audit),
            managers: ManagerStore(database: database, audit: audit, issuer: issuer),
            progress: progress, certificates: certificates,
            business: BusinessService(store: businessStore, certificates: certificates, progress: progress, hasher: hasher,
                                      requireApproval: configuration.requireApproval, now: now),
            auditMonitor: auditMonitor, sessions: sessions, authenticator: authenticator, hasher: hasher,
            signupLimit: AddressRateLimit(limit: configuration.registrationsPerHour, window: 3600),
            listeningHost: configuration.server.host.contains(":") ? "[\(configuration.server.host)]" : configuration.server.host,
            publicURL: configuration.publicURL, now: now)
        let templates = try CertificateTemplates.load(configuration.certificatesFolder)
        let documentRoutes = DocumentRoutes(services: services, lookup: lookup,
                                            documents: CertificateDocuments(templates: templates, threshold: configuration.certificationThreshold))
        let badges = BadgeRoutes(services: services, lookup: lookup)
        let xapiStatements = XAPIStatements(database: database, catalog: catalog, strings: strings)
        xapiForwarder = XAPIForwarder(statements: xapiStatements, database: database, target: try Self.xapiTarget(configuration),
                                      homePage: configuration.publicURL ?? "http://\(services.listeningHost)", metrics: metrics, now: now)
        var api = APIRoutes(router: router, authenticator: authenticator, strings: strings)
        RouteTable.register(in: &api, RouteHandlers(
            sessions: SessionRoutes(authenticator: authenticator, credentials: SignInService(store: accounts, hasher: hasher, throttle: throttle, now: now),
                                    sessions: sessions, accounts: accounts, languages: strings.languages),
            tokens: TokenRoutes(store: accounts, now: now), invites: InviteRoutes(services: services),
            learning: LearningRoutes(course: CourseService(catalog: catalog, store: learning, policy: completionPolicy,
                                                           attemptLifetime: configuration.attemptLifetime, issuer: issuer, now: now),
                                     strings: strings, modulesFolder: configuration.modulesFolder, files: pool),
            moduleStatistics: ModuleStatisticsRoutes(catalog: catalog, database: database, strings: strings),
            businesses: BusinessRoutes(services: services), admin: AdminRoutes(services: services, figures: AdminFigures(database: database, progress: progress)),
            managers: ManagerRoutes(services: services),
            xapi: XAPIRoutes(services: services, statements: xapiStatements),
            reminders: ReminderRoutes(services: services, strings: strings,
                                      documents: ReminderSlips(templates: templates)),
            roster: RosterRoutes(services: services), rosterFiles: RosterImportRoutes(services: services),
            certificates: CertificateRoutes(services: services, lookup: lookup), badges: badges, documents: documentRoutes,
            qr: QRRoutes(services: services)))
        try OpenAPIDocument.register(in: &api)
        var pages = api.router
        RouteTable.register(in: &pages, PageHandlers(
            system: SystemRoutes(metrics: metrics, authenticator: authenticator, throttle: throttle, now: now),
            languages: strings, shell: AppShell(files: staticFiles),
            verify: VerifyPage(lookup: lookup, templates: templates, threshold: configuration.certificationThreshold), documents: documentRoutes, badges: badges))

        documentation = api.documentation
        routes = pages.routes
        blockingPool = pool
        server = HTTPServer(configuration: configuration.server, responder: TransportSecurity(
            pages: pages, sessions: configuration.sessions, publicURLIsHTTPS: configuration.publicURL?.lowercased().hasPrefix("https://") ?? false),
                            metrics: metrics)
    }

    /// Binds the port and starts serving; returns the bound port.
    public func start() throws -> Int {
        let port = try server.start()
        auditMonitor.start()
        scheduler.start()
        xapiForwarder.start()
        return port
    }

    /// Checks the whole audit chain and every certificate now (the server also does it at start and new
    /// entries every hour); the admin pages and `/metrics` show the outcome.
    @discardableResult
    public func checkAuditChain() async -> (ok: Bool, problems: [String]) {
        let status = await auditMonitor.checkAtStart()
        return (status.ok, status.problems)
    }

    /// Before anything is served: a log from before the key is checked with its old chain and continued by
    /// a first keyed entry covering its head (on a connection of its own; `init` is blocking work).
    private static func startKeyedChain(_ path: String, audit: AuditLog, now: Date) throws {
        let connection = try DatabaseConnection.standalone(path: path)
        try connection.execute("BEGIN IMMEDIATE")
        let problem: String?
        do {
            problem = try audit.startKeyedChainIfNeeded(connection, now: now)
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        audit.recordHead(connection)
        if let problem {
            FileHandle.standardError.write(Data("error: audit: the entries written before the audit key had a broken chain: \(problem) (recorded in the first keyed entry)\n".utf8))
        }
    }

    /// Where xAPI statements go, with Basic authentication from the credentials file (`user:password`).
    private static func xapiTarget(_ configuration: SignaalConfiguration) throws -> XAPIForwarder.Target? {
        guard let endpoint = configuration.xapiEndpoint else { return nil }
        var authorization: String?
        if let file = configuration.xapiCredentialsFile {
            let credentials = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
        }
        return XAPIForwarder.Target(endpoint: endpoint, authorization: authorization)
    }

    /// Whether the log holds entries written with a key (so a missing key file must not be replaced).
    /// Read on a connection of its own: `init` is blocking work on a dedicated thread.
    private static func hasKeyedEntries(_ path: String) throws -> Bool {
        let connection = try DatabaseConnection.standalone(path: path)
        return try connection.queryOne("SELECT 1 FROM audit_log WHERE keyed = 1 LIMIT 1") { _ in true } ?? false
    }

    /// When no admin exists yet: a one-time link (valid `setupLinkLifetime`) to create the first one.
    public func setupLinkIfNeeded(baseURL: String) async throws -> String? {
        guard try await !accounts.adminExists() else { return nil }
        let token = SecretToken()
        try await accounts.createSetupToken(tokenHash: token.hash, expiresAt: configuration.now().addingTimeInterval(configuration.setupLinkLifetime))
        return baseURL + "/setup/" + token.text
    }

    /// Stops in order: the server stops accepting and lets requests finish, the audit check stops, then
    /// (on a thread of its own, since each step waits for threads) the database finishes its writes and
    /// closes, and the pools' threads exit. Callers at the same time wait for the same stop.
    public func shutdown() async {
        let task = stopping.withLock { current in
            if let current { return current }
            let task = Task { await stopInOrder() }
            current = task
            return task
        }
        await task.value
    }

    private func stopInOrder() async {
        await server.shutdown()
        await auditMonitor.stop()
        await scheduler.stop()
        await xapiForwarder.stop()
        let (database, blockingPool, hasher) = (database, blockingPool, hasher)
        _ = try? await DedicatedThread.run {
            database.close()
            blockingPool.shutdown()
            hasher.shutdown()
        }
    }

    /// Returns once the server has stopped and, after `shutdown()`, the database is closed.
    public func waitUntilStopped() async {
        await server.waitUntilStopped()
        await stopping.withLock { $0 }?.value
    }
}

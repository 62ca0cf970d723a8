import Foundation
import HTTP
import Learning
import Security
import Storage
import Threads

/// The whole product in one value: opens the database, builds the routes, starts the HTTP server
/// and stops everything cleanly.
public final class Application: Sendable {
    public let configuration: SignaalConfiguration
    public let database: Database
    private let server: HTTPServer
    private let blockingPool: BlockingPool
    private let accounts: AccountStore
    /// The declared access of every API route ("METHOD pattern"), for the test that every route has one.
    let accessTable: [String: Access]
    /// Every route the router knows.
    let routes: [Router.Route]
    /// The validated course content.
    public let catalog: Catalog

    /// Prepares everything that can fail before the port is bound: content, folders, database.
    /// Blocking work: call it from a dedicated thread (`DedicatedThread.run`).
    /// - Throws: `ContentLoader.Invalid` when the course content has problems.
    public init(configuration: SignaalConfiguration) throws {
        self.configuration = configuration
        catalog = try ContentLoader.load(configuration.modulesFolder)
        try FileManager.default.createDirectory(atPath: configuration.dataFolder, withIntermediateDirectories: true)
        database = try Database(path: configuration.databasePath, migrations: Schema.migrations)
        let pool = BlockingPool(name: "blocking", threadCount: 4)
        let metrics = ServerMetrics()
        let staticFiles = try StaticFiles(folder: configuration.webFolder, pool: pool)
        let now = configuration.now
        accounts = AccountStore(database: database)
        let authenticator = Authenticator(store: accounts, settings: configuration.sessions, now: now, sessions: MemoryCache())
        let throttle = LoginThrottle(limits: .init(perAccount: configuration.loginFailuresPerAccount,
                                                    perAddress: configuration.loginFailuresPerAddress))

        var router = Router()
        SystemRoutes(metrics: metrics).register(in: &router)
        router.add(.get, "/setup/{token}", hidesPathInLog: true) { request in
            var page = request
            page.path = "/setup.html"
            return await staticFiles.respond(to: page)
        }
        router.fallback = { request in await staticFiles.respond(to: request) }

        var api = APIRoutes(router: router, authenticator: authenticator)
        SessionRoutes(store: accounts, authenticator: authenticator, hasher: PasswordHasher(), throttle: throttle, now: now)
            .register(in: &api)
        TokenRoutes(store: accounts, now: now).register(in: &api)
        LearningRoutes(catalog: catalog, store: LearningStore(database: database),
                       policy: CompletionPolicy(validityMonths: configuration.completionValidityMonths),
                       attemptLifetime: configuration.attemptLifetime, modulesFolder: configuration.modulesFolder,
                       files: pool, now: now).register(in: &api)
        ModuleStatisticsRoutes(catalog: catalog, database: database).register(in: &api)

        accessTable = api.accessTable
        routes = api.router.routes
        blockingPool = pool
        server = HTTPServer(configuration: configuration.server, responder: api.router, metrics: metrics)
    }

    /// Binds the port and starts serving; returns the bound port.
    public func start() throws -> Int {
        try server.start()
    }

    /// When no admin exists yet: a one-time link (valid `setupLinkLifetime`) to create the first one.
    public func setupLinkIfNeeded(baseURL: String) async throws -> String? {
        guard try await !accounts.adminExists() else { return nil }
        let token = SecretToken()
        try await accounts.createSetupToken(tokenHash: token.hash, expiresAt: configuration.now().addingTimeInterval(configuration.setupLinkLifetime))
        return baseURL + "/setup/" + token.text
    }

    /// Stops accepting, lets in-flight requests finish (bounded), then closes the database.
    public func shutdown() async {
        await server.shutdown()
        database.close()
        blockingPool.shutdown()
    }

    /// Returns once the server has stopped.
    public func waitUntilStopped() async {
        await server.waitUntilStopped()
    }
}

import HTTP
import Threads

/// The whole product in one value: builds the routes, starts the HTTP server and stops it cleanly.
public final class Application: Sendable {
    public let configuration: SignaalConfiguration
    private let server: HTTPServer
    private let blockingPool: BlockingPool

    /// Prepares everything that can fail before the port is bound (folders, content).
    public init(configuration: SignaalConfiguration) throws {
        self.configuration = configuration
        let pool = BlockingPool(name: "blocking", threadCount: 4)
        let metrics = ServerMetrics()
        let staticFiles = try StaticFiles(folder: configuration.webFolder, pool: pool)
        var router = Router()
        SystemRoutes(metrics: metrics).register(in: &router)
        router.fallback = { request in await staticFiles.respond(to: request) }
        self.blockingPool = pool
        self.server = HTTPServer(configuration: configuration.server, responder: router, metrics: metrics)
    }

    /// Binds the port and starts serving; returns the bound port.
    public func start() throws -> Int {
        try server.start()
    }

    /// Stops accepting, lets in-flight requests finish (bounded) and releases resources.
    public func shutdown() async {
        await server.shutdown()
        blockingPool.shutdown()
    }

    /// Returns once the server has stopped.
    public func waitUntilStopped() async {
        await server.waitUntilStopped()
    }
}

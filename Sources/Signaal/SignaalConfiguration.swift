import HTTP

/// The application's settings, filled by the CLI from flags, then environment, then these defaults.
public struct SignaalConfiguration: Sendable {
    /// The HTTP server's settings (host, port, limits, timeouts).
    public var server = HTTPServerConfiguration()
    /// The folder of the front end. The default is `./web`.
    public var webFolder = "web"
    /// The folder holding the database file. The default is `./data`.
    public var dataFolder = "data"
    /// The folder of course content. The default is `./modules`.
    public var modulesFolder = "modules"

    public init() {}
}

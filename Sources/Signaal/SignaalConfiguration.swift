import Foundation
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
    /// Session lifetimes and cookie flags.
    public var sessions = SessionSettings()
    /// Failed sign-ins allowed per account and per address. The defaults are 5 and 20 per 15 minutes.
    public var loginFailuresPerAccount = 5
    public var loginFailuresPerAddress = 20
    /// How long the first-start setup link works. The default is one hour.
    public var setupLinkLifetime: TimeInterval = 3600
    /// How long a started quiz attempt can be submitted. The default is 2 hours.
    public var attemptLifetime: TimeInterval = 2 * 3600
    /// Months a module pass and a course completion count. The default is 24.
    public var completionValidityMonths = 24
    /// The clock; tests move it to expire sessions and links.
    public var now: @Sendable () -> Date = { Date() }

    public init() {}

    /// The database file inside `dataFolder`.
    public var databasePath: String { dataFolder + "/signaal.sqlite" }
}

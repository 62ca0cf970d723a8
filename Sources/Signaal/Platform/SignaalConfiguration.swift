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
    /// The folder of certificate, sticker and poster wording. The default is `./certificates`.
    public var certificatesFolder = "certificates"
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
    /// Percent of staff that must have completed the training. The default is 60.
    public var certificationThreshold = 60
    /// Whether new businesses wait for an admin's approval before they can be certified. The default is true.
    public var requireApproval = true
    /// Whether a certificate is issued as soon as the rule holds (else only by an admin). The default is true.
    public var autoIssue = true
    /// Months a certificate is valid. The default is 12.
    public var certificateValidityMonths = 12
    /// The address people reach the product at, for invite links and QR codes (e.g. `https://signaal.example`).
    /// The default is nil: taken from the request's Host header.
    public var publicURL: String?
    /// Certificate lookups allowed per client address per minute. The default is 60.
    public var verificationsPerMinute = 60
    /// Business registrations and poster sign-ups allowed per client address per hour. The default is 10.
    public var registrationsPerHour = 10
    /// The audit chain's key file, kept outside the database and backed up apart from it; its head file
    /// (`audit.head`) sits beside it. The default is nil: `audit.key` in `dataFolder`, created on first start.
    public var auditKeyFile: String?
    /// Whether the server runs the daily upkeep itself (`signaal serve` turns it on; `signaal tasks run`
    /// runs it from cron instead). The default is off, so a library user or a test decides when it runs.
    public var scheduledUpkeep = false
    /// An outside Learning Record Store that receives every xAPI statement (`{endpoint}/statements`), plain
    /// http (a local TLS proxy in front for https). The default is nil: no forwarding.
    public var xapiEndpoint: URL?
    /// A file holding `user:password` for the store's Basic authentication (kept out of the command line).
    public var xapiCredentialsFile: String?
    /// The clock; tests move it to expire sessions and links.
    public var now: @Sendable () -> Date = { Date() }

    public init() {}

    /// The database file inside `dataFolder`.
    public var databasePath: String { dataFolder + "/signaal.sqlite" }

    /// The audit key file in use.
    public var auditKeyPath: String { auditKeyFile ?? dataFolder + "/audit.key" }
}

import Foundation
import HTTP
import Signaal
import Threads

/// `signaal serve`: configuration from flags and environment, signal handling, run until stopped.
enum ServeCommand {
    static let help = """
        Usage: signaal serve [options]

        Starts Signaal: the course engine, the API and the web pages.

        Options (each also read from the environment variable shown):
          --host ADDRESS        address to listen on            SIGNAAL_HOST     (default 127.0.0.1)
          --port N              port; 0 picks a free one       SIGNAAL_PORT     (default 8080)
          --web DIR             front-end folder               SIGNAAL_WEB      (default ./web)
          --data DIR            database folder                SIGNAAL_DATA     (default ./data)
          --modules DIR         course content folder          SIGNAAL_MODULES  (default ./modules)
          --certificates DIR    certificate wording folder     SIGNAAL_CERTIFICATES (default ./certificates)
          --audit-key-file FILE the audit chain's key (keep it out of database backups; audit.head sits beside it)
                                                               SIGNAAL_AUDIT_KEY_FILE (default DATA/audit.key, made on first start)
          --public-url URL      address people use, for links  SIGNAAL_PUBLIC_URL (default: the request's Host)
          --io-threads N        HTTP event-loop threads        SIGNAAL_IO_THREADS (default: one per core)
          --max-connections N   open connections at most       SIGNAAL_MAX_CONNECTIONS (default 10000)
          --max-connections-per-address N   from one client address; 0: no cap
                                                               SIGNAAL_MAX_CONNECTIONS_PER_ADDRESS (default 512; 0 with --trust-proxy on)
          --body-timeout S      seconds a request body has to arrive in full (408 after)
                                                               SIGNAAL_BODY_TIMEOUT (default 30)
          --access-log on|off   one line per request on stdout SIGNAAL_ACCESS_LOG (default on)
          --xapi-endpoint URL   an outside Learning Record Store that receives every xAPI statement, in order
                                (plain http; put a local TLS proxy in front for https)  SIGNAAL_XAPI_ENDPOINT
          --xapi-credentials-file FILE  user:password for that store's Basic authentication  SIGNAAL_XAPI_CREDENTIALS_FILE
          --upkeep on|off       the daily upkeep (expiries, renewals, warnings) inside the server; off when cron runs
                                `signaal tasks run` instead              SIGNAAL_UPKEEP (default on)
          --trust-proxy on|off  honour X-Forwarded-Proto and -For from the TLS proxy in front SIGNAAL_TRUST_PROXY (default off)
          --trusted-proxies LIST  comma-separated proxy addresses or CIDR ranges whose X-Forwarded-For counts
                                                               SIGNAAL_TRUSTED_PROXIES (default 127.0.0.1,::1)

        Limits per client address (behind --trust-proxy on: the forwarded address):
          --login-failures-per-account N  failed sign-ins for one account from one address in 15 minutes before 429;
                                from everywhere they only slow it down  SIGNAAL_LOGIN_FAILURES_PER_ACCOUNT (default 5)
          --login-failures-per-address N  failed sign-ins from one address in 15 minutes before 429
                                                               SIGNAAL_LOGIN_FAILURES_PER_ADDRESS (default 20)
          --registrations-per-hour N  business registrations and poster sign-ups per address and hour
                                                               SIGNAAL_REGISTRATIONS_PER_HOUR (default 10)
          --lookups-per-minute N  certificate look-ups (JSON, page, PDF, badge) per address and minute
                                                               SIGNAAL_LOOKUPS_PER_MINUTE (default 60)

          --demo                also seed a demo hotel with staff at every stage and print their logins
          --help                this text

        Stops gracefully on SIGTERM or SIGINT: in-flight requests finish (at most 10 s).
        """

    static func run(_ arguments: [String]) async -> Int32 {
        let configuration: SignaalConfiguration
        let demo: Bool
        do {
            let options = try Options(
                arguments,
                valued: ["host", "port", "web", "data", "modules", "certificates", "audit-key-file", "public-url", "io-threads", "max-connections", "max-connections-per-address", "body-timeout", "access-log", "upkeep", "xapi-endpoint", "xapi-credentials-file", "trust-proxy", "trusted-proxies",
                         "login-failures-per-account", "login-failures-per-address", "registrations-per-hour", "lookups-per-minute"],
                switches: ["help", "demo"])
            if options.has("help") {
                print(help)
                return 0
            }
            configuration = try makeConfiguration(options)
            demo = options.has("demo")
        } catch let error as UsageError {
            printError("signaal serve: \(error.message)\n\n\(help)")
            return 2
        } catch {
            printError("signaal serve: \(error)")
            return 2
        }

        let application: Application
        let port: Int
        var demoLogins: (password: String, logins: [Application.DemoLogin])?
        do {
            application = try await DedicatedThread.run { try Application(configuration: configuration) }
            if demo { demoLogins = try await application.seedDemo() }
            port = try application.start()
        } catch let error as SystemError where error.isAddressInUse {
            printError("signaal serve: port \(configuration.server.port) on \(configuration.server.host) is already in use. Stop the other server or choose another port with --port.")
            return 1
        } catch let refused as Application.DemoRefused {
            printError("signaal serve: \(refused)")
            return 1
        } catch let invalid as ContentLoader.Invalid {
            printError("signaal serve: the course content is not valid:\n\(invalid.description)")
            return 1
        } catch {
            printError("signaal serve: cannot start: \(error)")
            return 1
        }
        SignalWaiter.onTermination { _ in Task { await application.shutdown() } }
        let host = configuration.server.host.contains(":") ? "[\(configuration.server.host)]" : configuration.server.host
        let baseURL = "http://\(host):\(port)"
        print("Signaal is listening on \(baseURL)/")
        if configuration.publicURL == nil, !["127.0.0.1", "::1", "localhost"].contains(configuration.server.host) {
            print("Note: without --public-url, invite links and QR codes name \(baseURL) unless a request names this host; "
                  + "set --public-url to the address people use.")
        }
        if let demoLogins {
            print("Demo: \(Application.demoBusinessName). Sign in at \(baseURL)/#/signin with password \(demoLogins.password)")
            for login in demoLogins.logins {
                print("  \(login.role.padding(toLength: 9, withPad: " ", startingAt: 0)) \(login.login)\(login.stage.isEmpty ? "" : "  (\(login.stage))")")
            }
        }
        do {
            if let link = try await application.setupLinkIfNeeded(baseURL: baseURL) {
                print("No admin exists yet. Create the first one within an hour (the link works once): \(link)")
            }
        } catch {
            printError("signaal serve: cannot create the setup link: \(error)")
        }
        fflush(nil)
        await application.waitUntilStopped()
        print("Signaal stopped.")
        return 0
    }

    private static func makeConfiguration(_ options: Options) throws -> SignaalConfiguration {
        var configuration = SignaalConfiguration()
        configuration.server.host = options.string("host", default: "127.0.0.1")
        configuration.server.port = try options.integer("port", default: 8080, range: 0...65535)
        configuration.server.ioThreadCount = try options.integer(
            "io-threads", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...256)
        configuration.server.maxConnections = try options.integer("max-connections", default: 10_000, range: 1...1_000_000)
        configuration.server.bodyTimeout = .seconds(try options.integer("body-timeout", default: 30, range: 1...3600))
        configuration.server.accessLog = try options.boolean("access-log", default: true)
        configuration.scheduledUpkeep = try options.boolean("upkeep", default: true)
        let xapiEndpoint = options.string("xapi-endpoint", default: "")
        if !xapiEndpoint.isEmpty {
            guard let url = URL(string: xapiEndpoint), url.scheme?.lowercased() == "http", url.host != nil else {
                throw UsageError(message: "--xapi-endpoint: '\(xapiEndpoint)' is not an http:// address (put a local TLS proxy in front for https)")
            }
            configuration.xapiEndpoint = url
        }
        let credentials = options.string("xapi-credentials-file", default: "")
        configuration.xapiCredentialsFile = credentials.isEmpty ? nil : credentials
        configuration.webFolder = options.string("web", default: "web")
        configuration.dataFolder = options.string("data", default: "data")
        configuration.modulesFolder = options.string("modules", default: "modules")
        configuration.certificatesFolder = options.string("certificates", default: "certificates")
        let auditKeyFile = options.string("audit-key-file", default: "")
        configuration.auditKeyFile = auditKeyFile.isEmpty ? nil : auditKeyFile
        let publicURL = options.string("public-url", default: "")
        configuration.publicURL = publicURL.isEmpty ? nil : String(publicURL.reversed().drop { $0 == "/" }.reversed())
        configuration.sessions.trustForwardedProto = try options.boolean("trust-proxy", default: false)
        configuration.sessions.trustedProxies = try options.string("trusted-proxies", default: "127.0.0.1,::1").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { entry in
                guard let range = AddressRange(entry) else {
                    throw UsageError(message: "--trusted-proxies: '\(entry)' is not an IP address or a CIDR range (like 10.0.0.0/8)")
                }
                return range
            }
        configuration.loginFailuresPerAccount = try options.integer("login-failures-per-account", default: 5, range: 1...1_000_000)
        configuration.loginFailuresPerAddress = try options.integer("login-failures-per-address", default: 20, range: 1...1_000_000)
        configuration.registrationsPerHour = try options.integer("registrations-per-hour", default: 10, range: 1...1_000_000)
        configuration.verificationsPerMinute = try options.integer("lookups-per-minute", default: 60, range: 1...10_000_000)
        // Behind a proxy every client shares its address: the proxy limits connections, not this cap.
        configuration.server.maxConnectionsPerAddress = try options.integer(
            "max-connections-per-address", default: configuration.sessions.trustForwardedProto ? 0 : 512, range: 0...1_000_000)
        configuration.sessions.secureCookies = publicURL.lowercased().hasPrefix("https://")
        return configuration
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

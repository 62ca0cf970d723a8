import Foundation
import Signaal
import Threads

/// `signaal tasks run`: the daily upkeep once, for operators who run it from cron.
enum TasksCommand {
    static let help = """
        Usage: signaal tasks run [--data DIR] [--modules DIR] [--web DIR] [--certificates DIR] [--audit-key-file FILE]

        Runs the daily upkeep now, on the same database as the server (which may be running): records the
        certificates that expired, renews a certificate as soon as the rule holds in its renewal window,
        and brings each business's warnings up to date. A lease in the database keeps it from running at
        the same time as another run (the server's own, or another cron job): then it says so and does
        nothing. Run the server with --upkeep off when cron runs this instead.
        Prints what it did as JSON. Exit code 0 when it ran or was skipped, 1 on failure.
        """

    static func run(_ given: [String]) async -> Int32 {
        let rest: [String]
        switch arguments(after: "run", in: given, command: "tasks", help: help) {
        case .success(let remaining): rest = remaining
        case .failure(let exit): return exit.status
        }
        var configuration = SignaalConfiguration()
        do {
            let options = try Options(rest, valued: ["data", "modules", "web", "certificates", "audit-key-file"], switches: ["help"])
            if options.has("help") {
                print(help)
                return 0
            }
            configuration.dataFolder = options.string("data", default: "data")
            configuration.modulesFolder = options.string("modules", default: "modules")
            configuration.webFolder = options.string("web", default: "web")
            configuration.certificatesFolder = options.string("certificates", default: "certificates")
            let keyFile = options.string("audit-key-file", default: "")
            configuration.auditKeyFile = keyFile.isEmpty ? nil : keyFile
        } catch let error as UsageError {
            printError("\(error.message)\n\n\(help)")
            return 2
        } catch {
            printError("error: \(error)")
            return 2
        }
        let settings = configuration
        do {
            let application = try await DedicatedThread.run { try Application(configuration: settings) }
            let report = try await application.upkeep.run(holder: "signaal tasks run")
            await application.shutdown()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            if report.skipped { printError("signaal tasks run: another upkeep run holds the lease; nothing done.") }
            return 0
        } catch {
            printError("signaal tasks run: \(error)")
            return 1
        }
    }
}

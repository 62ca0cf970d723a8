import Foundation
import Signaal

/// `signaal migrate`, `signaal backup FILE` and `signaal admin create --email E`.
enum OperatorCommands {
    static let migrateHelp = """
        Usage: signaal migrate [--data DIR]

        Creates the database if needed and applies every pending schema migration.
        --data DIR   database folder (SIGNAAL_DATA, default ./data)
        """

    static let backupHelp = """
        Usage: signaal backup FILE [--data DIR] [--audit-key-file FILE]

        Writes a consistent copy of the database to FILE, also while the server runs. The audit key and
        head files are not in it: back them up separately (the command says where they are).
        --data DIR              database folder (SIGNAAL_DATA, default ./data)
        --audit-key-file FILE   the audit key (SIGNAAL_AUDIT_KEY_FILE, default DATA/audit.key)
        """

    static let adminHelp = """
        Usage: signaal admin create --email EMAIL [--name NAME] [--data DIR]

        Creates an admin account. The password is read from standard input (one line), never from
        the command line, e.g.:  printf '%s\\n' "$PASSWORD" | signaal admin create --email a@b.nl
        --data DIR   database folder (SIGNAAL_DATA, default ./data)
        """

    static let auditHelp = """
        Usage: signaal audit verify [--data DIR] [--audit-key-file FILE]

        Recomputes the audit log's keyed chain, compares its newest entry with the head file beside the
        key (so deleted newest entries show), and replays every certificate's issue, renewal and revocation
        against the certificates table. Prints every problem found.
        Exit code 0 when the log and the certificates agree, 1 when they do not.
        --data DIR              database folder (SIGNAAL_DATA, default ./data)
        --audit-key-file FILE   the audit key (SIGNAAL_AUDIT_KEY_FILE, default DATA/audit.key)
        """

    static func audit(_ given: [String]) async -> Int32 {
        let rest: [String]
        switch arguments(after: "verify", in: given, command: "audit", help: auditHelp) {
        case .success(let remaining): rest = remaining
        case .failure(let exit): return exit.status
        }
        return await run(auditHelp, rest, valued: ["data", "audit-key-file"], positionalCount: 0) { options in
            let keyFile = options.string("audit-key-file", default: "")
            let (problems, entries) = try await Operations.verifyAuditLog(dataFolder: options.string("data", default: "data"),
                                                                          keyFile: keyFile.isEmpty ? nil : keyFile)
            guard problems.isEmpty else {
                throw Operations.Failure(description: "the audit log does not hold:\n" + problems.map { "  - " + $0 }.joined(separator: "\n"))
            }
            print("The audit log's chain is intact (\(entries) entries) and every certificate matches it.")
        }
    }

    static func migrate(_ arguments: [String]) async -> Int32 {
        await run(migrateHelp, arguments, valued: ["data"], positionalCount: 0) { options in
            let version = try await Operations.migrate(dataFolder: options.string("data", default: "data"))
            print("Database is at schema version \(version).")
        }
    }

    static func backup(_ arguments: [String]) async -> Int32 {
        await run(backupHelp, arguments, valued: ["data", "audit-key-file"], positionalCount: 1) { options in
            let destination = options.positional[0]
            let dataFolder = options.string("data", default: "data")
            let keyFile = options.string("audit-key-file", default: "")
            try await Operations.backup(dataFolder: dataFolder, to: destination)
            print("Backup written to \(destination).")
            print(Operations.auditKeyReminder(dataFolder: dataFolder, keyFile: keyFile.isEmpty ? nil : keyFile))
        }
    }

    static func admin(_ given: [String]) async -> Int32 {
        let rest: [String]
        switch arguments(after: "create", in: given, command: "admin", help: adminHelp) {
        case .success(let remaining): rest = remaining
        case .failure(let exit): return exit.status
        }
        return await run(adminHelp, rest, valued: ["data", "email", "name"], positionalCount: 0) { options in
            let email = options.string("email", default: "")
            guard !email.isEmpty else { throw UsageError(message: "--email is required") }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw Operations.Failure(description: "No password on standard input.")
            }
            let name = options.string("name", default: email)
            try await Operations.createAdmin(dataFolder: options.string("data", default: "data"), name: name, email: email, password: password)
            print("Admin \(email) created.")
        }
    }

    /// Parses options, prints help, and maps errors to exit codes (1 failure, 2 usage).
    private static func run(_ help: String, _ arguments: [String], valued: Set<String>, positionalCount: Int,
                            _ body: (Options) async throws -> Void) async -> Int32 {
        do {
            let options = try Options(arguments, valued: valued, switches: ["help"])
            if options.has("help") {
                print(help)
                return 0
            }
            guard options.positional.count == positionalCount else {
                throw UsageError(message: positionalCount == 0 ? "unexpected argument \(options.positional[0])" : "expected \(positionalCount) argument(s)")
            }
            try await body(options)
            return 0
        } catch let error as UsageError {
            printError("\(error.message)\n\n\(help)")
            return 2
        } catch {
            printError("error: \(error)")
            return 1
        }
    }
}

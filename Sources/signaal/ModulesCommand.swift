import Foundation
import Signaal
import Threads

/// `signaal modules check [DIR]`: validates the course content and prints `file:line: message` per problem.
enum ModulesCommand {
    static let help = """
        Usage: signaal modules check [DIR]

        Validates the course content in DIR (default: --modules, SIGNAAL_MODULES or ./modules) and
        prints each problem as file:line: message. Exit code 0 when valid, 1 when not.
        """

    static func run(_ given: [String]) async -> Int32 {
        let rest: [String]
        switch arguments(after: "check", in: given, command: "modules", help: help) {
        case .success(let remaining): rest = remaining
        case .failure(let exit): return exit.status
        }
        do {
            let options = try Options(rest, valued: ["modules"], switches: ["help"])
            if options.has("help") {
                print(help)
                return 0
            }
            guard options.positional.count <= 1 else { throw UsageError(message: "expected at most one folder") }
            let folder = options.positional.first ?? options.string("modules", default: "modules")
            let catalog = try await DedicatedThread.run { try ContentLoader.load(folder) }
            let questions = catalog.modules.values.map(\.questions.count).reduce(0, +)
            print("\(folder): \(catalog.modules.count) modules, \(questions) questions, \(catalog.courses.count) courses — all valid.")
            return 0
        } catch let error as UsageError {
            printError("\(error.message)\n\n\(help)")
            return 2
        } catch let invalid as ContentLoader.Invalid {
            print(invalid.description)
            printError("\(invalid.problems.count) problem(s) found.")
            return 1
        } catch {
            printError("error: \(error)")
            return 1
        }
    }
}

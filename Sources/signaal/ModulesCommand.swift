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

    static func run(_ arguments: [String]) async -> Int32 {
        guard arguments.first == "check" else {
            if arguments.first == "--help" {
                print(help)
                return 0
            }
            printError("signaal modules: expected 'check'\n\n\(help)")
            return 2
        }
        do {
            let options = try Options(Array(arguments.dropFirst()), valued: ["modules"], switches: ["help"])
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

import Foundation
import Learning
import Signaal
import Threads

/// `signaal modules check [DIR]`: validates the course content and prints `file:line: message` per problem.
enum ModulesCommand {
    static let help = """
        Usage: signaal modules check [DIR] [--web DIR] [--report]

        Validates the course content in DIR (default: --modules, SIGNAAL_MODULES or ./modules) and
        prints each problem as file:line: message. Then measures the quizzes: per module the chance that
        one attempt passes for a blind guesser (limit 1 %) and for a test-wise guesser who picks the
        longest option, ticks all but the shortest and gives the course's majority true/false answer
        (limit 5 %); course-wide the share of single-answer questions whose right option is the longest
        (limit 40 %); pools at least twice the draw; declared minutes within 25 % of the estimate (lesson
        and question words at 200 a minute plus 15 s per question); every role's path 30-40 minutes.
        Every module must have every language the interface offers (web/i18n/*.json; --web names the
        front-end folder, default --web, SIGNAAL_WEB or ./web), and no text of five words or more may be
        the same as its Dutch (left untranslated).
        --report   also print the figures per module
        Exit code 0 when valid, 1 when not.
        """

    static func run(_ given: [String]) async -> Int32 {
        let rest: [String]
        switch arguments(after: "check", in: given, command: "modules", help: help) {
        case .success(let remaining): rest = remaining
        case .failure(let exit): return exit.status
        }
        do {
            let options = try Options(rest, valued: ["modules", "web"], switches: ["help", "report"])
            if options.has("help") {
                print(help)
                return 0
            }
            guard options.positional.count <= 1 else { throw UsageError(message: "expected at most one folder") }
            let folder = options.positional.first ?? options.string("modules", default: "modules")
            let catalog = try await DedicatedThread.run { try ContentLoader.load(folder) }
            let questions = catalog.modules.values.map(\.questions.count).reduce(0, +)
            let assessment = AssessmentCheck.report(catalog)
            if options.has("report") { print(table(assessment)) }
            let offered = InterfaceLanguageFiles.codes(webFolder: options.string("web", default: "web"))
            let problems = assessment.problems + TranslationCheck.problems(catalog, offered: offered)
            guard problems.isEmpty else {
                print(problems.joined(separator: "\n"))
                printError("\(problems.count) problem(s) found.")
                return 1
            }
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

    /// The figures per module as a plain-text table.
    static func table(_ report: AssessmentCheck.Report) -> String {
        func percent(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }
        var lines = ["module                 pool drawn pass  blind      test-wise  lesson words  minutes (est.)"]
        for module in report.modules {
            lines.append(module.id.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: " %4d %5d %3d%%", module.pool, module.drawn, module.passMark)
                + "  " + percent(module.blindChance).padding(toLength: 10, withPad: " ", startingAt: 0)
                + " " + percent(module.testWiseChance).padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(format: " %12d  %3d (%.1f)", module.lessonWords, module.declaredMinutes, module.estimatedMinutes))
        }
        lines.append("single-answer questions whose right option is the longest: \(percent(report.longestOptionShare))")
        return lines.joined(separator: "\n")
    }
}

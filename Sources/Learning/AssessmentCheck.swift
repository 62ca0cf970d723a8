import Foundation

/// Measures whether the quizzes test learning rather than test-wiseness, and whether modules declare an
/// honest length: what `signaal modules check` enforces on top of the format.
///
/// Two guessers take one attempt of each module, without having read a lesson:
/// - the **blind** guesser picks uniformly among the possible answers (one option of a single-answer
///   question; any 1 to 3 options of a multiple-answer one; true or false);
/// - the **test-wise** guesser picks the longest option, ticks every option but the shortest, and answers
///   every true/false question with the course's majority answer (ties split evenly).
/// Their chance to pass is exact: the expectation over every equally likely draw of the pool.
public enum AssessmentCheck {
    /// The limits content must stay within.
    public struct Limits: Sendable {
        /// Highest pass chance of a test-wise guesser per module. The default is 5 %.
        public var testWise = 0.05
        /// Highest pass chance of a blind guesser per module. The default is 1 %.
        public var blind = 0.01
        /// Highest share of single-answer questions whose right option is the longest. The default is 40 %.
        public var longestOptionShare = 0.40
        /// How far the declared minutes may be from the estimate. The default is 25 %.
        public var minutesTolerance = 0.25
        /// Reading speed for the estimate, in words a minute. The default is 200.
        public var wordsPerMinute = 200.0
        /// Thinking time per drawn question on top of reading it, in minutes. The default is 0.25.
        public var minutesPerQuestion = 0.25
        /// The length a role's whole path (core, sector and role module) must have, in minutes. The default is 30–40.
        public var pathMinutes = 30...40

        public init() {}
    }

    /// One module's figures.
    public struct ModuleFigures: Sendable {
        public let id: String
        public let pool: Int
        public let drawn: Int
        public let passMark: Int
        public let blindChance: Double
        /// The worst over the module's courses and the languages measured.
        public let testWiseChance: Double
        public let lessonWords: Int
        public let estimatedMinutes: Double
        public let declaredMinutes: Int
    }

    /// Every module's figures, the course-wide longest-option share, and what breaks the limits.
    public struct Report: Sendable {
        public let modules: [ModuleFigures]
        /// The worst language's share of single-answer questions whose right option is the longest.
        public let longestOptionShare: Double
        public let problems: [String]
    }

    /// Measures every module of `catalog` in `languages` (the option lengths a guesser sees; by default
    /// every language the catalog has).
    public static func report(_ catalog: Catalog, languages: [String]? = nil, limits: Limits = Limits()) -> Report {
        let languages = languages ?? Set(catalog.modules.values.flatMap(\.languages)).sorted()
        var problems: [String] = []
        var figures: [ModuleFigures] = []
        for module in catalog.modules.values.sorted(by: { $0.id < $1.id }) {
            let courses = catalog.courses.values.filter { $0.moduleIDs.contains(module.id) }
            let majorities = courses.map { majorityAnswer($0, catalog) }
            let testWise = languages.flatMap { language in
                majorities.map { majority in
                    passChance(module.questions.map { testWiseChance($0, module: module, language: language, majority: majority) },
                               drawn: module.questionsPerAttempt, passMark: module.passMark)
                }
            }.max() ?? 0
            let blind = passChance(module.questions.map(blindChance), drawn: module.questionsPerAttempt, passMark: module.passMark)
            let (words, estimate) = estimatedMinutes(module, limits: limits)
            figures.append(ModuleFigures(id: module.id, pool: module.questions.count, drawn: module.questionsPerAttempt, passMark: module.passMark,
                                         blindChance: blind, testWiseChance: testWise, lessonWords: words, estimatedMinutes: estimate,
                                         declaredMinutes: module.minutes))
            problems += poolProblems(module)
            problems += explanationProblems(module)
            if testWise > limits.testWise { problems.append("\(module.id): a test-wise guesser passes one attempt with \(percent(testWise)) (limit \(percent(limits.testWise)))") }
            if blind > limits.blind { problems.append("\(module.id): a blind guesser passes one attempt with \(percent(blind)) (limit \(percent(limits.blind)))") }
            if abs(Double(module.minutes) - estimate) > limits.minutesTolerance * estimate {
                problems.append("\(module.id): declares \(module.minutes) minutes but its words and questions take about \(String(format: "%.1f", estimate))")
            }
        }
        let share = languages.map { longestOptionShare(catalog, language: $0) }.max() ?? 0
        if share > limits.longestOptionShare {
            problems.append("the right option is the longest in \(percent(share)) of single-answer questions (limit \(percent(limits.longestOptionShare)))")
        }
        problems += pathProblems(catalog, limits: limits)
        return Report(modules: figures, longestOptionShare: share, problems: problems)
    }

    /// The chance to pass when each pool question is answered right with the given chance and
    /// `drawn` questions are drawn uniformly: the expectation over every draw, computed exactly.
    public static func passChance(_ chances: [Double], drawn: Int, passMark: Int) -> Double {
        guard drawn > 0, chances.count >= drawn else { return 0 }
        // ways[j][c]: summed probability, over the subsets of size j seen so far, of c right answers.
        var ways = Array(repeating: Array(repeating: 0.0, count: drawn + 1), count: drawn + 1)
        ways[0][0] = 1
        for chance in chances {
            for size in stride(from: drawn - 1, through: 0, by: -1) {
                for right in stride(from: size, through: 0, by: -1) where ways[size][right] != 0 {
                    ways[size + 1][right + 1] += ways[size][right] * chance
                    ways[size + 1][right] += ways[size][right] * (1 - chance)
                }
            }
        }
        let needed = (passMark * drawn + 99) / 100
        let subsets = (0..<drawn).reduce(1.0) { $0 * Double(chances.count - $1) / Double($1 + 1) }
        return ways[drawn][needed...].reduce(0, +) / subsets
    }

    static func blindChance(_ question: Question) -> Double {
        switch question.form {
        case .single: 1 / Double(question.optionIDs.count)
        case .trueFalse: 0.5
        case .multiple:
            // A guesser who knows that one to three options are right picks one such set.
            1 / Double((1...min(3, question.optionIDs.count)).map { binomial(question.optionIDs.count, $0) }.reduce(0, +))
        }
    }

    static func testWiseChance(_ question: Question, module: Module, language: String, majority: String?) -> Double {
        let texts = module.texts[language]?.questions[question.id]
        let lengths = question.optionIDs.map { (id: $0, length: texts?.options[$0]?.count ?? 0) }
        switch question.form {
        case .trueFalse:
            guard let majority else { return 0.5 }
            return question.correctOptionIDs.contains(majority) ? 1 : 0
        case .single:
            let longest = lengths.map(\.length).max() ?? 0
            let picks = lengths.filter { $0.length == longest }
            return Double(picks.filter { question.correctOptionIDs.contains($0.id) }.count) / Double(max(1, picks.count))
        case .multiple:
            let shortest = lengths.map(\.length).min() ?? 0
            let dropped = lengths.filter { $0.length == shortest }
            let right = dropped.filter { option in Set(question.optionIDs).subtracting([option.id]) == question.correctOptionIDs }
            return Double(right.count) / Double(max(1, dropped.count))
        }
    }

    /// The course's more common true/false answer (`true` or `false`), or nil on a tie.
    static func majorityAnswer(_ course: Course, _ catalog: Catalog) -> String? {
        let answers = course.moduleIDs.compactMap { catalog.modules[$0] }.flatMap(\.questions)
            .filter { $0.form == .trueFalse }.flatMap(\.correctOptionIDs)
        let truths = answers.filter { $0 == "true" }.count
        let falsehoods = answers.count - truths
        return truths == falsehoods ? nil : (truths > falsehoods ? "true" : "false")
    }

    static func longestOptionShare(_ catalog: Catalog, language: String) -> Double {
        let singles = catalog.modules.values.flatMap { module in module.questions.filter { $0.form == .single }.map { (module, $0) } }
        guard !singles.isEmpty else { return 0 }
        let hits = singles.map { testWiseChance($1, module: $0, language: language, majority: nil) }.reduce(0, +)
        return hits / Double(singles.count)
    }

    static func binomial(_ n: Int, _ k: Int) -> Int {
        (0..<k).reduce(1) { $0 * (n - $1) / ($1 + 1) }
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f %%", value * 100) }
}

/// A question as served in one attempt: which question, and its options in the order shown.
public struct ServedQuestion: Sendable, Hashable, Codable {
    public let questionID: String
    public let optionOrder: [String]

    public init(questionID: String, optionOrder: [String]) {
        self.questionID = questionID
        self.optionOrder = optionOrder
    }
}

extension ServedQuestion {
    /// Whether this is a true/false question, whose options keep their names.
    var isTrueFalse: Bool { optionOrder == ["true", "false"] }

    /// The labels the options are shown under in this attempt, in the order shown: their positions
    /// ("1", "2", …), so an answer key by option letter is worth nothing in another attempt, where the
    /// same labels stand for other options. True/false keep `true` and `false`.
    public var labels: [String] { isTrueFalse ? optionOrder : optionOrder.indices.map { String($0 + 1) } }

    /// The label `optionID` is shown under in this attempt.
    public func label(of optionID: String) -> String? {
        optionOrder.firstIndex(of: optionID).map { labels[$0] }
    }

    /// The option shown under `label` in this attempt.
    public func option(labelled label: String) -> String? {
        labels.firstIndex(of: label).map { optionOrder[$0] }
    }
}

/// Drawing questions for an attempt and scoring the answers.
public enum AttemptRules {
    /// `questionsPerAttempt` questions from the pool in random order, each with shuffled options
    /// (true/false keeps its order). Questions the person was never served come first, then those served
    /// longest ago: `lastServed` gives, per question, the number of the person's attempt that last served
    /// it (higher is more recent). The random source is a parameter so tests can fix it.
    public static func draw(from module: Module, lastServed: [String: Int] = [:],
                            using random: inout some RandomNumberGenerator) -> [ServedQuestion] {
        let byRecency = module.questions.shuffled(using: &random).enumerated()
            .sorted { (lastServed[$0.element.id] ?? -1, $0.offset) < (lastServed[$1.element.id] ?? -1, $1.offset) }
            .map(\.element)
        let chosen = byRecency.prefix(module.questionsPerAttempt).shuffled(using: &random)
        return chosen.map { question in
            let order = question.form == .trueFalse ? question.optionIDs : question.optionIDs.shuffled(using: &random)
            return ServedQuestion(questionID: question.id, optionOrder: order)
        }
    }

    /// Why a submission cannot be scored.
    public enum SubmissionError: Error, Sendable, Equatable {
        case questionNotServed(String)
        case optionNotServed(question: String, option: String)
        case tooManyOptions(question: String)
    }

    /// The outcome of one question.
    public struct QuestionResult: Sendable, Equatable {
        public let questionID: String
        public let chosen: [String]
        public let isCorrect: Bool
    }

    /// The outcome of an attempt.
    public struct Result: Sendable, Equatable {
        public let questions: [QuestionResult]
        public let correctCount: Int
        public let total: Int
        public let passMark: Int
        /// Passed when `correctCount * 100 >= passMark * total`: exactly at the pass mark passes.
        public var passed: Bool { total > 0 && correctCount * 100 >= passMark * total }
        /// The score as a whole percent, rounded down.
        public var percent: Int { total == 0 ? 0 : correctCount * 100 / total }
        /// Whether the answer may name the right options: only a passed attempt shows the full review,
        /// so a failed one (which can be started again) never hands out an answer key.
        public var revealsCorrectOptions: Bool { passed }
    }

    /// The option ids behind answers given as this attempt's labels (question id → chosen labels).
    /// - Throws: `questionNotServed` or `optionNotServed` (with the label) for anything the attempt did not show.
    public static func resolve(labelled answers: [String: [String]], served: [ServedQuestion]) throws(SubmissionError) -> [String: [String]] {
        let servedByID = Dictionary(served.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        var resolved: [String: [String]] = [:]
        for (questionID, labels) in answers.sorted(by: { $0.key < $1.key }) {
            guard let question = servedByID[questionID] else { throw .questionNotServed(questionID) }
            resolved[questionID] = try labels.map { label throws(SubmissionError) in
                guard let option = question.option(labelled: label) else { throw .optionNotServed(question: questionID, option: label) }
                return option
            }
        }
        return resolved
    }

    /// Scores `answers` (question id → chosen option ids) against what was served. A served
    /// question without an answer counts as wrong; multiple choice is all-or-nothing.
    public static func score(served: [ServedQuestion], answers: [String: [String]], module: Module) throws(SubmissionError) -> Result {
        let servedByID = Dictionary(served.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        for (questionID, options) in answers.sorted(by: { $0.key < $1.key }) {
            guard let servedQuestion = servedByID[questionID], let question = module.question(questionID) else {
                throw .questionNotServed(questionID)
            }
            for option in options where !servedQuestion.optionOrder.contains(option) {
                throw .optionNotServed(question: questionID, option: option)
            }
            if question.form != .multiple, Set(options).count > 1 { throw .tooManyOptions(question: questionID) }
        }
        var results: [QuestionResult] = []
        for servedQuestion in served {
            guard let question = module.question(servedQuestion.questionID) else { continue }
            let chosen = answers[servedQuestion.questionID] ?? []
            results.append(QuestionResult(questionID: question.id, chosen: chosen,
                                          isCorrect: !chosen.isEmpty && Set(chosen) == question.correctOptionIDs))
        }
        return Result(questions: results, correctCount: results.filter(\.isCorrect).count, total: results.count, passMark: module.passMark)
    }
}

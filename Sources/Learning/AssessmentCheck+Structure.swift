import Foundation

/// The structural rules of a fair quiz and an honest length.
extension AssessmentCheck {
    /// Pools at least twice the draw, true/false balanced, multiple choice with 1–3 right of 4–6.
    static func poolProblems(_ module: Module) -> [String] {
        var problems: [String] = []
        if module.questions.count < 2 * module.questionsPerAttempt {
            problems.append("\(module.id): the pool holds \(module.questions.count) questions for \(module.questionsPerAttempt) drawn; it needs at least twice as many")
        }
        let answers = module.questions.filter { $0.form == .trueFalse }.flatMap(\.correctOptionIDs)
        let truths = answers.filter { $0 == "true" }.count
        if abs(truths - (answers.count - truths)) > 1 {
            problems.append("\(module.id): \(truths) true and \(answers.count - truths) false true/false questions; balance them")
        }
        for question in module.questions where question.form == .multiple
            && !((1...3).contains(question.correctOptionIDs.count) && (4...6).contains(question.optionIDs.count)) {
            problems.append("\(module.id)/\(question.id): multiple choice needs 1 to 3 right options of 4 to 6")
        }
        return problems
    }

    /// Explanations are shown after a failed attempt too, which never names the right options: an
    /// explanation that repeats a right option word for word (12 letters or more) would hand it out.
    static func explanationProblems(_ module: Module) -> [String] {
        var problems: [String] = []
        for (language, texts) in module.texts.sorted(by: { $0.key < $1.key }) {
            for question in module.questions where question.form != .trueFalse {
                guard let words = texts.questions[question.id] else { continue }
                let explanation = normalized(words.explanation)
                for option in question.optionIDs where question.correctOptionIDs.contains(option) {
                    let text = normalized(words.options[option] ?? "")
                    if text.count >= 12, explanation.contains(text) {
                        problems.append("\(module.id)/\(language)/\(question.id): the explanation repeats the right option '\(option)'; teach it in other words")
                    }
                }
            }
        }
        return problems
    }

    /// Lowercased letters and digits with single spaces between words, for comparing texts.
    static func normalized(_ text: String) -> String {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }

    /// The module's lesson words (in Dutch) and its minutes: the lessons and the drawn questions read at
    /// `wordsPerMinute`, plus thinking time per question.
    static func estimatedMinutes(_ module: Module, limits: Limits, language: String = "nl") -> (lessonWords: Int, minutes: Double) {
        guard let texts = module.texts[language] else { return (0, 0) }
        let lessonWords = texts.lessons.values.map { wordCount(strippingTags($0.html)) }.reduce(0, +)
        let questionWords = texts.questions.values.map { text in
            wordCount(([text.situation ?? "", text.text] + text.options.values).joined(separator: " "))
        }
        let perQuestion = questionWords.isEmpty ? 0 : Double(questionWords.reduce(0, +)) / Double(questionWords.count)
        let drawn = Double(module.questionsPerAttempt)
        return (lessonWords, (Double(lessonWords) + drawn * perQuestion) / limits.wordsPerMinute + drawn * limits.minutesPerQuestion)
    }

    /// Every role's path (the course's core and sector modules plus one role module) within `pathMinutes`.
    static func pathProblems(_ catalog: Catalog, limits: Limits) -> [String] {
        var problems: [String] = []
        for sector in catalog.courses.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let roles = catalog.roles(for: sector)
            for role in roles.isEmpty ? [nil] : roles.map(Optional.some) {
                let minutes = catalog.path(for: sector, role: role).filter(\.isRequired).map(\.minutes).reduce(0, +)
                if !limits.pathMinutes.contains(minutes) {
                    problems.append("\(sector.rawValue)\(role.map { " + " + $0.rawValue } ?? ""): the path takes \(minutes) minutes; it should take \(limits.pathMinutes.lowerBound) to \(limits.pathMinutes.upperBound)")
                }
            }
        }
        return problems
    }

    static func strippingTags(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    static func wordCount(_ text: String) -> Int {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’" || $0 == "-") }.filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }
}

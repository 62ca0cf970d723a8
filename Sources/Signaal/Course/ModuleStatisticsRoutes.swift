import Foundation
import HTTP
import Learning
import Storage

/// `GET /api/v1/admin/modules`: modules with versions and pass rates, and per-question answer
/// statistics (how often each option is chosen), hardest questions first, so authors can fix
/// confusing ones.
struct ModuleStatisticsRoutes: Sendable {
    let catalog: Catalog
    let database: Database
    /// The words for true and false per language.
    let strings: InterfaceStrings

    struct OptionStatistics: Codable {
        let id: String
        let text: String
        let correct: Bool
        let chosen: Int
    }

    struct QuestionStatistics: Codable {
        let id: String
        /// A scenario's situation, without which "What do you do?" says nothing.
        let situation: String?
        let text: String
        let answered: Int
        let correctRate: Double?
        let options: [OptionStatistics]
    }

    struct ModuleStatistics: Codable {
        let id: String
        let version: Int
        let title: String
        let attempts: Int
        let passed: Int
        let passRate: Double?
        let questions: [QuestionStatistics]
    }

    struct Modules: Codable {
        let modules: [ModuleStatistics]
    }

    func moduleStatistics(_ context: RequestContext) async throws -> Reply<Modules> {
        let language = try LanguageChoice.resolve(context.request, available: ["nl", "en"])
        let counts = try await AnswerCounts.read(database)
        let modules = catalog.modules.values.sorted { $0.id < $1.id }.map { module in statistics(module, counts, language) }
        return Reply(Modules(modules: modules))
    }

    private func statistics(_ module: Module, _ counts: AnswerCounts, _ language: String) -> ModuleStatistics {
        let texts = module.texts[language]
        let questions = module.questions.map { question -> QuestionStatistics in
            let (answered, correct) = counts.questions["\(module.id)/\(question.id)"] ?? (0, 0)
            let options = question.optionIDs.map { option in
                OptionStatistics(id: option,
                                 text: question.form == .trueFalse ? ServedQuestionView.trueFalseLabel(option, strings.trueAndFalse(language)) : texts?.questions[question.id]?.options[option] ?? option,
                                 correct: question.correctOptionIDs.contains(option),
                                 chosen: counts.options["\(module.id)/\(question.id)/\(option)"] ?? 0)
            }
            return QuestionStatistics(id: question.id, situation: texts?.questions[question.id]?.situation,
                                      text: texts?.questions[question.id]?.text ?? question.id, answered: answered,
                                      correctRate: answered == 0 ? nil : Double(correct) / Double(answered), options: options)
        }.sorted { ($0.correctRate ?? 2, $0.id) < ($1.correctRate ?? 2, $1.id) }
        let (attempts, passed) = counts.attempts[module.id] ?? (0, 0)
        return ModuleStatistics(id: module.id, version: module.version, title: texts?.title ?? module.id, attempts: attempts,
                                passed: passed, passRate: attempts == 0 ? nil : Double(passed) / Double(attempts), questions: questions)
    }
}

import Foundation
import HTTP
import Learning
import Storage
import Threads

/// The learner's API: course, module lessons, reading progress, attempts and answers.
struct LearningRoutes: Sendable {
    let course: CourseService
    /// Each module's `images/` folder, resolved once at start (modules without one have none).
    let images: [String: StaticFiles]
    /// The words for true and false per language.
    let strings: InterfaceStrings
    private var catalog: Catalog { course.catalog }
    private var store: LearningStore { course.store }
    private var policy: CompletionPolicy { course.policy }

    init(course: CourseService, strings: InterfaceStrings, modulesFolder: String, files: BlockingPool) {
        self.course = course
        self.strings = strings
        images = course.catalog.modules.keys.reduce(into: [:]) { images, id in
            images[id] = try? StaticFiles(folder: modulesFolder + "/" + id + "/images", pool: files)
        }
    }

    static let learners: Access = .roles([.employee, .manager])

    func moduleView(_ context: RequestContext) async throws -> Reply<ModuleView> {
        Reply(try await moduleAnswer(context))
    }

    func markLessonSeen(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        try await course.markSeen(lesson: context.request.parameters["lessonId"] ?? "", of: context.request.parameters["id"] ?? "",
                                  by: try context.signedIn.account.id)
        return [:]
    }

    /// The signed-in learner's snapshot and the module asked for, which must be in their course.
    private func learnerModule(_ context: RequestContext) async throws -> (LearningStore.LearnerSnapshot, Module) {
        try await course.module(context.request.parameters["id"] ?? "", for: try context.signedIn.account.id)
    }

    func courseView(_ context: RequestContext) async throws -> Reply<CourseView> {
        let account = try context.signedIn.account
        let current = course.now()
        let languageAsked = context.request.queryParameters["lang"] ?? LanguageChoice.acceptedLanguages(context.request).first ?? ""
        if let cached = store.renderedCourses[account.id]?[languageAsked], current.timeIntervalSince(cached.madeAt) < 60 {
            return Reply(encoded: cached.json)
        }
        let snapshot = try await course.snapshot(of: account.id)
        guard let sectorCourse = catalog.courses[snapshot.sector] else { throw CourseRefusal.notOnRoster }
        let modules = catalog.path(for: snapshot.sector, role: snapshot.role)
        let language = try LanguageChoice.resolve(context.request, available: catalog.languagesBySector[snapshot.sector] ?? [])
        let views = modules.map { module in
            ModuleSummary(module: module, language: language, snapshot: snapshot, policy: policy, now: current)
        }
        let counting = snapshot.latestCompletion.flatMap { completion in
            policy.counts(completedAt: completion.completedAt, courseVersion: completion.courseVersion, course: sectorCourse, now: current) ? completion : nil
        }
        let view = CourseView(
            sector: snapshot.sector.rawValue, courseVersion: sectorCourse.version, language: language,
            role: snapshot.role, roles: catalog.roles(for: snapshot.sector),
            roleRequired: catalog.needsRole(for: snapshot.sector, role: snapshot.role),
            estimatedMinutes: catalog.estimatedMinutes(for: snapshot.sector, role: snapshot.role), modules: views,
            requiredRemaining: views.filter { $0.required && $0.status != "passed" }.count,
            completion: counting.map { CompletionView($0, policy: policy) })
        let json = view.json()
        var rendered = store.renderedCourses[account.id] ?? [:]
        rendered[languageAsked] = LearningStore.RenderedCourse(json: json, madeAt: current)
        store.renderedCourses.store(rendered, for: account.id)
        return Reply(encoded: json)
    }

    private func moduleAnswer(_ context: RequestContext) async throws -> ModuleView {
        let (snapshot, module) = try await learnerModule(context)
        let language = try LanguageChoice.resolve(context.request, available: module.languages)
        guard let texts = module.texts[language] else { throw APIError.notFound() }
        let seen = snapshot.seenLessons[module.id] ?? []
        let lessons = module.lessonIDs.map { id in
            LessonView(id: id, title: texts.lessons[id]?.title ?? id, html: texts.lessons[id]?.html ?? "", seen: seen.contains(id))
        }
        let status = ModuleStatus.of(lastPass: snapshot.lastPasses[module.id], hasActivity: !seen.isEmpty || snapshot.attemptedModules.contains(module.id),
                                     policy: policy, now: course.now())
        return ModuleView(
            id: module.id, version: module.version, title: texts.title, summary: texts.summary, language: language,
            availableLanguages: module.languages, minutes: module.minutes, passMark: module.passMark,
            questionsPerAttempt: module.questionsPerAttempt, required: module.isRequired, status: status.name,
            resumeLessonId: lessons.first { !$0.seen }?.id ?? lessons.last?.id, lessonsToRead: lessons.filter { !$0.seen }.map(\.id),
            failuresInARow: snapshot.failuresInARow[module.id] ?? 0, failuresBeforeRereading: QuizGate.failuresBeforeRereading,
            lessons: lessons, sources: module.sources)
    }

    func moduleImage(_ context: RequestContext) async throws -> HTTPResponse {
        let id = context.request.parameters["id"] ?? ""
        let name = context.request.parameters["name"] ?? ""
        guard catalog.modules[id] != nil, !name.contains("/"), !name.hasPrefix(".") else { throw APIError.notFound() }
        // A module without an images folder has no images: 404, not the folder's absence as a 500.
        guard let staticFiles = images[id] else { throw APIError.notFound("Module '\(id)' has no image '\(name)'.") }
        var request = context.request
        request.path = "/" + name
        return await staticFiles.respond(to: request)
    }

    func startQuiz(_ context: RequestContext) async throws -> Reply<AttemptView> {
        let (_, module) = try await learnerModule(context)
        let language = try LanguageChoice.resolve(context.request, available: module.languages)
        let attempt = try await course.startAttempt(of: module, by: try context.signedIn.account.id, language: language)
        let texts = module.texts[language]
        let questions = attempt.served.compactMap { item -> ServedQuestionView? in
            guard let question = module.question(item.questionID), let text = texts?.questions[item.questionID] else { return nil }
            return ServedQuestionView(question: question, text: text, served: item, trueAndFalse: strings.trueAndFalse(language))
        }
        let view = AttemptView(id: attempt.id, moduleId: module.id, language: language, passMark: module.passMark, expiresAt: attempt.expiresAt,
                               resumed: attempt.resumed, questions: questions)
        return Reply(encoded: view.json(), status: attempt.resumed ? .ok : .created)
    }

    struct RoleChoice: Decodable {
        let role: String
    }

    func chooseMyRole(_ context: RequestContext, _ body: RoleChoice) async throws -> HTTPHeaders {
        let account = try context.signedIn.account
        try await course.chooseRole(try Validation.role(body.role, offered: try await course.roles(for: account.id)), for: account.id)
        return [:]
    }

    struct AnswersRequest: Decodable {
        let answers: [String: [String]]
    }

    func submitAnswers(_ context: RequestContext, _ body: AnswersRequest) async throws -> Reply<ResultView> {
        let account = try context.signedIn.account
        let submission = try await course.submit(attempt: context.request.parameters["id"] ?? "", by: account.id, answers: body.answers)
        guard let module = catalog.modules[submission.moduleID] else { throw APIError.notFound() }
        let texts = module.texts[submission.language] ?? module.texts["en"]
        // A failed attempt can be taken again, so its answer names what was wrong, never what is right.
        // The review speaks the attempt's own labels, as its questions did.
        let reveal = submission.result.revealsCorrectOptions
        let served = Dictionary(submission.served.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        let results = submission.result.questions.compactMap { result -> QuestionResultView? in
            guard let question = module.question(result.questionID), let shown = served[question.id] else { return nil }
            let words = texts?.questions[question.id]
            return QuestionResultView(id: question.id, situation: words?.situation, text: words?.text ?? question.id, correct: result.isCorrect, chosen: reveal ? result.chosen.compactMap(shown.label(of:)) : nil,
                                      correctOptions: reveal ? shown.optionOrder.filter(question.correctOptionIDs.contains).compactMap(shown.label(of:)) : nil,
                                      explanation: words?.explanation ?? "")
        }
        return Reply(encoded: ResultView(
            attemptId: context.request.parameters["id"] ?? "", moduleId: module.id, score: submission.result.correctCount,
            total: submission.result.total, percent: submission.result.percent, passMark: module.passMark,
            passed: submission.result.passed, failuresInARow: submission.failuresInARow,
            lessonsToReread: submission.failuresInARow == 0 && !submission.result.passed, questions: results,
            courseCompleted: submission.courseCompletion != nil,
            completion: submission.courseCompletion.map { CompletionView($0, policy: policy) }).json())
    }
}

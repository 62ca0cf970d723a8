import Foundation
import HTTP
import Learning
import Storage
import Threads

/// The learner's API: course, module lessons, reading progress, attempts and answers.
struct LearningRoutes: Sendable {
    let catalog: Catalog
    let store: LearningStore
    let policy: CompletionPolicy
    let attemptLifetime: TimeInterval
    /// Each module's `images/` folder, resolved once at start (modules without one have none).
    let images: [String: StaticFiles]
    let now: @Sendable () -> Date
    /// Issues the business's certificate when a completion makes the rule hold.
    let issuer: CertificateIssuer

    init(catalog: Catalog, store: LearningStore, policy: CompletionPolicy, attemptLifetime: TimeInterval, modulesFolder: String,
         files: BlockingPool, now: @escaping @Sendable () -> Date, issuer: CertificateIssuer) {
        self.catalog = catalog
        self.store = store
        self.policy = policy
        self.attemptLifetime = attemptLifetime
        images = catalog.modules.keys.reduce(into: [:]) { images, id in
            images[id] = try? StaticFiles(folder: modulesFolder + "/" + id + "/images", pool: files)
        }
        self.now = now
        self.issuer = issuer
    }

    static let learners: Access = .roles([.employee, .manager])

    func courseView(_ context: RequestContext) async throws -> Reply<CourseView> {
        try await course(context)
    }

    func moduleView(_ context: RequestContext) async throws -> Reply<ModuleView> {
        Reply(try await module(context))
    }

    func moduleImage(_ context: RequestContext) async throws -> HTTPResponse {
        try await image(context)
    }

    func markLessonSeen(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        let (learner, module) = try await learnerModule(context)
        let lessonID = context.request.parameters["lessonId"] ?? ""
        guard module.lessonIDs.contains(lessonID) else { throw APIError.notFound("Module '\(module.id)' has no lesson '\(lessonID)'.") }
        try await store.markSeen(userID: learner.id, moduleID: module.id, lessonID: lessonID, now: now())
        return [:]
    }

    func startQuiz(_ context: RequestContext) async throws -> Reply<AttemptView> {
        try await startAttempt(context)
    }

    func chooseMyRole(_ context: RequestContext, _ body: RoleChoice) async throws -> HTTPHeaders {
        try await chooseRole(context, body)
    }

    func submitAnswers(_ context: RequestContext, _ body: AnswersRequest) async throws -> Reply<ResultView> {
        try await submit(context, body)
    }

    /// The signed-in learner and the module asked for, which must be in their sector's course.
    private func learnerModule(_ context: RequestContext) async throws -> (Account, Module) {
        let account = try context.signedIn.account
        guard let snapshot = try await store.snapshot(userID: account.id) else { throw APIError.notFound("You are not on a business's roster.") }
        let id = context.request.parameters["id"] ?? ""
        guard let module = catalog.path(for: snapshot.sector, role: snapshot.role).first(where: { $0.id == id }) else {
            throw APIError.notFound("Your course has no module '\(id)'.")
        }
        return (account, module)
    }

    private func course(_ context: RequestContext) async throws -> Reply<CourseView> {
        let account = try context.signedIn.account
        let current = now()
        let languageAsked = context.request.queryParameters["lang"] ?? LanguageChoice.acceptedLanguages(context.request).first ?? ""
        if let cached = store.renderedCourses[account.id]?[languageAsked], current.timeIntervalSince(cached.madeAt) < 60 {
            return Reply(encoded: cached.json)
        }
        guard let snapshot = try await store.snapshot(userID: account.id), let course = catalog.courses[snapshot.sector] else {
            throw APIError.notFound("You are not on a business's roster.")
        }
        let modules = catalog.path(for: snapshot.sector, role: snapshot.role)
        let language = try LanguageChoice.resolve(context.request, available: catalog.languagesBySector[snapshot.sector] ?? [])
        let views = modules.map { module in
            ModuleSummary(module: module, language: language, snapshot: snapshot, policy: policy, now: current)
        }
        let counting = snapshot.latestCompletion.flatMap { completion in
            policy.counts(completedAt: completion.completedAt, courseVersion: completion.courseVersion, course: course, now: current) ? completion : nil
        }
        let view = CourseView(
            sector: snapshot.sector.rawValue, courseVersion: course.version, language: language,
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

    private func module(_ context: RequestContext) async throws -> ModuleView {
        let (account, module) = try await learnerModule(context)
        let language = try LanguageChoice.resolve(context.request, available: module.languages)
        guard let snapshot = try await store.snapshot(userID: account.id), let texts = module.texts[language] else { throw APIError.notFound() }
        let seen = snapshot.seenLessons[module.id] ?? []
        let lessons = module.lessonIDs.map { id in
            LessonView(id: id, title: texts.lessons[id]?.title ?? id, html: texts.lessons[id]?.html ?? "", seen: seen.contains(id))
        }
        let status = ModuleStatus.of(lastPass: snapshot.lastPasses[module.id], hasActivity: !seen.isEmpty || snapshot.attemptedModules.contains(module.id),
                                     policy: policy, now: now())
        return ModuleView(
            id: module.id, version: module.version, title: texts.title, summary: texts.summary, language: language,
            availableLanguages: module.languages, minutes: module.minutes, passMark: module.passMark,
            questionsPerAttempt: module.questionsPerAttempt, required: module.isRequired, status: status.name,
            resumeLessonId: lessons.first { !$0.seen }?.id ?? lessons.last?.id, lessonsToRead: lessons.filter { !$0.seen }.map(\.id),
            failuresInARow: snapshot.failuresInARow[module.id] ?? 0, failuresBeforeRereading: QuizGate.failuresBeforeRereading,
            lessons: lessons, sources: module.sources)
    }

    private func image(_ context: RequestContext) async throws -> HTTPResponse {
        let id = context.request.parameters["id"] ?? ""
        let name = context.request.parameters["name"] ?? ""
        guard catalog.modules[id] != nil, !name.contains("/"), !name.hasPrefix(".") else { throw APIError.notFound() }
        // A module without an images folder has no images: 404, not the folder's absence as a 500.
        guard let staticFiles = images[id] else { throw APIError.notFound("Module '\(id)' has no image '\(name)'.") }
        var request = context.request
        request.path = "/" + name
        return await staticFiles.respond(to: request)
    }

    private func startAttempt(_ context: RequestContext) async throws -> Reply<AttemptView> {
        let (account, module) = try await learnerModule(context)
        let language = try LanguageChoice.resolve(context.request, available: module.languages)
        let attempt: LearningStore.StartedAttempt
        do {
            attempt = try await store.startAttempt(userID: account.id, module: module, language: language, now: now(), lifetime: attemptLifetime)
        } catch LearningStore.StartRefusal.lessonsUnread(let lessons) {
            throw Self.lessonsUnread(lessons, module: module)
        }
        let texts = module.texts[language]
        let questions = attempt.served.compactMap { item -> ServedQuestionView? in
            guard let question = module.question(item.questionID), let text = texts?.questions[item.questionID] else { return nil }
            return ServedQuestionView(question: question, text: text, served: item, language: language)
        }
        let view = AttemptView(id: attempt.id, moduleId: module.id, language: language, passMark: module.passMark, expiresAt: attempt.expiresAt,
                               resumed: attempt.resumed, questions: questions)
        return Reply(encoded: view.json(), status: attempt.resumed ? .ok : .created)
    }

    /// 409 naming the lessons still to read, first one first, so the page can take the person there.
    private static func lessonsUnread(_ lessons: [String], module: Module) -> APIError {
        var error = APIError.conflict("lessons_unread", "Read every lesson of this module before you start the quiz.")
        error.details = [("moduleId", .text(module.id)), ("lessons", .list(lessons))]
        return error
    }

    struct RoleChoice: Decodable {
        let role: String
    }

    /// A person says which job they do, once: the course then holds that role's module. Changing it later
    /// is the manager's (the roster), so nobody swaps to an easier path alone.
    private func chooseRole(_ context: RequestContext, _ body: RoleChoice) async throws -> HTTPHeaders {
        let account = try context.signedIn.account
        guard let snapshot = try await store.snapshot(userID: account.id) else { throw APIError.notFound("You are not on a business's roster.") }
        let role = try Validation.role(body.role, offered: catalog.roles(for: snapshot.sector))
        guard try await store.chooseRole(userID: account.id, role: role, offered: catalog.roles(for: snapshot.sector), now: now()) else {
            throw APIError.conflict("role_already_set", "Your job is already set. Ask your manager to change it.")
        }
        return [:]
    }

    struct AnswersRequest: Decodable {
        let answers: [String: [String]]
    }

    private func submit(_ context: RequestContext, _ body: AnswersRequest) async throws -> Reply<ResultView> {
        let account = try context.signedIn.account
        let submission = try await store.submit(attemptID: context.request.parameters["id"] ?? "", userID: account.id, answers: body.answers,
                                                catalog: catalog, policy: policy, now: now(), issuer: issuer)
        guard let module = catalog.modules[submission.moduleID] else { throw APIError.notFound() }
        let texts = module.texts[submission.language] ?? module.texts["en"]
        // A failed attempt can be taken again, so its answer names what was wrong, never what is right.
        // The review speaks the attempt's own labels, as its questions did.
        let reveal = submission.result.revealsCorrectOptions
        let served = Dictionary(submission.served.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        let results = submission.result.questions.compactMap { result -> QuestionResultView? in
            guard let question = module.question(result.questionID), let shown = served[question.id] else { return nil }
            return QuestionResultView(id: question.id, correct: result.isCorrect, chosen: reveal ? result.chosen.compactMap(shown.label(of:)) : nil,
                                      correctOptions: reveal ? shown.optionOrder.filter(question.correctOptionIDs.contains).compactMap(shown.label(of:)) : nil,
                                      explanation: texts?.questions[question.id]?.explanation ?? "")
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

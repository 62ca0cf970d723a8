import Foundation
import Learning
@testable import Signaal
import Testing

/// The learner's journey over HTTP on the real content in `modules/`.
@Suite(.cleansUp)
struct LearningAPITests {
    struct Learner {
        let app: RunningApp
        let clock: TestClock
        let headers: [String: String]
    }

    /// A signed-in learner of a business in `sector`, with the sector's first job role (its role module in their path).
    static func learner(sector: String = "hotel") async throws -> Learner {
        let clock = TestClock()
        let app = try RunningApp.start { $0.now = { clock.now } }
        let business = try await Seed.business(app, sector: sector)
        let role = app.application.catalog.roles(for: Sector(rawValue: sector)!).first
        let email = try await Seed.person(app, businessID: business, jobRole: role?.rawValue)
        return Learner(app: app, clock: clock, headers: try await Seed.signIn(app, email: email))
    }

    /// The modules of the test learner's path: the sector's course with its first role's module.
    static func path(_ app: RunningApp, _ sector: Sector = .hotel) -> [Module] {
        app.application.catalog.path(for: sector, role: app.application.catalog.roles(for: sector).first)
    }

    /// Answers to an attempt, in the attempt's own option labels: every served question right, or only the
    /// first `rightCount`. A learner who knows the answers finds them by their words, not by their label.
    static func answers(for attempt: [String: Any], catalog: Catalog, module: String, rightCount: Int = .max) -> [String: [String]] {
        let questions = attempt["questions"] as? [[String: Any]] ?? []
        var answers: [String: [String]] = [:]
        for (index, question) in questions.enumerated() {
            let id = question["id"] as! String
            let definition = catalog.modules[module]!.question(id)!
            let right = definition.optionIDs.filter(definition.correctOptionIDs.contains)
            let chosen = index < rightCount ? right : [definition.optionIDs.first { !definition.correctOptionIDs.contains($0) }!]
            answers[id] = chosen.map { label(of: $0, in: question, definition: definition, catalog: catalog, module: module, language: attempt["language"] as? String) }
        }
        return answers
    }

    /// The label an option has in a served question: found by its words (true/false keep their names).
    static func label(of option: String, in question: [String: Any], definition: Question, catalog: Catalog, module: String, language: String?) -> String {
        guard definition.form != .trueFalse else { return option }
        let words = catalog.modules[module]!.texts[language ?? "nl"]!.questions[definition.id]!.options[option]
        let shown = question["options"] as? [[String: Any]] ?? []
        return shown.first { $0["text"] as? String == words }?["id"] as? String ?? "?"
    }

    /// Marks every lesson of `module` read, as the lesson reader does, so its quiz can start.
    static func readLessons(_ app: RunningApp, _ module: String, headers: [String: String]) async throws {
        for lesson in app.application.catalog.modules[module]?.lessonIDs ?? [] {
            let seen = try await app.request("POST", "/api/v1/modules/\(module)/lessons/\(lesson)/seen", headers: headers)
            guard seen.status == 204 else { throw HTTPClient.Failure(description: "seen \(module)/\(lesson): \(seen.status) \(seen.text)") }
        }
    }

    /// Reads the module's lessons, then starts (or resumes) its quiz.
    static func startQuiz(_ app: RunningApp, _ module: String, headers: [String: String], query: String = "") async throws -> HTTPClient.Response {
        try await readLessons(app, module, headers: headers)
        return try await app.request("POST", "/api/v1/modules/\(module)/attempts\(query)", headers: headers)
    }

    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    @Test func course_listsTheSectorsModulesWithStatusAndMinutes() async throws {
        let learner = try await Self.learner()
        let course = try await learner.app.request("GET", "/api/v1/course", headers: learner.headers)
        #expect(course.status == 200)
        let modules = try #require(course.json?["modules"] as? [[String: Any]])
        #expect(modules.map { $0["id"] as! String } == Self.path(learner.app).map(\.id))
        #expect(course.json?["role"] as? String == "reception")
        #expect(course.json?["roleRequired"] as? Bool == false)
        #expect(modules.allSatisfy { $0["status"] as? String == "not_started" })
        #expect(course.json?["language"] as? String == "nl")
        #expect(course.json?["estimatedMinutes"] as? Int == Self.path(learner.app).map(\.minutes).reduce(0, +))
        #expect(modules.first?["title"] as? String == learner.app.application.catalog.modules["core-exploitation"]!.texts["nl"]!.title)
        let english = try await learner.app.request("GET", "/api/v1/course?lang=en", headers: learner.headers)
        #expect((english.json?["modules"] as? [[String: Any]])?.first?["title"] as? String
                == learner.app.application.catalog.modules["core-exploitation"]!.texts["en"]!.title)
        await learner.app.application.shutdown()
    }

    @Test func moduleLessons_inTheChosenLanguage_orA400ListingThem() async throws {
        let learner = try await Self.learner()
        let module = try await learner.app.request("GET", "/api/v1/modules/core-signals?lang=en", headers: learner.headers)
        #expect(module.status == 200)
        #expect(module.json?["availableLanguages"] as? [String] == ["ar", "bg", "en", "es", "nl", "pl", "pt", "ro", "tr", "uk"])
        let lessons = try #require(module.json?["lessons"] as? [[String: Any]])
        let definition = try #require(learner.app.application.catalog.modules["core-signals"])
        #expect(lessons.map { $0["id"] as? String } == definition.lessonIDs)
        #expect((lessons[0]["html"] as? String)?.contains("<h2>") == true)
        #expect(lessons[0]["title"] as? String == definition.texts["en"]?.lessons[definition.lessonIDs[0]]?.title)
        let unknown = try await learner.app.request("GET", "/api/v1/modules/core-signals?lang=de", headers: learner.headers)
        #expect(unknown.status == 400)
        #expect(unknown.text.contains("unsupported_language"))
        #expect(unknown.text.contains("Available: ar, bg, en, es, nl, pl, pt, ro, tr, uk"))
        let polish = try await learner.app.request("GET", "/api/v1/modules/core-signals", headers: learner.headers.merging(["Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"]) { $1 })
        #expect(polish.json?["language"] as? String == "pl")
        // A list names fallbacks in order: the first the module has wins.
        let inPolish = try await learner.app.request("GET", "/api/v1/modules/core-signals?lang=pl,en", headers: learner.headers)
        #expect(inPolish.json?["language"] as? String == "pl")
        let fallback = try await learner.app.request("GET", "/api/v1/modules/sector-hotel?lang=de,uk,en", headers: learner.headers)
        #expect(fallback.json?["language"] as? String == "uk")
        #expect(try await learner.app.request("GET", "/api/v1/modules/core-signals?lang=de,fr", headers: learner.headers).status == 400)
        let notMine = try await learner.app.request("GET", "/api/v1/modules/sector-taxi", headers: learner.headers)
        #expect(notMine.status == 404)
        await learner.app.application.shutdown()
    }

    @Test func seenLessons_letTheLearnerResume() async throws {
        let learner = try await Self.learner()
        let lessons = learner.app.application.catalog.modules["core-signals"]!.lessonIDs
        for lesson in lessons.prefix(2) {
            let seen = try await learner.app.request("POST", "/api/v1/modules/core-signals/lessons/\(lesson)/seen", headers: learner.headers)
            #expect(seen.status == 204)
        }
        let module = try await learner.app.request("GET", "/api/v1/modules/core-signals", headers: learner.headers)
        #expect(module.json?["resumeLessonId"] as? String == lessons[2])
        #expect(module.json?["status"] as? String == "in_progress")
        let missing = try await learner.app.request("POST", "/api/v1/modules/core-signals/lessons/nope/seen", headers: learner.headers)
        #expect(missing.status == 404)
        let withoutCSRF = try await learner.app.request("POST", "/api/v1/modules/core-signals/lessons/\(lessons[0])/seen",
                                                        headers: ["Cookie": learner.headers["Cookie"]!])
        #expect(withoutCSRF.status == 403)
        await learner.app.application.shutdown()
    }

    /// Every key anywhere in a JSON value.
    static func keys(in value: Any) -> Set<String> {
        if let object = value as? [String: Any] { return Set(object.keys).union(object.values.flatMap { keys(in: $0) }) }
        if let array = value as? [Any] { return Set(array.flatMap { keys(in: $0) }) }
        return []
    }

    @Test func startedAttempt_carriesNoCorrectness() async throws {
        let learner = try await Self.learner()
        for module in Self.path(learner.app).map(\.id) {
            let attempt = try await Self.startQuiz(learner.app, module, headers: learner.headers)
            #expect(attempt.status == 201)
            let body = try #require(attempt.json)
            let keys = Self.keys(in: body)
            for forbidden in ["correct", "correctOptions", "correctOptionIDs", "explanation", "isCorrect", "answer"] {
                #expect(!keys.contains(forbidden), "\(module) leaks \(forbidden)")
            }
            let questions = try #require(body["questions"] as? [[String: Any]])
            #expect(questions.count == learner.app.application.catalog.modules[module]!.questionsPerAttempt)
        }
        await learner.app.application.shutdown()
    }

    @Test func submission_isScoredOnce_withExplanations() async throws {
        let learner = try await Self.learner()
        let catalog = learner.app.application.catalog
        let attempt = try #require(try await Self.startQuiz(learner.app, "core-myths", headers: learner.headers, query: "?lang=en").json)
        let id = attempt["id"] as! String
        let module = try #require(catalog.modules["core-myths"])
        let total = module.questionsPerAttempt
        let atMark = (module.passMark * total + 99) / 100
        let answers = Self.answers(for: attempt, catalog: catalog, module: "core-myths", rightCount: atMark)
        let result = try await learner.app.request("POST", "/api/v1/attempts/\(id)/answers", headers: learner.headers, body: Self.json(["answers": answers]))
        #expect(result.status == 200)
        #expect(result.json?["score"] as? Int == atMark)
        #expect(result.json?["total"] as? Int == total)
        #expect(result.json?["passed"] as? Bool == true)  // exactly the pass mark
        let questions = try #require(result.json?["questions"] as? [[String: Any]])
        #expect(questions.allSatisfy { !($0["explanation"] as? String ?? "").isEmpty })
        // The review reads on its own: each question's words, and a scenario's situation.
        for question in questions {
            let words = try #require(module.texts["en"]?.questions[question["id"] as? String ?? ""])
            #expect(question["text"] as? String == words.text)
            #expect(question["situation"] as? String == words.situation)
        }
        #expect(questions.filter { $0["correct"] as? Bool == true }.count == atMark)
        #expect(questions.allSatisfy { $0["correctOptions"] is [String] })  // a passed attempt shows the full review
        let again = try await learner.app.request("POST", "/api/v1/attempts/\(id)/answers", headers: learner.headers, body: Self.json(["answers": answers]))
        #expect(again.status == 409)

        let failing = try #require(try await Self.startQuiz(learner.app, "core-myths", headers: learner.headers).json)
        let failed = try await learner.app.request("POST", "/api/v1/attempts/\(failing["id"] as! String)/answers", headers: learner.headers,
                                                   body: Self.json(["answers": Self.answers(for: failing, catalog: catalog, module: "core-myths", rightCount: atMark - 1)]))
        #expect(failed.json?["passed"] as? Bool == false)  // one below the pass mark
        await learner.app.application.shutdown()
    }

    @Test func submissionErrors_haveTheirStatus() async throws {
        let learner = try await Self.learner()
        let attempt = try #require(try await Self.startQuiz(learner.app, "core-law", headers: learner.headers).json)
        let id = attempt["id"] as! String
        let served = (attempt["questions"] as! [[String: Any]]).map { $0["id"] as! String }
        let pool = learner.app.application.catalog.modules["core-law"]!.questions.map(\.id)
        let notServed = try #require(pool.first { !served.contains($0) })
        let wrongQuestion = try await learner.app.request("POST", "/api/v1/attempts/\(id)/answers", headers: learner.headers,
                                                          body: Self.json(["answers": [notServed: ["a"]]]))
        #expect(wrongQuestion.status == 422)
        #expect(wrongQuestion.text.contains("question_not_served"))
        let wrongOption = try await learner.app.request("POST", "/api/v1/attempts/\(id)/answers", headers: learner.headers,
                                                        body: Self.json(["answers": [served[0]: ["zz"]]]))
        #expect(wrongOption.status == 422)
        #expect(wrongOption.text.contains("option_not_served"))
        let badJSON = try await learner.app.request("POST", "/api/v1/attempts/\(id)/answers", headers: learner.headers, body: #"{"answers": 5}"#)
        #expect(badJSON.status == 400)

        let business = try await Seed.business(learner.app)
        let other = try await Seed.signIn(learner.app, email: try await Seed.person(learner.app, businessID: business, name: "Bo"))
        let someoneElses = try await learner.app.request("POST", "/api/v1/attempts/\(id)/answers", headers: other, body: Self.json(["answers": [:]]))
        #expect(someoneElses.status == 404)
        #expect(try await learner.app.request("POST", "/api/v1/attempts/att_nothing/answers", headers: learner.headers, body: #"{"answers":{}}"#).status == 404)

        learner.clock.advance(by: 2 * 3600 + 1)
        let expired = try await learner.app.request("POST", "/api/v1/attempts/\(id)/answers", headers: learner.headers, body: Self.json(["answers": [:]]))
        #expect(expired.status == 410)
        #expect(expired.text.contains("attempt_expired"))
        await learner.app.application.shutdown()
    }

    @Test func passingEveryRequiredModule_recordsTheCourseCompletionWithItsVersion() async throws {
        let learner = try await Self.learner(sector: "taxi")
        let catalog = learner.app.application.catalog
        let required = Self.path(learner.app, .taxi).filter(\.isRequired).map(\.id)
        var lastResult: [String: Any] = [:]
        for (index, module) in required.enumerated() {
            let attempt = try #require(try await Self.startQuiz(learner.app, module, headers: learner.headers).json)
            lastResult = try #require(try await learner.app.request("POST", "/api/v1/attempts/\(attempt["id"] as! String)/answers", headers: learner.headers,
                                                                   body: Self.json(["answers": Self.answers(for: attempt, catalog: catalog, module: module)])).json)
            #expect(lastResult["passed"] as? Bool == true)
            #expect(lastResult["courseCompleted"] as? Bool == (index == required.count - 1))
        }
        #expect((lastResult["completion"] as? [String: Any])?["courseVersion"] as? Int == catalog.courses[.taxi]!.version)
        let course = try await learner.app.request("GET", "/api/v1/course", headers: learner.headers)
        #expect((course.json?["completion"] as? [String: Any])?["courseVersion"] as? Int == catalog.courses[.taxi]!.version)
        #expect(course.json?["requiredRemaining"] as? Int == 0)
        let stored = try await learner.app.application.database.read { try $0.query("SELECT course_version FROM course_completions") { $0.int(0) } }
        #expect(stored == [catalog.courses[.taxi]!.version])
        await learner.app.application.shutdown()
    }

    @Test func adminModuleStatistics_countOptions_andRolesAreEnforced() async throws {
        let learner = try await Self.learner()
        let attempt = try #require(try await Self.startQuiz(learner.app, "core-myths", headers: learner.headers).json)
        let answers = Self.answers(for: attempt, catalog: learner.app.application.catalog, module: "core-myths")
        _ = try await learner.app.request("POST", "/api/v1/attempts/\(attempt["id"] as! String)/answers", headers: learner.headers, body: Self.json(["answers": answers]))
        #expect(try await learner.app.request("GET", "/api/v1/admin/modules", headers: learner.headers).status == 403)

        try await Operations.createAdmin(dataFolder: learner.app.application.configuration.dataFolder, name: "Ada", email: "ada@x.nl", password: Seed.password)
        let admin = try await Seed.signIn(learner.app, email: "ada@x.nl")
        #expect(try await learner.app.request("GET", "/api/v1/course", headers: admin).status == 403)
        let statistics = try await learner.app.request("GET", "/api/v1/admin/modules?lang=en", headers: admin)
        #expect(statistics.status == 200)
        let modules = try #require(statistics.json?["modules"] as? [[String: Any]])
        let myths = try #require(modules.first { $0["id"] as? String == "core-myths" })
        #expect(myths["attempts"] as? Int == 1)
        #expect(myths["passRate"] as? Double == 1.0)
        let questions = try #require(myths["questions"] as? [[String: Any]])
        let answered = questions.filter { $0["answered"] as? Int == 1 }
        #expect(answered.count == learner.app.application.catalog.modules["core-myths"]!.questionsPerAttempt)
        let english = try #require(learner.app.application.catalog.modules["core-myths"]?.texts["en"])
        for question in answered {
            #expect(question["situation"] as? String == english.questions[question["id"] as? String ?? ""]?.situation)
            let chosen = (question["options"] as! [[String: Any]]).filter { $0["chosen"] as? Int == 1 }
            #expect(!chosen.isEmpty && chosen.allSatisfy { $0["correct"] as? Bool == true })
        }
        await learner.app.application.shutdown()
    }
}

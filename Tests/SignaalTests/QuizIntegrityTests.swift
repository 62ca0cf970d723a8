import Foundation
import Learning
@testable import Signaal
import Testing

/// The quiz rules that make a pass mean the lessons were learnt, over HTTP: read first, one open attempt,
/// no answer key in a failed attempt, a second reading after three failures, fresh questions on a retake.
@Suite(.cleansUp)
struct QuizIntegrityTests {
    typealias Learner = LearningAPITests.Learner

    func start(_ learner: Learner, _ module: String) async throws -> HTTPClient.Response {
        try await learner.app.request("POST", "/api/v1/modules/\(module)/attempts", headers: learner.headers)
    }

    func submit(_ learner: Learner, _ attempt: [String: Any], module: String, rightCount: Int = .max) async throws -> [String: Any] {
        let answers = LearningAPITests.answers(for: attempt, catalog: learner.app.application.catalog, module: module, rightCount: rightCount)
        let result = try await learner.app.request("POST", "/api/v1/attempts/\(attempt["id"] as! String)/answers", headers: learner.headers,
                                                   body: LearningAPITests.json(["answers": answers]))
        return try #require(result.json, "\(result.status) \(result.text)")
    }

    @Test func quizBeforeReading_is409_namingTheLessonsStillToRead() async throws {
        let learner = try await LearningAPITests.learner()
        let lessons = learner.app.application.catalog.modules["core-signals"]!.lessonIDs
        let refused = try await start(learner, "core-signals")
        #expect(refused.status == 409)
        let error = try #require(refused.json?["error"] as? [String: Any])
        #expect(error["code"] as? String == "lessons_unread")
        #expect(error["lessons"] as? [String] == lessons)
        _ = try await learner.app.request("POST", "/api/v1/modules/core-signals/lessons/\(lessons[0])/seen", headers: learner.headers)
        #expect((try await start(learner, "core-signals").json?["error"] as? [String: Any])?["lessons"] as? [String] == Array(lessons.dropFirst()))
        let module = try #require(try await learner.app.request("GET", "/api/v1/modules/core-signals", headers: learner.headers).json)
        #expect(module["lessonsToRead"] as? [String] == Array(lessons.dropFirst()))
        try await LearningAPITests.readLessons(learner.app, "core-signals", headers: learner.headers)
        #expect(try await start(learner, "core-signals").status == 201)
        // Nothing was written for the refused starts.
        let attempts = try await learner.app.application.database.read { try $0.queryOne("SELECT count(*) FROM attempts") { $0.int(0) } }
        #expect(attempts == 1)
        await learner.app.application.shutdown()
    }

    @Test func startingAgain_returnsTheOpenAttempt_untilItIsSubmittedOrExpires() async throws {
        let learner = try await LearningAPITests.learner()
        let first = try await LearningAPITests.startQuiz(learner.app, "core-law", headers: learner.headers)
        #expect(first.status == 201)
        let again = try await start(learner, "core-law")
        #expect(again.status == 200)
        #expect(again.json?["resumed"] as? Bool == true)
        #expect(again.json?["id"] as? String == first.json?["id"] as? String)
        let questionIDs = { (response: HTTPClient.Response) in (response.json?["questions"] as? [[String: Any]])?.map { $0["id"] as! String } }
        #expect(questionIDs(again) == questionIDs(first))
        // Submitting it blank gives no key to any other open attempt: there is none, and the answer names no right option.
        let blank = try await submit(learner, try #require(first.json), module: "core-law", rightCount: 0)
        #expect(blank["passed"] as? Bool == false)
        #expect(!LearningAPITests.keys(in: blank).contains("correctOptions"))
        let next = try await start(learner, "core-law")
        #expect(next.status == 201)
        #expect(next.json?["id"] as? String != first.json?["id"] as? String)
        // An open attempt that expired is not returned.
        learner.clock.advance(by: 2 * 3600 + 1)
        let afterExpiry = try await start(learner, "core-law")
        #expect(afterExpiry.status == 201)
        #expect(afterExpiry.json?["id"] as? String != next.json?["id"] as? String)
        await learner.app.application.shutdown()
    }

    @Test func failedAttempt_saysWhatWasWrong_neverWhatIsRight_passedShowsTheReview() async throws {
        let learner = try await LearningAPITests.learner()
        let attempt = try #require(try await LearningAPITests.startQuiz(learner.app, "core-myths", headers: learner.headers).json)
        let failed = try await submit(learner, attempt, module: "core-myths", rightCount: 1)
        #expect(failed["passed"] as? Bool == false)
        #expect(failed["score"] as? Int == 1)
        let questions = try #require(failed["questions"] as? [[String: Any]])
        #expect(questions.filter { $0["correct"] as? Bool == false }.count == questions.count - 1)
        #expect(questions.allSatisfy { !($0["explanation"] as? String ?? "").isEmpty })
        let keys = LearningAPITests.keys(in: failed)
        #expect(!keys.contains("correctOptions") && !keys.contains("chosen"))
        #expect(failed["failuresInARow"] as? Int == 1)
        #expect(failed["lessonsToReread"] as? Bool == false)

        let retake = try #require(try await start(learner, "core-myths").json)
        let passed = try await submit(learner, retake, module: "core-myths")
        #expect(passed["passed"] as? Bool == true)
        let review = try #require(passed["questions"] as? [[String: Any]])
        let catalog = learner.app.application.catalog
        let shown = Dictionary(uniqueKeysWithValues: (retake["questions"] as? [[String: Any]] ?? []).map { ($0["id"] as! String, $0) })
        for question in review {
            let definition = try #require(catalog.modules["core-myths"]?.question(question["id"] as! String))
            let labels = definition.correctOptionIDs.map {
                LearningAPITests.label(of: $0, in: shown[definition.id]!, definition: definition, catalog: catalog, module: "core-myths",
                                       language: retake["language"] as? String)
            }
            #expect(Set(question["correctOptions"] as? [String] ?? []) == Set(labels))
        }
        #expect(passed["failuresInARow"] as? Int == 0)
        await learner.app.application.shutdown()
    }

    @Test func threeFailuresInARow_makeTheLessonsUnreadAgain_untilTheyAreReadOnceMore() async throws {
        let learner = try await LearningAPITests.learner()
        let lessons = learner.app.application.catalog.modules["core-law"]!.lessonIDs
        var last: [String: Any] = [:]
        for failure in 1...3 {
            learner.clock.advance(by: 60)
            let attempt = try #require(try await LearningAPITests.startQuiz(learner.app, "core-law", headers: learner.headers).json)
            last = try await submit(learner, attempt, module: "core-law", rightCount: 0)
            #expect(last["lessonsToReread"] as? Bool == (failure == 3))
        }
        #expect(last["failuresInARow"] as? Int == 0)
        learner.clock.advance(by: 60)
        let refused = try await start(learner, "core-law")
        #expect(refused.status == 409)
        #expect((refused.json?["error"] as? [String: Any])?["lessons"] as? [String] == lessons)
        let module = try #require(try await learner.app.request("GET", "/api/v1/modules/core-law", headers: learner.headers).json)
        #expect(module["resumeLessonId"] as? String == lessons.first)
        #expect((module["lessons"] as? [[String: Any]])?.allSatisfy { $0["seen"] as? Bool == false } == true)
        try await LearningAPITests.readLessons(learner.app, "core-law", headers: learner.headers)
        #expect(try await start(learner, "core-law").status == 201)
        await learner.app.application.shutdown()
    }

    @Test func optionLabels_belongToTheAttempt_soAKeyByLabelDoesNotCarryOver() async throws {
        let learner = try await LearningAPITests.learner()
        let attempt = try #require(try await LearningAPITests.startQuiz(learner.app, "core-signals", headers: learner.headers).json)
        let questions = try #require(attempt["questions"] as? [[String: Any]])
        let catalog = learner.app.application.catalog
        for question in questions {
            let definition = try #require(catalog.modules["core-signals"]?.question(question["id"] as! String))
            let labels = (question["options"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            // Positions, not the authored letters: "1", "2", … (true/false keep their names).
            #expect(labels == (definition.form == .trueFalse ? ["true", "false"] : definition.optionIDs.indices.map { String($0 + 1) }))
        }
        // An authored letter is no answer at all.
        let single = try #require(questions.first { ($0["type"] as? String) == "single" })
        let byLetter = try await learner.app.request("POST", "/api/v1/attempts/\(attempt["id"] as! String)/answers", headers: learner.headers,
                                                     body: LearningAPITests.json(["answers": [single["id"] as! String: ["a"]]]))
        #expect(byLetter.status == 422)
        #expect(byLetter.text.contains("option_not_served"))
        await learner.app.application.shutdown()
    }

    @Test func retake_drawsQuestionsNotServedLastTime_asFarAsThePoolAllows() async throws {
        let learner = try await LearningAPITests.learner()
        let module = learner.app.application.catalog.modules["core-signals"]!
        let ids = { (attempt: [String: Any]) in Set((attempt["questions"] as? [[String: Any]] ?? []).map { $0["id"] as! String }) }
        let first = try #require(try await LearningAPITests.startQuiz(learner.app, module.id, headers: learner.headers).json)
        _ = try await submit(learner, first, module: module.id)
        var previous = ids(first)
        for _ in 0..<4 {
            let attempt = try #require(try await start(learner, module.id).json)
            let drawn = ids(attempt)
            #expect(drawn.intersection(previous).count == max(0, 2 * module.questionsPerAttempt - module.questions.count))
            _ = try await submit(learner, attempt, module: module.id)
            previous = drawn
        }
        await learner.app.application.shutdown()
    }
}

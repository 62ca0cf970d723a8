import Foundation
@testable import Learning
import Testing

/// The integrity rules of a quiz: read first, a second reading after three failures in a row, fresh
/// questions on a retake, and no answer key in a failed attempt's result.
struct QuizGateTests {
    let module = Fixtures.module
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    func attempts(_ outcomes: [Bool]) -> [SubmittedAttempt] {
        outcomes.enumerated().map { index, passed in
            SubmittedAttempt(submittedAt: at(Double(10 + index)), passed: passed, questionIDs: [])
        }
    }

    @Test func quizWaitsForEveryLesson_inModuleOrder() {
        #expect(QuizGate.unreadLessons(of: module, lastRead: [:], history: []) == module.lessonIDs)
        let read = Dictionary(uniqueKeysWithValues: module.lessonIDs.map { ($0, at(1)) })
        #expect(QuizGate.unreadLessons(of: module, lastRead: read, history: []).isEmpty)
    }

    @Test func twoFailures_keepTheLessonsRead_theThirdMakesThemUnread() {
        let read = Dictionary(uniqueKeysWithValues: module.lessonIDs.map { ($0, at(1)) })
        #expect(QuizGate.unreadLessons(of: module, lastRead: read, history: attempts([false, false])).isEmpty)
        #expect(QuizGate.failuresInARow(history: attempts([false, false])) == 2)
        let threeFailures = attempts([false, false, false])
        #expect(QuizGate.readingReset(history: threeFailures) == at(12))
        #expect(QuizGate.unreadLessons(of: module, lastRead: read, history: threeFailures) == module.lessonIDs)
        #expect(QuizGate.failuresInARow(history: threeFailures) == 0)
        // Read again after the third failure: the quiz opens again.
        let reread = Dictionary(uniqueKeysWithValues: module.lessonIDs.map { ($0, at(13)) })
        #expect(QuizGate.unreadLessons(of: module, lastRead: reread, history: threeFailures).isEmpty)
    }

    @Test func aPassEndsTheRun_soFailuresAroundItDoNotAddUp() {
        let read = Dictionary(uniqueKeysWithValues: module.lessonIDs.map { ($0, at(1)) })
        let history = attempts([false, false, true, false, false])
        #expect(QuizGate.readingReset(history: history) == nil)
        #expect(QuizGate.failuresInARow(history: history) == 2)
        #expect(QuizGate.unreadLessons(of: module, lastRead: read, history: history).isEmpty)
        // The order the history comes in does not matter.
        #expect(QuizGate.readingReset(history: attempts([false, false, false]).reversed()) == at(12))
    }

    @Test func sixFailures_resetTwice_fromTheLatestRun() {
        let history = attempts([false, false, false, false, false, false])
        #expect(QuizGate.readingReset(history: history) == at(15))
        let readBetween = Dictionary(uniqueKeysWithValues: module.lessonIDs.map { ($0, at(12.5)) })
        #expect(QuizGate.unreadLessons(of: module, lastRead: readBetween, history: history) == module.lessonIDs)
    }

    @Test func retake_drawsQuestionsNotServedLastTime_asFarAsThePoolAllows() {
        var random = SeededGenerator(state: 3)
        for _ in 0..<50 {
            let first = AttemptRules.draw(from: module, using: &random)
            let history = [SubmittedAttempt(submittedAt: at(1), passed: false, questionIDs: first.map(\.questionID))]
            let second = AttemptRules.draw(from: module, lastServed: SubmittedAttempt.lastServed(in: history), using: &random)
            // A pool of 5 drawing 4: the one question left out last time is always in, and only 3 repeat.
            let left = Set(module.questions.map(\.id)).subtracting(first.map(\.questionID))
            #expect(left.isSubset(of: Set(second.map(\.questionID))))
            #expect(Set(second.map(\.questionID)).intersection(first.map(\.questionID)).count == 3)
            #expect(Set(second.map(\.questionID)).count == 4)
        }
    }

    @Test func retake_prefersNeverServed_thenTheLongestAgo() {
        var random = SeededGenerator(state: 9)
        // q1–q4 served in attempt 0, q2–q5 in attempt 1: q1 is the one served longest ago.
        let history = [SubmittedAttempt(submittedAt: at(1), passed: false, questionIDs: ["q1", "q2", "q3", "q4"]),
                       SubmittedAttempt(submittedAt: at(2), passed: false, questionIDs: ["q2", "q3", "q4", "q5"])]
        #expect(SubmittedAttempt.lastServed(in: history) == ["q1": 0, "q2": 1, "q3": 1, "q4": 1, "q5": 1])
        for _ in 0..<20 {
            let drawn = Set(AttemptRules.draw(from: module, lastServed: SubmittedAttempt.lastServed(in: history), using: &random).map(\.questionID))
            #expect(drawn.contains("q1"))
        }
    }

    @Test func labels_arePositionsInTheServedOrder_andResolveToOptions() throws {
        let served = ServedQuestion(questionID: "q2", optionOrder: ["c", "a", "d", "b"])
        #expect(served.labels == ["1", "2", "3", "4"])
        #expect(served.label(of: "d") == "3")
        #expect(served.option(labelled: "2") == "a")
        let trueFalse = ServedQuestion(questionID: "q3", optionOrder: ["true", "false"])
        #expect(trueFalse.labels == ["true", "false"])
        #expect(try AttemptRules.resolve(labelled: ["q2": ["1", "3"], "q3": ["false"]], served: [served, trueFalse]) == ["q2": ["c", "d"], "q3": ["false"]])
        #expect(throws: AttemptRules.SubmissionError.optionNotServed(question: "q2", option: "a")) {
            try AttemptRules.resolve(labelled: ["q2": ["a"]], served: [served])
        }
        #expect(throws: AttemptRules.SubmissionError.questionNotServed("q9")) {
            try AttemptRules.resolve(labelled: ["q9": ["1"]], served: [served])
        }
    }

    @Test func onlyAPassedAttempt_revealsTheRightOptions() throws {
        let questions = ["q1", "q2", "q3", "q4"].map { ServedQuestion(questionID: $0, optionOrder: module.question($0)!.optionIDs) }
        let passed = try AttemptRules.score(served: questions, answers: ["q1": ["b"], "q2": ["a", "c"], "q3": ["false"], "q4": ["c"]], module: module)
        #expect(passed.passed && passed.revealsCorrectOptions)
        let failed = try AttemptRules.score(served: questions, answers: [:], module: module)
        #expect(!failed.passed && !failed.revealsCorrectOptions)
    }
}

import Foundation
@testable import Learning
import Testing

/// A seeded generator so draws are repeatable in tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

struct AttemptRulesTests {
    let module = Fixtures.module

    @Test func draw_takesQuestionsPerAttempt_withShuffledOptions_repeatablyForASeed() {
        var first = SeededGenerator(state: 42)
        var second = SeededGenerator(state: 42)
        let drawn = AttemptRules.draw(from: module, using: &first)
        #expect(drawn == AttemptRules.draw(from: module, using: &second))
        #expect(drawn.count == 4)
        #expect(Set(drawn.map(\.questionID)).count == 4)
        for served in drawn {
            #expect(Set(served.optionOrder) == Set(module.question(served.questionID)!.optionIDs))
        }
        var other = SeededGenerator(state: 7)
        let orders = (0..<20).map { _ in AttemptRules.draw(from: module, using: &other).map(\.questionID) }
        #expect(Set(orders).count > 1)
    }

    func served(_ ids: [String]) -> [ServedQuestion] {
        ids.map { ServedQuestion(questionID: $0, optionOrder: module.question($0)!.optionIDs) }
    }

    @Test func exactlyAtPassMark_passes_oneBelowFails() throws {
        let questions = served(["q1", "q2", "q3", "q4"])
        // 3 of 4 = 75 % with pass mark 75: passes.
        let atMark = try AttemptRules.score(served: questions, answers: ["q1": ["b"], "q2": ["a", "c"], "q3": ["false"], "q4": ["a"]], module: module)
        #expect(atMark.correctCount == 3)
        #expect(atMark.percent == 75)
        #expect(atMark.passed)
        // 2 of 4 = 50 %: fails.
        let below = try AttemptRules.score(served: questions, answers: ["q1": ["b"], "q2": ["a"], "q3": ["false"], "q4": ["a"]], module: module)
        #expect(below.correctCount == 2)
        #expect(!below.passed)
    }

    @Test func multipleChoice_isAllOrNothing_andUnansweredIsWrong() throws {
        let result = try AttemptRules.score(served: served(["q2", "q5"]), answers: ["q2": ["a", "c", "d"]], module: module)
        #expect(result.questions.map(\.isCorrect) == [false, false])
    }

    @Test func answersToQuestionsOrOptionsNotServed_areRefused() {
        let questions = served(["q1", "q2"])
        #expect(throws: AttemptRules.SubmissionError.questionNotServed("q3")) {
            try AttemptRules.score(served: questions, answers: ["q3": ["false"]], module: module)
        }
        #expect(throws: AttemptRules.SubmissionError.optionNotServed(question: "q1", option: "z")) {
            try AttemptRules.score(served: questions, answers: ["q1": ["z"]], module: module)
        }
        #expect(throws: AttemptRules.SubmissionError.tooManyOptions(question: "q1")) {
            try AttemptRules.score(served: questions, answers: ["q1": ["a", "b"]], module: module)
        }
    }

    @Test func passMarkBoundary_withOtherTotals() throws {
        // pass mark 75 with 5 questions: 4/5 = 80 % passes, 3/5 = 60 % fails.
        let result = AttemptRules.Result(questions: [], correctCount: 4, total: 5, passMark: 80)
        #expect(result.passed)
        #expect(!AttemptRules.Result(questions: [], correctCount: 3, total: 5, passMark: 61).passed)
        #expect(AttemptRules.Result(questions: [], correctCount: 3, total: 5, passMark: 60).passed)
        #expect(!AttemptRules.Result(questions: [], correctCount: 0, total: 0, passMark: 1).passed)
    }
}

struct CompletionTests {
    let policy = CompletionPolicy()
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func validity_lastsTwentyFourMonths() {
        let until = policy.validUntil(start)
        #expect(policy.isValid(completedAt: start, now: until.addingTimeInterval(-1)))
        #expect(!policy.isValid(completedAt: start, now: until))
        #expect(until.timeIntervalSince(start) > 729 * 86400 && until.timeIntervalSince(start) < 732 * 86400)
    }

    @Test func moduleStatus_followsPassesAndActivity() {
        #expect(ModuleStatus.of(lastPass: nil, hasActivity: false, policy: policy, now: start) == .notStarted)
        #expect(ModuleStatus.of(lastPass: nil, hasActivity: true, policy: policy, now: start) == .inProgress)
        #expect(ModuleStatus.of(lastPass: start, hasActivity: true, policy: policy, now: start).name == "passed")
        #expect(ModuleStatus.of(lastPass: start, hasActivity: true, policy: policy, now: policy.validUntil(start)) == .expired(passedAt: start))
    }

    @Test func retraining_dropsOldCourseVersions() {
        let course = Course(sector: .hotel, version: 3, moduleIDs: [], retrainFrom: 2)
        #expect(!policy.versionCounts(1, for: course))
        #expect(policy.versionCounts(2, for: course))
        #expect(policy.counts(completedAt: start, courseVersion: 3, course: course, now: start))
        #expect(!policy.counts(completedAt: start, courseVersion: 1, course: course, now: start))
        let noRetraining = Course(sector: .hotel, version: 3, moduleIDs: [], retrainFrom: nil)
        #expect(policy.versionCounts(1, for: noRetraining))
    }

    @Test func courseComplete_needsAValidPassOfEveryRequiredModule() {
        let catalog = Fixtures.parse(Fixtures.files).0!
        #expect(!catalog.courseIsComplete(for: .hotel, role: nil, lastPasses: [:], policy: policy, now: start))
        #expect(catalog.courseIsComplete(for: .hotel, role: nil, lastPasses: ["basics": start], policy: policy, now: start))
        #expect(!catalog.courseIsComplete(for: .hotel, role: nil, lastPasses: ["basics": start], policy: policy, now: policy.validUntil(start)))
    }
}

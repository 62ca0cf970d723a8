import Foundation
@testable import Learning
import Testing

/// The guessing chances and length figures of `signaal modules check`, on small hand-made pools whose
/// answers are known.
struct AssessmentCheckTests {
    @Test func passChance_isExact_overEveryDraw() {
        // Two coin flips, both must be right.
        #expect(abs(AssessmentCheck.passChance([0.5, 0.5], drawn: 2, passMark: 100) - 0.25) < 1e-12)
        // One sure question in a pool of four, two drawn, one right needed: it is drawn in 3 of 6 draws.
        #expect(abs(AssessmentCheck.passChance([1, 0, 0, 0], drawn: 2, passMark: 50) - 0.5) < 1e-12)
        // Four questions of four options, three right needed: 4 · ¼³ · ¾ + ¼⁴.
        #expect(abs(AssessmentCheck.passChance([0.25, 0.25, 0.25, 0.25], drawn: 4, passMark: 75) - 0.05078125) < 1e-12)
        // Exactly at the pass mark passes, as the scoring does: 4 of 5 at 80.
        #expect(abs(AssessmentCheck.passChance([1, 1, 1, 1, 0], drawn: 5, passMark: 80) - 1) < 1e-12)
        #expect(AssessmentCheck.passChance([1, 1], drawn: 3, passMark: 50) == 0)
    }

    /// A module whose option texts make the test-wise guesses right or wrong on purpose.
    static func module(_ moduleText: String, _ words: String) throws -> (Catalog, Module) {
        let header = """
            id: quiz
            version: 1
            kind: core
            sectors: hotel holiday_park horeca taxi
            roles: all
            required: yes
            minutes: 2
            pass-mark: 50
            questions-per-attempt: 2
            lessons: intro
            source: Example | https://example.org/page

            """
        var files = [
            "courses.txt": ["hotel", "holiday_park", "horeca", "taxi"].map { "course: \($0)\nversion: 1\nmodules: quiz\n" }.joined(separator: "\n"),
            "quiz/module.txt": header + moduleText,
            "quiz/lessons/intro.nl.md": "# Intro\n\nTwee woorden.",
            "quiz/lessons/intro.en.md": "# Intro\n\nTwo words.",
        ]
        files["quiz/nl.txt"] = "title: Quiz\nsummary: s\n\n" + words
        files["quiz/en.txt"] = "title: Quiz\nsummary: s\n\n" + words
        var parser = ContentParser(files: files)
        let (catalog, problems) = parser.parse()
        #expect(problems.isEmpty, "\(problems)")
        let parsed = try #require(catalog)
        return (parsed, try #require(parsed.modules["quiz"]))
    }

    @Test func testWiseGuesser_picksTheLongest_ticksAllButTheShortest_andFollowsTheMajority() throws {
        let (catalog, module) = try Self.module("""
            question: longest-right
            type: single
            options: a b c
            correct: a

            question: tie
            type: single
            options: a b c
            correct: b

            question: all-but-shortest
            type: multiple
            options: a b c d
            correct: a b c

            question: one-right
            type: multiple
            options: a b c d
            correct: d

            question: t1
            type: true-false
            correct: true

            question: t2
            type: true-false
            correct: true

            question: f1
            type: true-false
            correct: false
            """, """
            question: longest-right
            text: q
            a: the longest option here
            b: short
            c: shorter
            explanation: e

            question: tie
            text: q
            a: same size
            b: same size
            c: tiny
            explanation: e

            question: all-but-shortest
            text: q
            a: long one
            b: long two
            c: long three
            d: x
            explanation: e

            question: one-right
            text: q
            a: long one
            b: long two
            c: long three
            d: x
            explanation: e

            question: t1
            text: q
            explanation: e

            question: t2
            text: q
            explanation: e

            question: f1
            text: q
            explanation: e
            """)
        let majority = AssessmentCheck.majorityAnswer(catalog.courses[.hotel]!, catalog)
        #expect(majority == "true")
        let chances = module.questions.map { AssessmentCheck.testWiseChance($0, module: module, language: "nl", majority: majority) }
        let expected: [Double] = [1, 0.5, 1, 0, 1, 1, 0]
        #expect(chances == expected)
        let third = 1.0 / 3
        let fourteenth = 1.0 / 14
        let blind: [Double] = [third, third, fourteenth, fourteenth, 0.5, 0.5, 0.5]
        #expect(module.questions.map(AssessmentCheck.blindChance) == blind)
        // Two singles: one right by length, one a coin toss between two: 0.75 of a question on average.
        #expect(abs(AssessmentCheck.longestOptionShare(catalog, language: "nl") - 0.75) < 1e-12)
        let report = AssessmentCheck.report(catalog)
        #expect(report.problems.contains { $0.hasPrefix("quiz: a test-wise guesser passes") })
        #expect(report.problems.contains { $0.hasPrefix("quiz: 2 true and 1 false") } == false)  // |2 − 1| ≤ 1 is balanced
        #expect(report.problems.contains("quiz/all-but-shortest: multiple choice needs 1 to 3 right options of 4 to 6") == false)
    }

    @Test func structureAndLength_areChecked() throws {
        let (catalog, _) = try Self.module("""
            question: a1
            type: true-false
            correct: true

            question: a2
            type: true-false
            correct: true

            question: a3
            type: true-false
            correct: true
            """, """
            question: a1
            text: q
            explanation: e

            question: a2
            text: q
            explanation: e

            question: a3
            text: q
            explanation: e
            """)
        let problems = AssessmentCheck.report(catalog).problems
        #expect(problems.contains("quiz: the pool holds 3 questions for 2 drawn; it needs at least twice as many"))
        #expect(problems.contains("quiz: 3 true and 0 false true/false questions; balance them"))
        #expect(problems.contains { $0.hasPrefix("quiz: declares 2 minutes but its words and questions take about") })
        #expect(problems.contains { $0.hasPrefix("hotel: the path takes 2 minutes") })
        #expect(AssessmentCheck.wordCount(AssessmentCheck.strippingTags("Eén signaal <b>bewijst</b> niets: 12 keer.")) == 6)
    }

    @Test func anExplanationThatRepeatsTheRightOption_isAProblem() throws {
        let (_, module) = try Self.module("""
            question: towels
            type: single
            options: a b c
            correct: b

            question: quiet
            type: single
            options: a b c
            correct: a
            """, """
            question: towels
            text: q
            a: Nothing at all.
            b: It can be a signal, look for more.
            c: Call 112 at once.
            explanation: Right: "It can be a signal; look for more!"

            question: quiet
            text: q
            a: Write down what you saw.
            b: Ask the guest.
            c: Wait.
            explanation: One signal proves nothing; notes help the police.
            """)
        #expect(AssessmentCheck.explanationProblems(module) == [
            "quiz/en/towels: the explanation repeats the right option 'b'; teach it in other words",
            "quiz/nl/towels: the explanation repeats the right option 'b'; teach it in other words",
        ])
    }
}

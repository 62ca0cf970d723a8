import Foundation
@testable import Learning
import Testing

/// The validator's exact messages, one broken file at a time.
struct ContentParserTests {
    func problems(changing path: String, to text: String?) -> [String] {
        var files = Fixtures.files
        files[path] = text
        return Fixtures.parse(files).1
    }

    @Test func validContent_parses() throws {
        let (catalog, problems) = Fixtures.parse(Fixtures.files)
        #expect(problems.isEmpty)
        let module = try #require(catalog?.modules["basics"])
        #expect(module.version == 2)
        #expect(module.languages == ["en", "nl"])
        #expect(module.question("q4")?.isScenario == true)
        #expect(module.question("q3")?.optionIDs == ["true", "false"])
        #expect(module.texts["nl"]?.lessons["intro"]?.title == "Inleiding")
        #expect(catalog?.courses[.taxi]?.moduleIDs == ["basics"])
    }

    @Test func unknownKey() {
        #expect(problems(changing: "basics/module.txt", to: Fixtures.moduleText.replacingFirst("minutes: 5", with: "minutes: 5\ncolour: red"))
                == ["basics/module.txt:8: unknown key 'colour'"])
    }

    @Test func missingTranslations() {
        #expect(problems(changing: "basics/en.txt", to: nil) == ["basics/module.txt:1: missing translation: en.txt"])
        #expect(problems(changing: "basics/lessons/intro.en.md", to: nil)
                == ["basics/module.txt:10: missing translation: lesson 'intro' has no file lessons/intro.en.md"])
        let withoutQ5 = String(Fixtures.languageText("en").split(separator: "question: q5")[0])
        #expect(problems(changing: "basics/en.txt", to: withoutQ5) == ["basics/en.txt:1: missing translation of question 'q5'"])
    }

    @Test func wrongNumberOfCorrectOptions() {
        let twoCorrect = Fixtures.moduleText.replacingFirst("options: a b c\ncorrect: b", with: "options: a b c\ncorrect: a b")
        #expect(problems(changing: "basics/module.txt", to: twoCorrect).contains(
            "basics/module.txt:13: single-choice question 'q1' needs at least 3 options and exactly one correct, has 3 and 2"))
        let allCorrect = Fixtures.moduleText.replacingFirst("correct: a c", with: "correct: a b c d")
        #expect(problems(changing: "basics/module.txt", to: allCorrect).contains(
            "basics/module.txt:18: multiple-choice question 'q2' needs at least 3 options, one or more correct and one or more wrong, has 4 of 4"))
        let oneCorrect = Fixtures.moduleText.replacingFirst("correct: a c", with: "correct: a")
        #expect(problems(changing: "basics/module.txt", to: oneCorrect).isEmpty)
        let maybe = Fixtures.moduleText.replacingFirst("correct: false", with: "correct: maybe")
        #expect(problems(changing: "basics/module.txt", to: maybe).contains(
            "basics/module.txt:23: true-false question 'q3' needs 'correct: true' or 'correct: false'"))
    }

    @Test func actionRuleHeldInEveryLanguage() {
        let emergency = Fixtures.moduleText.replacingFirst("options: a b c\ncorrect: c", with: "options: a b c\ncorrect: c\naction: emergency")
        #expect(problems(changing: "basics/module.txt", to: emergency) == [
            "basics/en.txt:23: question 'q4' is an emergency but its right option 'c' does not say 112",
            "basics/nl.txt:23: question 'q4' is an emergency but its right option 'c' does not say 112",
        ])
        var files = Fixtures.files
        files["basics/module.txt"] = emergency
        files["basics/nl.txt"] = Fixtures.languageText("nl").replacingFirst("c: C\nexplanation: C is safe.", with: "c: Bel 112\nexplanation: C is safe.")
        files["basics/en.txt"] = Fixtures.languageText("en").replacingFirst("c: C\nexplanation: C is safe.", with: "c: Call 112\nexplanation: C is safe.")
        #expect(Fixtures.parse(files).1.isEmpty)
        files["basics/module.txt"] = emergency.replacingFirst("action: emergency", with: "action: report")
        #expect(Fixtures.parse(files).1.count == 2)
        let onTrueFalse = Fixtures.moduleText.replacingFirst("correct: false", with: "correct: false\naction: report")
        #expect(problems(changing: "basics/module.txt", to: onTrueFalse).contains(
            "basics/module.txt:23: true-false question 'q3' cannot carry an action: it has no options to say it"))
    }

    @Test func poolSmallerThanAttempt() {
        let text = Fixtures.moduleText.replacingFirst("questions-per-attempt: 4", with: "questions-per-attempt: 6")
        #expect(problems(changing: "basics/module.txt", to: text) == ["basics/module.txt:9: questions-per-attempt is 6 but the pool has only 5 questions"])
    }

    @Test func passMarkOutOfRange() {
        for value in ["0", "101", "high"] {
            let text = Fixtures.moduleText.replacingFirst("pass-mark: 75", with: "pass-mark: \(value)")
            #expect(problems(changing: "basics/module.txt", to: text) == ["basics/module.txt:8: pass-mark must be between 1 and 100"])
        }
    }

    @Test func brokenImageAndLink() {
        let lesson = "# Intro\n\nSee ![desk](images/desk.png) and [this](http://example.org) and [ok](https://example.org)."
        #expect(problems(changing: "basics/lessons/intro.en.md", to: lesson) == [
            "basics/lessons/intro.en.md:3: image 'images/desk.png' does not exist in this module's images folder",
            "basics/lessons/intro.en.md:3: link 'http://example.org' must be an https:// address",
        ])
        var files = Fixtures.files
        files["basics/lessons/intro.en.md"] = "# Intro\n\n![desk](images/desk.png)"
        files["basics/images/desk.png"] = ""
        #expect(Fixtures.parse(files).1.isEmpty)
    }

    @Test func moduleInNoCourse_andUnknownModuleInCourse() {
        var files = Fixtures.files
        files["extra/module.txt"] = Fixtures.moduleText.replacingFirst("id: basics", with: "id: extra")
        files["extra/nl.txt"] = Fixtures.languageText("nl")
        files["extra/en.txt"] = Fixtures.languageText("en")
        files["extra/lessons/intro.nl.md"] = "# A"
        files["extra/lessons/intro.en.md"] = "# A"
        #expect(Fixtures.parse(files).1 == ["extra/module.txt:1: module 'extra' is in no course"])
        let courses = Fixtures.courses.replacingFirst("modules: basics", with: "modules: basics ghost")
        #expect(problems(changing: "courses.txt", to: courses) == ["courses.txt:3: unknown module 'ghost'"])
    }

    @Test func scenarioWithoutSituation_andUnknownQuestionInLanguage() {
        let text = Fixtures.languageText("en").replacingFirst("situation: It is 02:00.\n", with: "")
            + "\n\nquestion: q9\ntext: Nine?\nexplanation: None."
        #expect(problems(changing: "basics/en.txt", to: text) == [
            "basics/en.txt:23: scenario question 'q4' has no 'situation:'",
            "basics/en.txt:37: unknown question 'q9' (not in module.txt)",
        ])
    }

    @Test func missingSectorCourse() {
        let courses = Fixtures.courses.replacingFirst("course: taxi\nversion: 1\nmodules: basics\n", with: "")
        #expect(problems(changing: "courses.txt", to: courses) == ["courses.txt:0: no course for sector 'taxi'"])
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { fatalError("fixture does not contain \(target)") }
        return replacingCharacters(in: range, with: replacement)
    }
}

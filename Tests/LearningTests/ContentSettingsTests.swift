@testable import Learning
import Testing

/// Figures that are configuration reach the course text through placeholders.
struct ContentSettingsTests {
    let settings = ContentSettings(thresholdPercent: 70, certificateMonths: 18, completionMonths: 36)

    @Test func placeholders_areFilled_othersReported_unclosedBracesKept() {
        #expect(settings.fill("Minstens {threshold} procent, {certificate-months} en {completion-months} maanden.").text
                == "Minstens 70 procent, 18 en 36 maanden.")
        #expect(settings.fill("Een {percentage} hier").unknown == ["percentage"])
        #expect(settings.fill("Een {percentage} hier").text == "Een {percentage} hier")
        #expect(settings.fill("ab{cd").text == "ab{cd")
        #expect(settings.fill("a {threshold} b {").text == "a 70 b {")
        #expect(settings.fill("JSON {\"x\": 1}").unknown.isEmpty)
    }

    @Test func theParserFillsThemInLessonsAndQuestions_andReportsUnknownOnes() throws {
        var files = Fixtures.files
        files["basics/nl.txt"] = Fixtures.languageText("nl").replacingFirst("explanation: Because B.", with: "explanation: {threshold} procent.")
        files["basics/lessons/intro.nl.md"] = "# Inleiding\n\nGeldig {certificate-months} maanden, {unknown-figure}."
        var parser = ContentParser(files: files, settings: settings)
        let (_, problems) = parser.parse()
        #expect(problems.map(\.description) == ["basics/lessons/intro.nl.md:3: unknown placeholder {unknown-figure}; use {threshold}, {certificate-months} or {completion-months}"])
        files["basics/lessons/intro.nl.md"] = "# Inleiding\n\nGeldig {certificate-months} maanden."
        var valid = ContentParser(files: files, settings: settings)
        let module = try #require(valid.parse().catalog?.modules["basics"])
        #expect(module.texts["nl"]?.questions["q1"]?.explanation == "70 procent.")
        #expect(module.texts["nl"]?.lessons["intro"]?.html.contains("Geldig 18 maanden.") == true)
    }
}

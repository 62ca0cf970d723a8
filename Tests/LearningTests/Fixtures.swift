@testable import Learning

/// A small valid content set in memory; tests break one file at a time.
enum Fixtures {
    static let moduleText = """
        id: basics
        version: 2
        kind: core
        sectors: hotel holiday_park horeca taxi
        roles: all
        required: yes
        minutes: 5
        pass-mark: 75
        questions-per-attempt: 4
        lessons: intro
        source: Example source | https://example.org/

        question: q1
        type: single
        options: a b c
        correct: b

        question: q2
        type: multiple
        options: a b c d
        correct: a c

        question: q3
        type: true-false
        correct: false

        question: q4
        type: scenario
        answer: single
        options: a b c
        correct: c

        question: q5
        type: single
        options: a b c
        correct: a
        """

    static func languageText(_ language: String) -> String {
        """
        title: Basics \(language)
        summary: What this is about.

        question: q1
        text: One?
        a: A
        b: B
        c: C
        explanation: Because B.

        question: q2
        text: Which?
        a: A
        b: B
        c: C
        d: D
        explanation: A and C.

        question: q3
        text: True?
        explanation: It is false.

        question: q4
        situation: It is 02:00.
        text: What do you do?
        a: A
        b: B
        c: C
        explanation: C is safe.

        question: q5
        text: Five?
        a: A
        b: B
        c: C
        explanation: A.
        """
    }

    static let courses = ["hotel", "holiday_park", "horeca", "taxi"].map { "course: \($0)\nversion: 1\nmodules: basics\n" }.joined(separator: "\n")

    static var files: [String: String] {
        [
            "courses.txt": courses,
            "basics/module.txt": moduleText,
            "basics/nl.txt": languageText("nl"),
            "basics/en.txt": languageText("en"),
            "basics/lessons/intro.nl.md": "# Inleiding\n\nTekst.",
            "basics/lessons/intro.en.md": "# Introduction\n\nText.",
        ]
    }

    static func parse(_ files: [String: String]) -> (Catalog?, [String]) {
        var parser = ContentParser(files: files)
        let (catalog, problems) = parser.parse()
        return (catalog, problems.map(\.description))
    }

    static var module: Module { parse(files).0!.modules["basics"]! }
}

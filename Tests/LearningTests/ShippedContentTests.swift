import Foundation
@testable import Learning
import Testing

/// The shipped courses in `modules/` are complete and fair: enough questions and scenarios, every module in
/// the ten languages, the limits `signaal modules check` enforces, and the one action rule.
struct ShippedContentTests {
    static func catalog() throws -> Catalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("modules")
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            guard relative != "README.md", relative.hasSuffix(".txt") || relative.hasSuffix(".md") else { continue }
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        var parser = ContentParser(files: files)
        let (catalog, problems) = parser.parse()
        #expect(problems.isEmpty, "\(problems)")
        return try #require(catalog)
    }

    /// The workforce's languages: every module in all ten, nothing left as the Dutch.
    static let languages = ["ar", "bg", "en", "es", "nl", "pl", "pt", "ro", "tr", "uk"]

    @Test func everyModule_speaksTheTenLanguages_withNothingLeftUntranslated() throws {
        let catalog = try Self.catalog()
        for module in catalog.modules.values {
            #expect(module.languages == Self.languages, "\(module.id): \(module.languages)")
        }
        #expect(TranslationCheck.problems(catalog, offered: Self.languages).isEmpty, "\(TranslationCheck.problems(catalog, offered: Self.languages))")
    }

    @Test func questionCounts_andScenarioShare() throws {
        let modules = Array(try Self.catalog().modules.values)
        let questions = modules.flatMap(\.questions)
        #expect(questions.count >= 60)
        #expect(questions.filter(\.isScenario).count * 3 >= questions.count)
        #expect(modules.allSatisfy { $0.questions.count >= $0.questionsPerAttempt })
        #expect(try #require(try Self.catalog().modules["core-signals"]).questions.count >= 12)
    }

    @Test func quizzesResistGuessing_andModulesDeclareAnHonestLength() throws {
        let report = AssessmentCheck.report(try Self.catalog())
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.modules.allSatisfy { $0.testWiseChance <= 0.05 && $0.blindChance <= 0.01 && $0.pool >= 2 * $0.drawn })
        #expect(report.longestOptionShare <= 0.40)
    }

    @Test func everyRolePath_isThirtyToFortyMinutes_andEveryRoleHasItsModule() throws {
        let catalog = try Self.catalog()
        let expected: [Sector: [JobRole]] = [
            .hotel: [.reception, .housekeeping, .maintenance, .bar, .security, .management],
            .holidayPark: [.reception, .housekeeping, .maintenance, .bar, .security, .management],
            .horeca: [.bar, .security, .management],
            .taxi: [.management, .driver, .dispatcher],
        ]
        for sector in Sector.allCases {
            #expect(catalog.roles(for: sector) == expected[sector], "\(sector)")
            for role in catalog.roles(for: sector) {
                let path = catalog.path(for: sector, role: role)
                #expect(path.filter { $0.kind == .role }.map(\.id) == ["role-\(role.rawValue)"], "\(sector) \(role)")
                #expect((30...40).contains(catalog.estimatedMinutes(for: sector, role: role)), "\(sector) \(role)")
                #expect(path.allSatisfy { $0.isRequired })
            }
        }
    }

    /// A scenario where a minor is being taken somewhere now (or someone is pulling them along) is an
    /// emergency: 112 first. The parser already holds every emergency's right options to saying 112.
    @Test func everyScenarioOfAMinorAtRiskNow_hasCalling112AsItsRightAction() throws {
        let catalog = try Self.catalog()
        let age = try Regex(#"(van|ongeveer|lijkt|als|jaar of) 1[0-7]\b"#)
        let now = try Regex(#"\b(nu|op dit moment|trok net)\b|naar (zijn|haar|de|een) (kamer|lift|chalet|caravan|auto|hotel|woning)"#)
        var found = 0
        for module in catalog.modules.values {
            for question in module.questions where question.isScenario {
                let situation = module.texts["nl"]?.questions[question.id]?.situation ?? ""
                guard situation.contains(age), situation.contains(now) else { continue }
                found += 1
                #expect(question.action == .emergency, "\(module.id)/\(question.id): \(situation)")
            }
        }
        #expect(found >= 15)
        for (module, question) in [("core-exploitation", "boy-in-the-lobby"), ("core-signals", "night-arrival"), ("core-signals", "taxi-at-night"),
                                   ("sector-taxi", "girl-to-hotel"), ("core-myths", "boy-at-the-campsite"), ("sector-horeca", "leaving-for-hotel-now"),
                                   ("role-reception", "minor-to-room")] {
            #expect(catalog.modules[module]?.question(question)?.action == .emergency, "\(module)/\(question)")
        }
    }

    @Test func everyModule_hasDutchAndEnglish_andCoreModulesPolish() throws {
        let catalog = try Self.catalog()
        for module in catalog.modules.values {
            #expect(Set(module.languages).isSuperset(of: ["nl", "en"]), "\(module.id)")
            for language in module.languages {
                #expect(module.texts[language]?.lessons.count == module.lessonIDs.count)
                #expect(module.texts[language]?.questions.count == module.questions.count)
            }
            if module.kind == .core { #expect(module.languages.contains("pl"), "\(module.id)") }
            #expect(!module.sources.isEmpty)
        }
    }

    @Test func wording_followsTheTerminologyGuidelines() throws {
        let catalog = try Self.catalog()
        let forbidden = ["child prostitute", "kinderprostitu", "child pornography", "kinderporno", "loverboy"]
        // The one place that names "loverboy" puts it in quotes to say why we do not use it.
        let quoted = ["\"loverboy\"", "&quot;loverboy&quot;", "“loverboy”", "„loverboy”", "«loverboy»"]
        for module in catalog.modules.values {
            for (language, texts) in module.texts {
                let words = ([texts.title, texts.summary] + texts.lessons.values.map(\.html)
                    + texts.questions.values.flatMap { [$0.text, $0.explanation, $0.situation ?? ""] + Array($0.options.values) })
                    .joined(separator: " ").lowercased()
                    .replacing(quoted[0], with: "").replacing(quoted[1], with: "").replacing(quoted[2], with: "")
                    .replacing(quoted[3], with: "").replacing(quoted[4], with: "")
                for term in forbidden { #expect(!words.contains(term), "\(module.id)/\(language) uses '\(term)'") }
            }
        }
    }
}

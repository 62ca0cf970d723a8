import Foundation
@testable import Learning
import Testing

/// The shipped courses in `modules/` are complete: enough questions, enough scenarios, a sensible
/// length per sector, and every module in Dutch and English (Polish for the core modules).
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

    @Test func questionCounts_andScenarioShare() throws {
        let modules = Array(try Self.catalog().modules.values)
        let questions = modules.flatMap(\.questions)
        #expect(questions.count >= 60)
        #expect(questions.filter(\.isScenario).count * 3 >= questions.count)
        #expect(modules.allSatisfy { $0.questions.count >= $0.questionsPerAttempt })
        #expect(try #require(try Self.catalog().modules["core-signals"]).questions.count >= 12)
    }

    @Test func everyCourse_takesTwentyFiveToFortyMinutes() throws {
        let catalog = try Self.catalog()
        for sector in Sector.allCases {
            let minutes = catalog.estimatedMinutes(for: sector)
            #expect((25...40).contains(minutes), "\(sector): \(minutes) minutes")
            #expect(catalog.modules(for: sector).allSatisfy { (3...7).contains($0.minutes) })
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
        for module in catalog.modules.values {
            for (language, texts) in module.texts {
                let words = ([texts.title, texts.summary] + texts.lessons.values.map(\.html)
                    + texts.questions.values.flatMap { [$0.text, $0.explanation, $0.situation ?? ""] + Array($0.options.values) })
                    .joined(separator: " ").lowercased()
                for term in forbidden { #expect(!words.contains(term), "\(module.id)/\(language) uses '\(term)'") }
            }
        }
    }
}

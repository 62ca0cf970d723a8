import Foundation
import Testing

/// Learners in a real browser: resuming on another device, the language switch, the quiz by
/// keyboard at phone width, and reading and answering offline.
@Suite(.serialized)
struct LearnerJourneyTests {
    @Test func readingResumesOnAnotherSession_andEnglishShowsEnglishLessons() async throws {
        try await Journey.run("resume") { journey in
            let business = try journey.approvedBusiness(name: "Hotel De Linde", headcount: 4)
            let username = try journey.learner(businessID: business.id, manager: business.manager, name: "Ana Kowalska")
            let phone = try journey.browser(width: 390)
            try journey.signIn(phone, login: username)
            try phone.wait(for: "li.module")
            try journey.check(phone, page: "course")
            try phone.click("li.module[data-module='core-signals'] a")
            let first = try phone.text("main h1")
            #expect(try phone.text("main .meta").contains("Les 1 van"))
            try journey.check(phone, page: "lesson")
            try phone.click(".actions button:not(.secondary)")
            try phone.wait(for: "main .meta", containing: "Les 2 van")
            #expect(try phone.text("main h1") != first)
            // Two lessons read; the next device starts at the third.

            let laptop = try journey.browser()
            try journey.signIn(laptop, login: username)
            try laptop.wait(for: "li.module")
            try laptop.click("li.module[data-module='core-signals'] a")
            try laptop.wait(for: "main .meta", containing: "Les 3 van")
            let dutchTitle = try laptop.text("main h1")

            try laptop.script("""
                const select = document.getElementById('language');
                select.value = 'en';
                select.dispatchEvent(new Event('change'));
                """)
            try laptop.wait(for: "main .meta", containing: "Lesson 3 of")
            #expect(try laptop.text("main h1") != dutchTitle)
            #expect(try laptop.script("return document.documentElement.lang") as? String == "en")
            let english = try #require(journey.catalog.modules["core-signals"]?.texts["en"]?.lessons.values.map(\.title))
            #expect(english.contains(try laptop.text("main h1")))
            try journey.check(laptop, page: "lesson-english")
            try laptop.open("/#/course")
            try laptop.wait(for: "h1", containing: "My training")
        }
    }
}

import Foundation
import Testing

extension BrowserJourneys {
    /// The workforce's languages in a real browser: a phone set to Arabic gets the whole app mirrored,
    /// a Ukrainian one gets Ukrainian, and the choice follows the person to another phone.
    @Suite struct LanguageJourneyTests {
        /// The interface strings of `language`, as the pages load them.
        static func strings(_ language: String) throws -> [String: String] {
            let data = try Data(contentsOf: URL(fileURLWithPath: PackagePaths.root + "/web/i18n/\(language).json"))
            return try JSONSerialization.jsonObject(with: data) as? [String: String] ?? [:]
        }

        /// Nothing on the page is wider than the window (no sideways scrolling).
        static func expectNoSidewaysScroll(_ browser: Browser, _ page: String) throws {
            let overflow = try browser.script("return document.documentElement.scrollWidth - window.innerWidth") as? Int ?? 99
            #expect(overflow <= 0, "\(page) scrolls sideways by \(overflow) px")
        }

        @Test func arabicPhone_mirrorsTheApp_andTeachesALessonAndAQuizInArabic() async throws {
            try await Journey.run("arabic") { journey in
                let arabic = try Self.strings("ar")
                let hotel = try journey.approvedBusiness(name: "Hotel Al Noor", headcount: 2)
                let username = try journey.learner(businessID: hotel.id, manager: hotel.manager, name: "Layla Haddad")
                let phone = try journey.browser(width: 320, language: "ar")
                try phone.open("/")
                try phone.waitUntil("the Arabic interface") { try phone.script("return document.documentElement.lang") as? String == "ar" }
                #expect(try phone.script("return document.documentElement.dir") as? String == "rtl")
                try phone.wait(for: "h1", containing: arabic["landing.title", default: "missing"])
                try journey.check(phone, page: "landing-ar")
                try Self.expectNoSidewaysScroll(phone, "landing")

                try journey.signIn(phone, login: username)
                try phone.wait(for: "li.module")
                // Mirrored: the brand sits at the right-hand end of the header, the menu at the left.
                let brand = try phone.script("const box = document.querySelector('.brand').getBoundingClientRect(); return [box.left, box.right, window.innerWidth]") as? [Double] ?? []
                #expect(brand.count == 3 && brand[1] > brand[2] - 40 && brand[0] > brand[2] / 3, "brand at \(brand)")
                #expect(try phone.text("main h1") == arabic["course.title"])
                try journey.check(phone, page: "course-ar")
                try Self.expectNoSidewaysScroll(phone, "course")

                let titles = try #require(journey.catalog.modules["core-what-to-do"]?.texts["ar"]?.lessons.values.map(\.title))
                try phone.click("li.module[data-module='core-what-to-do'] a")
                try phone.wait(for: "article.lesson")
                #expect(titles.contains(try phone.text("main h1")), "the lesson in Arabic")
                #expect(try phone.script("return document.querySelector('article.lesson').lang") as? String == "ar")
                try journey.check(phone, page: "lesson-ar")
                try Self.expectNoSidewaysScroll(phone, "lesson")

                try journey.readModule(phone, "core-what-to-do")
                try phone.click("a.button[href^='#/quiz/']")
                try phone.wait(for: "form[data-question]")
                let questionID = try phone.script("return document.querySelector('form[data-question]').dataset.question") as? String ?? ""
                let question = try #require(journey.catalog.modules["core-what-to-do"]?.texts["ar"]?.questions[questionID])
                #expect(try phone.text("form[data-question] legend").contains(question.text))
                try journey.check(phone, page: "quiz-ar")
                try Self.expectNoSidewaysScroll(phone, "quiz")
                try journey.answerQuiz(phone, "core-what-to-do", correctly: true)
                try phone.wait(for: "ol.results")
                let passed = try #require(arabic["quiz.passed"]?.components(separatedBy: "{").first)
                #expect(try phone.text("main h1").hasPrefix(passed), "passed, in Arabic")

                // The language went onto the account with the first sign-in.
                let me = try phone.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/v1/me').then((answer) => answer.json()).then((me) => done(me.user.language), () => done(null));
                    """) as? String
                #expect(me == "ar")
            }
        }

        @Test func theManagerSetsUkrainian_herPhoneOpensInIt_andHerOwnChoiceFollowsHerToALaptop() async throws {
            try await Journey.run("ukrainian") { journey in
                let ukrainian = try Self.strings("uk")
                let hotel = try journey.approvedBusiness(name: "Готель Київ", headcount: 2)
                let username = try journey.learner(businessID: hotel.id, manager: hotel.manager, name: "Олена Коваленко")
                // The manager sets her language on the roster.
                let office = try journey.browser(width: 1280)
                try journey.signIn(office, login: try #require(try journey.managerEmail(hotel.id)))
                // Signing in takes a manager to their page.
                try office.wait(for: "select[data-language-of]")
                try office.script("""
                    const select = document.querySelector('select[data-language-of]');
                    select.value = 'uk';
                    select.dispatchEvent(new Event('change'));
                    """)
                try office.wait(for: "#status", containing: "Opgeslagen")
                // Her phone is set to Dutch, and opens in Ukrainian.
                let phone = try journey.browser(width: 320, language: "nl")
                try journey.signIn(phone, login: username)
                try phone.wait(for: "li.module")
                #expect(try phone.script("return document.documentElement.lang") as? String == "uk")
                #expect(try phone.script("return document.documentElement.dir") as? String == "ltr")
                #expect(try phone.text("main h1") == ukrainian["course.title"])
                try journey.check(phone, page: "course-uk")
                try Self.expectNoSidewaysScroll(phone, "course")
                let titles = try #require(journey.catalog.modules["core-signals"]?.texts["uk"]?.lessons.values.map(\.title))
                try phone.click("li.module[data-module='core-signals'] a")
                try phone.wait(for: "article.lesson")
                #expect(titles.contains(try phone.text("main h1")), "the lesson in Ukrainian")
                try journey.check(phone, page: "lesson-uk")

                // A laptop set to Dutch opens in the language kept on her account.
                let laptop = try journey.browser(width: 1280, language: "nl")
                try journey.signIn(laptop, login: username)
                try laptop.waitUntil("the account's Ukrainian") { try laptop.script("return document.documentElement.lang") as? String == "uk" }
                try laptop.wait(for: "h1", containing: ukrainian["course.title", default: "missing"])
                // Choosing Romanian there is kept for her next phone as well.
                try laptop.chooseLanguage("ro")
                try laptop.waitUntil("Romanian") { try laptop.script("return document.documentElement.lang") as? String == "ro" }
                let session = try journey.session(login: username)
                try laptop.waitUntil("the account keeps Romanian") {
                    (try journey.api("GET", "/api/v1/me", headers: session).json?["user"] as? [String: Any])?["language"] as? String == "ro"
                }
            }
        }
    }
}

import Foundation
import Testing

extension BrowserJourneys {
    /// Learners in a real browser: resuming on another device, the language switch, the quiz by
    /// keyboard at phone width, and reading and answering offline.
    @Suite struct LearnerJourneyTests {
        @Test func readingResumesOnAnotherSession_andEnglishShowsEnglishLessons() async throws {
            try await Journey.run("resume") { journey in
                let (phone, username) = try journey.signedInLearner(business: "Hotel De Linde", learner: "Ana Kowalska", width: 390)
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

                try laptop.chooseLanguage("en")
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

        @Test func polishInterface_givesPolishLessons_inCoreAndSectorModules() async throws {
            try await Journey.run("polish") { journey in
                let (phone, _) = try journey.signedInLearner(business: "Hotel Zuid", learner: "Agnieszka Wójcik", width: 390)
                try phone.chooseLanguage("pl")
                try phone.waitUntil("the Polish interface") { try phone.script("return document.documentElement.lang") as? String == "pl" }
                try journey.check(phone, page: "course-pl")
                let polish = try #require(journey.catalog.modules["core-signals"]?.texts["pl"]?.lessons.values.map(\.title))
                try phone.click("li.module[data-module='core-signals'] a")
                try phone.wait(for: "article.lesson")
                #expect(polish.contains(try phone.text("main h1")), "a core lesson in Polish")
                try journey.check(phone, page: "lesson-pl")
                let hotel = try #require(journey.catalog.modules["sector-hotel"]?.texts["pl"]?.lessons.values.map(\.title))
                try phone.open("/#/module/sector-hotel")
                try phone.waitUntil("the hotel lesson in Polish") { hotel.contains(try phone.text("main h1")) }
            }
        }

        @Test func quizByKeyboardAlone_atPhoneWidth() async throws {
            try await Journey.run("keyboard") { journey in
                let (phone, _) = try journey.signedInLearner(business: "Taxi Centrale Zwolle", learner: "Sven Bakker", width: 320)
                try journey.readModule(phone, "core-law")
                try phone.open("/#/quiz/core-law")
                var answered = 0
                while try phone.find("ol.results") == nil {
                    try phone.wait(for: "form[data-question]")
                    let questionID = try phone.script("return document.querySelector('form[data-question]').dataset.question") as? String ?? ""
                    let inputs = try phone.script("return [...document.querySelectorAll('form[data-question] input')].map((input) => [input.type, input.value])") as? [[String]] ?? []
                    let wanted = Set(try journey.options(phone, "core-law", questionID, correctly: true))
                    #expect(try phone.script("return document.activeElement.name") as? String == "answer", "focus starts on the first option")
                    if inputs.first?.first == "radio" {
                        try phone.press(Browser.Key.space)
                        let target = try #require(inputs.firstIndex { wanted.contains($0[1]) })
                        for _ in 0..<target { try phone.press(Browser.Key.down) }
                    } else {
                        for input in inputs {
                            if wanted.contains(input[1]) { try phone.press(Browser.Key.space) }
                            try phone.press(Browser.Key.tab)
                        }
                    }
                    while try phone.script("return document.activeElement.type") as? String != "submit" {
                        try phone.press(Browser.Key.tab)
                    }
                    let outline = try phone.script("return getComputedStyle(document.activeElement).outlineStyle") as? String
                    #expect(outline != "none", "the focused button shows its focus")
                    if answered == 0 { try journey.check(phone, page: "quiz", widths: [320]) }
                    try phone.press(Browser.Key.enter)
                    answered += 1
                    try phone.wait(for: "form[data-question]:not([data-question='\(questionID)']), ol.results")
                }
                #expect(answered >= 5)
                #expect(try phone.text("main h1").hasPrefix("Gehaald"))
                #expect(try phone.script("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true, "no sideways scrolling at 320 px")
                try journey.check(phone, page: "result", widths: [320])
            }
        }

        @Test func openedLessonReadsOffline_andOfflineAnswersAreSentOnceWhenBack() async throws {
            try await Journey.run("offline") { journey in
                let (phone, _) = try journey.signedInLearner(business: "Vakantiepark De Duinen", learner: "Lotte Jansen", width: 390)
                try phone.waitUntil("the service worker taking control") {
                    try phone.script("return !!navigator.serviceWorker.controller") as? Bool == true
                }
                try journey.readModule(phone, "core-signals")
                let firstLesson = try #require(journey.catalog.modules["core-signals"]?.lessonIDs.first)
                let lessonTitle = try #require(journey.catalog.modules["core-signals"]?.texts["nl"]?.lessons[firstLesson]?.title)
                try phone.open("/#/quiz/core-signals")
                try journey.answerQuiz(phone, "core-signals", correctly: true, stopBeforeLast: true)

                try journey.stopServer()
                try phone.click("form[data-question] button[type=submit]")
                try phone.wait(for: "#status", containing: "offline")
                try phone.wait(for: "#send-again")
                #expect(try phone.script("return Object.keys(JSON.parse(localStorage.getItem('signaal.pendingAnswers'))).length") as? Int == 1)
                try phone.open("/#/module/core-signals/\(firstLesson)")
                try phone.wait(for: "main h1", containing: lessonTitle)
                try phone.command("POST", "/refresh")
                try phone.wait(for: "article.lesson")
                #expect(try phone.text("main h1") == lessonTitle, "the opened lesson renders from the device after a reload")
                try phone.click(".actions button:not(.secondary)")
                try phone.wait(for: "main .meta", containing: "Les 2 van")
                let keptSeen = "return JSON.parse(localStorage.getItem('signaal.pendingSeen') || '[]').length"
                #expect(try phone.script("""
                    return JSON.parse(localStorage.getItem('signaal.pendingSeen') || '[]').some((item) => location.hash.endsWith('/' + item.lessonID));
                    """) as? Bool == true, "the lesson read offline is kept to be marked read")
                try journey.forgetConsole(phone)  // failed requests while the server is down, on purpose
                try journey.check(phone, page: "lesson-offline", widths: [390])

                try journey.restartServer()
                try phone.command("POST", "/refresh")
                try phone.waitUntil("sending the kept answers") {
                    try phone.script("return Object.keys(JSON.parse(localStorage.getItem('signaal.pendingAnswers') || '{}')).length") as? Int == 0
                }
                try phone.waitUntil("marking the lesson read offline") { try phone.script(keptSeen) as? Int == 0 }
                try phone.script("window.dispatchEvent(new Event('online'))")
                try phone.open("/#/course")
                try phone.wait(for: "li.module[data-module='core-signals'] .badge", containing: "Gehaald")
                let database = journey.application.database
                let counts = try Journey.wait {
                    try await database.read { db in
                        (try db.queryOne("SELECT count(*) FROM attempts WHERE module_id = 'core-signals' AND submitted_at IS NOT NULL") { $0.int(0) } ?? -1,
                         try db.queryOne("SELECT count(*) FROM attempt_answers WHERE module_id = 'core-signals'") { $0.int(0) } ?? -1,
                         try db.queryOne("SELECT count(*) FROM lesson_progress WHERE module_id = 'core-signals'") { $0.int(0) } ?? -1)
                    }
                }
                let questions = try #require(journey.catalog.modules["core-signals"]?.questionsPerAttempt)
                #expect(counts.0 == 1, "one submission")
                #expect(counts.1 == questions, "each answer stored once")
                #expect(counts.2 == journey.catalog.modules["core-signals"]?.lessonIDs.count, "every lesson read, the one read again offline once")
                try journey.check(phone, page: "course-after-offline")
            }
        }
    }
}

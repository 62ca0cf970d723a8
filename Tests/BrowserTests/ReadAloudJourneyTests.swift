import Foundation
import Testing

extension BrowserJourneys {
    /// Lessons and quiz questions read aloud. The headless browser has no voices, so a stand-in
    /// `speechSynthesis` is put into the page: it records what it is asked to say, and the test plays
    /// the events a real one sends (boundary, end).
    @Suite struct ReadAloudJourneyTests {
        /// Replaces the page's speech synthesis with a recorder; `window.speech` holds what it was given.
        static let standIn = """
            const speech = { spoken: [], paused: false, cancels: 0, voices: [{ lang: 'nl-NL', name: 'Stand-in', localService: true }] };
            Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
              get paused() { return speech.paused; },
              getVoices: () => speech.voices,
              speak(utterance) { speech.spoken.push(utterance); utterance.onstart?.({}); },
              pause() { speech.paused = true; },
              resume() { speech.paused = false; },
              cancel() { speech.cancels += 1; },
              addEventListener() {},
            } });
            window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
            window.speech = speech;
            """

        /// The last utterance: its text, language and rate.
        static func last(_ browser: Browser) throws -> (text: String, lang: String, rate: Double)? {
            guard let values = try browser.script("const u = window.speech.spoken.at(-1); return u ? [u.text, u.lang, String(u.rate)] : null") as? [String],
                  values.count == 3 else { return nil }
            return (values[0], values[1], Double(values[2]) ?? 0)
        }

        @Test func aLessonIsReadSentenceBySentence_withPauseSpeedAndStop_andAQuizQuestionToo() async throws {
            try await Journey.run("read-aloud") { journey in
                let (phone, _) = try journey.signedInLearner(business: "Hotel De Luisteraar", learner: "Bram de Vries", width: 390)
                try phone.click("li.module[data-module='core-signals'] a")
                try phone.wait(for: "article.lesson")
                try phone.script(Self.standIn)
                try journey.check(phone, page: "lesson-read-aloud")

                try phone.click("[data-read=play]")
                try phone.waitUntil("the title being read") { try Self.last(phone)?.text == phone.text("main h1") }
                #expect(try Self.last(phone)?.lang == "nl-NL")
                #expect(try Self.last(phone)?.rate == 1)
                #expect(try phone.script("return document.querySelector('[data-read=play]').hidden") as? Bool == true)

                // On to the first paragraph of two sentences or more; a boundary in its second sentence moves the highlight there.
                let highlighted = try phone.script("""
                    let utterance = window.speech.spoken.at(-1);
                    while (!/[.!?]\\s+\\S/.test(utterance.text)) { utterance.onend(); utterance = window.speech.spoken.at(-1); }
                    const second = utterance.text.search(/[.!?]\\s+\\S/) + 2;
                    utterance.onboundary({ charIndex: second + 1 });
                    const range = [...CSS.highlights.get('read-aloud')][0];
                    return [range.toString().trim(), utterance.text.slice(second).trim()];
                    """) as? [String] ?? []
                #expect(highlighted.count == 2 && !highlighted[0].isEmpty && highlighted[1].hasPrefix(highlighted[0]), "\(highlighted)")

                try phone.click("[data-read=pause]")
                #expect(try phone.script("return window.speech.paused") as? Bool == true)
                #expect(try phone.text("[data-read=pause]") == "Verder")
                try phone.click("[data-read=pause]")
                #expect(try phone.script("return window.speech.paused") as? Bool == false)
                try phone.click("[data-read=stop]")
                #expect(try phone.script("return CSS.highlights.has('read-aloud')") as? Bool == false)
                #expect(try phone.script("return document.querySelector('[data-read=play]').hidden") as? Bool == false)

                try phone.script("const speed = document.querySelector('[data-read=speed]'); speed.value = '1.25'; speed.dispatchEvent(new Event('change'))")
                try phone.click("[data-read=play]")
                try phone.waitUntil("reading at 1.25×") { try Self.last(phone)?.rate == 1.25 }
                try phone.click("[data-read=stop]")

                // A device without a Dutch voice says so, in the interface's language, and reads nothing.
                let before = try phone.script("window.speech.voices = [{ lang: 'en-GB', name: 'English only' }]; return window.speech.spoken.length") as? Int
                try phone.click("[data-read=play]")
                try phone.wait(for: "[data-read=message]:not([hidden])", containing: "geen stem")
                #expect(try phone.script("return window.speech.spoken.length") as? Int == before)

                try journey.readModule(phone, "core-signals")
                try phone.click("a.button[href^='#/quiz/']")
                try phone.wait(for: "form[data-question]")
                try phone.script(Self.standIn)
                try phone.click("[data-read=play]")
                let question = try phone.script("return document.querySelector('legend > span:last-child').textContent") as? String
                let labels = try phone.script("return [...document.querySelectorAll('.option label')].map((label) => label.textContent)") as? [String] ?? []
                let read = try phone.script("""
                    for (let i = 0; i < 12; i += 1) window.speech.spoken.at(-1).onend();
                    return window.speech.spoken.map((utterance) => utterance.text);
                    """) as? [String] ?? []
                #expect(read.contains(question ?? "-"), "the question is read")
                #expect(!labels.isEmpty && labels.allSatisfy(read.contains), "every option is read")
            }
        }
    }
}

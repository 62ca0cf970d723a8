import Foundation
@testable import Signaal
import Testing

extension BrowserJourneys {
    /// Every public page and the staff pages without a journey of their own: rendered, screenshotted at
    /// 320 and 1280 px, free of script errors and CSP violations; errors shown in the chosen language;
    /// an ended session brings the person back to where they were after signing in.
    @Suite struct PageTests {
        @Test func publicPages_renderCleanly_andErrorsAreWordsInTheChosenLanguage() async throws {
            try await Journey.run("public") { journey in
                let guest = try journey.browser()
                try guest.open("/")
                try guest.wait(for: "main h1", containing: "Geen plek voor seksuele uitbuiting")
                try journey.check(guest, page: "landing")
                try guest.chooseLanguage("en")
                try guest.wait(for: "main h1", containing: "No place for sexual exploitation")
                try guest.command("POST", "/refresh")
                try guest.wait(for: "main h1", containing: "No place for sexual exploitation")
                #expect(try guest.script("return document.documentElement.lang") as? String == "en", "the choice is remembered")
                try journey.check(guest, page: "landing-en")
                try guest.open("/verify/AAAA-BBBB-CCCC-D")
                try guest.wait(for: ".state-unknown", containing: "Unknown")
                try journey.forgetConsole(guest)  // the unknown code answers 404, on purpose
                try journey.check(guest, page: "verify-unknown")
                try guest.open("/#/")
                try guest.chooseLanguage("nl")
                try guest.wait(for: "main h1", containing: "Geen plek")

                try journey.signIn(guest, login: "niemand@signaal.test", password: "verkeerd wachtwoord")
                try guest.wait(for: "#password-error", containing: "klopt niet")
                #expect(try guest.script("return document.getElementById('password').getAttribute('aria-invalid')") as? String == "true")
                try journey.forgetConsole(guest)
                try journey.check(guest, page: "signin-error")
                try guest.open("/#/register")
                try guest.type("#name", "Hotel Test")
                try guest.type("#city", "Utrecht")
                try guest.type("#kvk", "1234")
                try guest.click("form button[type=submit]")
                try guest.wait(for: ".field-error", containing: "8 cijfers")
                try journey.forgetConsole(guest)
                try journey.check(guest, page: "register-error")
                try guest.open("/join/not-a-real-invite")
                try guest.click("form button[type=submit]")
                try guest.wait(for: "#status", containing: "Deze link werkt niet")
                try journey.forgetConsole(guest)
                try journey.check(guest, page: "join-invalid")
                try guest.open("/s/UNKNOWN")
                try guest.wait(for: "main h1", containing: "Welkom")
                try journey.check(guest, page: "signup")
            }
        }

        @Test func adminFigures_drawAChartWithItsTable_andModuleStatistics() async throws {
            try await Journey.run("figures") { journey in
                let business = try journey.approvedBusiness(name: "Hotel Figuur", headcount: 3)
                try journey.trainedStaff(businessID: business.id, manager: business.manager, count: 2)
                let admin = try journey.browser()
                try journey.signIn(admin, login: Journey.adminEmail)
                try admin.click("a", containing: "Cijfers")
                try admin.wait(for: "svg.chart rect")
                #expect(try admin.script("return document.querySelector('svg.chart title').textContent") as? String == "Afgeronde trainingen per maand")
                #expect(try admin.text("table.figures").contains("2"))
                #expect(try admin.script("return document.querySelectorAll('details.card').length") as? Int ?? 0 >= 14, "one entry per module")
                #expect(try admin.text("table.audit").contains("business.approved"))
                try journey.check(admin, page: "insights")
                // At 320 px the figures' tables fit as they are; only the audit log scrolls in its box.
                try admin.resize(width: 320)
                let wide = try admin.script("""
                    return [...document.querySelectorAll('table.figures')].filter((table) => table.scrollWidth > table.parentElement.clientWidth).length
                    """) as? Int
                #expect(wide == 0, "figure tables wider than a 320 px phone")
                try admin.resize(width: admin.width)
            }
        }

        @Test func endedSession_leadsToSignIn_andBackToTheSamePage() async throws {
            try await Journey.run("expiry") { journey in
                let (phone, username) = try journey.signedInLearner(business: "Hotel Terug", learner: "Noor Haddad", width: 390)
                try phone.click("li.module[data-module='core-myths'] a")
                try phone.wait(for: "article.lesson")
                let reading = try phone.url
                let first = try phone.newTab()
                try phone.open("/#/course")
                try phone.click("header button", containing: "Uitloggen")
                try phone.switchTo(tab: first)
                try phone.click(".actions button:not(.secondary)")
                try phone.wait(for: ".notice", containing: "Je sessie is verlopen")
                try journey.forgetConsole(phone)  // the refused request, on purpose
                try journey.check(phone, page: "signin-expired")
                try phone.type("#login", username)
                try phone.type("#password", Journey.password)
                try phone.click("form button[type=submit]")
                try phone.wait(for: "article.lesson")
                #expect(try phone.url.hasPrefix(reading.components(separatedBy: "#").first! + "#/module/core-myths"), "back in the module")
            }
        }
    }
}

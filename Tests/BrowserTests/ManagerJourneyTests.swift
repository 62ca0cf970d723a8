import Foundation
import Testing

extension BrowserJourneys {
    /// More managers in a real browser: an admin registers a business for a caller and passes on the link;
    /// its manager invites a second manager, who joins by the link and sees the business; the first puts
    /// themselves on the list and removes the second.
    @Suite struct ManagerJourneyTests {
        @Test func aBusinessRegisteredByPhone_getsASecondManager_andItsFirstManagerCounts() async throws {
            try await Journey.run("managers") { journey in
                let office = try journey.browser(width: 1280)
                try journey.signIn(office, login: Journey.adminEmail)
                try office.wait(for: "table.businesses")
                try office.click("details summary", containing: "Bedrijf aanmelden voor iemand die belt")
                try office.type("#newName", "Pension De Duinroos")
                try office.type("#newCity", "Texel")
                try office.type("#newKvk", "87654321")
                try office.type("#newHeadcount", "4")
                try office.type("#newManagerName", "Dirk Duin")
                try office.type("#newManagerEmail", "dirk@duinroos.test")
                try office.click("button", containing: "Aanmelden en link maken")
                try office.wait(for: "details .invite-url")
                try journey.check(office, page: "admin-registered")
                let firstLink = try #require(try office.script("return document.querySelector('details .invite-url').value") as? String)

                // The first manager joins by the link, choosing a password, and lands on the manager page.
                let dirk = try journey.browser(width: 390)
                try dirk.open(String(firstLink.dropFirst(journey.base.count)))
                try dirk.type("#password", Journey.password)
                try dirk.click("form button[type=submit]")
                try dirk.click("a.button", containing: "Begin")
                try dirk.click("details[data-part=managers] summary")
                try dirk.wait(for: "section.managers li[data-manager]")
                try dirk.type("#managerName", "Sanne Smit")
                try dirk.type("#managerEmail", "sanne@duinroos.test")
                try dirk.click("section.managers button[type=submit]")
                try dirk.wait(for: "section.managers .invite-url")
                try journey.check(dirk, page: "manager-invited")
                let secondLink = try #require(try dirk.script("return document.querySelector('section.managers .invite-url').value") as? String)

                let sanne = try journey.browser(width: 390)
                try sanne.open(String(secondLink.dropFirst(journey.base.count)))
                try sanne.type("#password", "zee en zand op texel")
                try sanne.click("form button[type=submit]")
                try sanne.click("a.button", containing: "Begin")
                try sanne.wait(for: "h1", containing: "Pension De Duinroos")

                // Dirk works at the reception too: on the list he takes the course and counts.
                try dirk.open("/#/manager")
                try dirk.click("details[data-part=managers] summary")
                try dirk.click("[data-own-roster=off]")
                try dirk.waitUntil("Dirk on the roster") { try dirk.text("table.roster").contains("Dirk Duin") }
                try dirk.click("details[data-part=managers] summary")
                try dirk.wait(for: "[data-own-roster=on]")
                let sanneID = try #require(try dirk.script("""
                    return [...document.querySelectorAll('section.managers li[data-manager]')].find((item) => item.textContent.includes('Sanne')).dataset.manager
                    """) as? String)
                try dirk.click("section.managers li[data-manager='\(sanneID)'] button")
                try dirk.waitUntil("Sanne removed") { try dirk.find("section.managers li[data-manager='\(sanneID)']") == nil }
                try journey.check(dirk, page: "managers")
            }
        }
    }
}

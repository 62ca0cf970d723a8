import Foundation
import Testing

extension BrowserJourneys {
    /// The manager chases the people who have not finished: the list with each person's own link, shared
    /// through the phone's share sheet (a stand-in here), then shown as reminded; slips to print.
    @Suite struct ReminderJourneyTests {
        @Test func theManagerSharesAReminder_andTheListSaysWhenItWasSent() async throws {
            try await Journey.run("reminders") { journey in
                let hotel = try journey.approvedBusiness(name: "Hotel De Herinnering", headcount: 3)
                let added = try journey.api("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                            ["name": "Olena Kovalenko", "role": "housekeeping", "language": "uk"])
                let link = try #require(added.json?["inviteUrl"] as? String)
                let id = try #require(added.json?["id"] as? String)
                let phone = try journey.browser(width: 390)
                try journey.signIn(phone, login: try #require(try journey.managerEmail(hotel.id)))
                try phone.click("details[data-part=reminders] summary")
                try phone.wait(for: "section.reminders li[data-person='\(id)'] [data-reminded=no]")
                // The phone's share sheet, as a stand-in that keeps what it was given; the page is drawn again to offer it.
                try phone.script("""
                    window.shared = [];
                    Object.defineProperty(navigator, 'share', { configurable: true, value: (data) => { window.shared.push(data.text); return Promise.resolve(); } });
                    """)
                try phone.open("/#/")
                try phone.open("/#/manager")
                try phone.click("details[data-part=reminders] summary")
                try phone.wait(for: "section.reminders [data-share='\(id)']")
                try journey.check(phone, page: "reminders")
                try phone.click("section.reminders [data-share='\(id)']")
                try phone.wait(for: "section.reminders li[data-person='\(id)'] [data-reminded=yes]")
                let shared = try phone.script("return window.shared") as? [String] ?? []
                // Her own link, in her own language (Ukrainian).
                let token = try #require(link.split(separator: "/").last)
                #expect(shared.count == 1 && shared[0].contains("/join/\(token)"), "\(shared) \(link)")
                let ukrainian = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: PackagePaths.root + "/web/i18n/uk.json"))) as? [String: String]
                let opening = try #require(ukrainian?["reminders.message"]?.components(separatedBy: "{name}").first)
                #expect(shared.first?.hasPrefix(opening) == true, "\(shared)")
                #expect(try phone.text("section.reminders").contains("1"))
                #expect(try phone.find("section.reminders a[data-slips]") != nil)
                #expect(try phone.find("section.reminders a[data-channel=whatsapp]") != nil)
            }
        }
    }
}

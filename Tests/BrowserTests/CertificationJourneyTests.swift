import Foundation
import Testing

extension BrowserJourneys {
    /// A business from registration to a verified certificate, its revocation, and hostile names,
    /// all through the interface.
    @Suite struct CertificationJourneyTests {
        @Test func registerApproveTrainThreeOfFive_certificateIssuedDownloadedAndVerified() async throws {
            try await Journey.run("certify") { journey in
                let manager = try journey.browser()
                try journey.registerBusiness(manager, name: "Hotel De Gouden Leeuw", headcount: 5, managerEmail: "mila@goudenleeuw.test")
                #expect(try manager.text(".progress").contains("Jullie aanmelding wacht op goedkeuring"))
                try journey.check(manager, page: "manager-pending")

                // Registering again with the same address (another password) creates nothing; the sign-in
                // page, not the API, tells the person the address already has an account.
                let again = try journey.browser()
                try again.open("/#/register")
                for (field, value) in [("#name", "Hotel Dubbel"), ("#city", "Utrecht"), ("#kvk", "12345678"), ("#headcount", "3"),
                                       ("#managerName", "Mila Manager"), ("#managerEmail", "mila@goudenleeuw.test"), ("#password", "een ander lang wachtwoord")] {
                    try again.type(field, value)
                }
                try again.click("form button[type=submit]")
                try again.wait(for: "p.notice", containing: "heeft al een account")
                #expect(try again.script("return document.querySelector('#login').value") as? String == "mila@goudenleeuw.test")

                let admin = try journey.browser()
                try journey.signIn(admin, login: Journey.adminEmail)
                try admin.wait(for: "table.businesses td", containing: "Hotel De Gouden Leeuw")
                try journey.check(admin, page: "admin")
                try admin.click("table.businesses button", containing: "Goedkeuren")
                try admin.wait(for: "table.businesses small", containing: "Goedgekeurd")

                try manager.open("/#/manager")
                try manager.wait(for: ".progress .big")
                var links: [String] = []
                // Chloé's job is left open: she is asked for it when she starts.
                for (name, role) in [("Ana Kowalska", "housekeeping"), ("Bram de Vries", "reception"), ("Chloé Martin", nil),
                                     ("Dewi Santoso", "maintenance"), ("Emre Yilmaz", "security")] {
                    links.append(try journey.addPerson(manager, name: name, role: role))
                }
                #expect(Set(links).count == 5)
                #expect(try manager.script("return document.querySelector('#invite img').getAttribute('src')") as? String ?? "" != "")
                try journey.check(manager, page: "manager-roster")

                for (index, link) in links.prefix(3).enumerated() {
                    let phone = try journey.browser(width: 390)
                    try journey.join(phone, link: link)
                    if index == 0 { try journey.check(phone, page: "course") }
                    let required = try journey.requiredModules(phone)
                    #expect(required.count == 7)
                    #expect(required.filter { $0.hasPrefix("role-") } == [["role-housekeeping"], ["role-reception"], ["role-bar"]][index])
                    for module in required { try journey.passModule(phone, module) }
                    try phone.open("/#/course")
                    try phone.wait(for: ".notice.success")
                    if index == 0 { try journey.check(phone, page: "course-done") }
                }

                try manager.open("/#/manager")
                try manager.wait(for: ".progress .big", containing: "60%")
                #expect(try manager.text(".progress").contains("Jullie halen de 60 procent"))
                let pdfLink = try #require(try manager.script("return document.querySelector('a[href$=\".pdf\"][href^=\"/certificates/\"]')?.getAttribute('href')") as? String,
                                           "the certificate was issued and offered for download")
                try journey.check(manager, page: "manager-certified")
                let download = try manager.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(async (response) => {
                      const bytes = new Uint8Array(await response.arrayBuffer());
                      done([response.status, response.headers.get('content-type'), String.fromCharCode(...bytes.slice(0, 5)), bytes.length]);
                    });
                    """, [pdfLink]) as? [Any] ?? []
                #expect(download.count == 4 && download[0] as? Int == 200 && download[1] as? String == "application/pdf" && download[2] as? String == "%PDF-")

                let code = String(pdfLink.dropFirst("/certificates/".count).dropLast(".pdf".count))
                let guest = try journey.browser(width: 390)
                try guest.open("/verify/\(code)")
                try guest.wait(for: "body", containing: "Hotel De Gouden Leeuw")
                #expect(try guest.text("body").contains("Geldig"))
                try journey.check(guest, page: "verify-valid")
            }
        }

        @Test func adminIssuesThenRevokesWithAReason_verificationAndBadgeShowRevoked() async throws {
            try await Journey.run("revoke") { journey in
                let business = try journey.approvedBusiness(name: "Camping Het Veen", headcount: 3)
                try journey.trainedStaff(businessID: business.id, manager: business.manager, count: 2)
                let admin = try journey.browser()
                try journey.signIn(admin, login: Journey.adminEmail)
                try admin.click("table.businesses button", containing: "Certificaat uitgeven")
                try admin.wait(for: "table.businesses td", containing: "Geldig")
                let code = try #require(try admin.script("return document.querySelector('table.businesses td small.code')?.textContent") as? String)
                try admin.click("table.businesses summary", containing: "Intrekken")
                try admin.click("form.revoke button[type=submit]")
                try admin.wait(for: ".field-error", containing: "reden")
                try journey.forgetConsole(admin)  // the refused request is logged by the browser, on purpose
                try admin.type("form.revoke input", "Bedrijf heeft het programma verlaten")
                try admin.click("form.revoke button[type=submit]")
                try admin.wait(for: "table.businesses td", containing: "Ingetrokken")
                try journey.check(admin, page: "admin-revoked")

                let guest = try journey.browser(width: 390)
                try guest.open("/verify/\(code)")
                try guest.wait(for: ".state-revoked", containing: "Ingetrokken")
                #expect(try !guest.text("body").contains("programma verlaten"), "the reason stays internal")
                try journey.check(guest, page: "verify-revoked")
                try guest.open("/certificates/\(code)/badge.svg")
                let badge = try guest.script("return new XMLSerializer().serializeToString(document)") as? String ?? ""
                #expect(badge.contains("ingetrokken"), "badge: \(badge.prefix(300))")
                #expect(!badge.contains("geldig"))
            }
        }

        @Test func loweredHeadcount_isShownAsPending_untilTheAdminConfirmsIt() async throws {
            try await Journey.run("headcount") { journey in
                let manager = try journey.browser()
                try journey.registerBusiness(manager, name: "Hotel De Linde", headcount: 10, managerEmail: "mila@delinde.test")
                let business = try #require(try manager.script("return JSON.parse(sessionStorage.getItem('signaal.user')).businessId") as? String)
                let adminSession = try journey.session(login: Journey.adminEmail)
                #expect(try journey.api("POST", "/api/v1/admin/businesses/\(business)/approve", headers: adminSession).status == 200)

                try manager.open("/#/manager")
                try manager.wait(for: "#headcount")
                try manager.script("document.querySelector('#headcount').value = '6'")
                try manager.click("form.headcount button[type=submit]")
                try manager.wait(for: "#headcount-pending", containing: "6")
                #expect(try manager.script("return document.querySelector('#headcount').value") as? String == "10", "the approved figure still counts")
                try journey.check(manager, page: "manager-headcount-pending")

                let admin = try journey.browser()
                try journey.signIn(admin, login: Journey.adminEmail)
                try admin.wait(for: "table.businesses")
                try admin.click("details.card summary")
                try admin.script("document.querySelector('#filter-headcount').value = 'pending'")
                try admin.click("form.filters button[type=submit]")
                try admin.wait(for: "table.businesses td", containing: "Hotel De Linde")
                #expect(try admin.script("return document.querySelectorAll('table.businesses tbody tr').length") as? Int == 1)
                try journey.check(admin, page: "admin-headcount-pending")
                try admin.click("table.businesses button", containing: "Verlaging bevestigen")
                try admin.wait(for: "#status", containing: "Opgeslagen")

                try manager.open("/#/manager")
                try manager.waitUntil("the confirmed figure") {
                    try manager.script("return document.querySelector('#headcount')?.value") as? String == "6"
                }
                #expect(try manager.find("#headcount-pending") == nil)
            }
        }

        @Test func markupInNames_isShownAsTextEverywhere() async throws {
            let hostile = "<img src=x onerror=alert(1)>"
            try await Journey.run("names") { journey in
                let manager = try journey.browser()
                try journey.registerBusiness(manager, name: "Hotel \(hostile)", headcount: 2, managerEmail: "mila@hostile.test")
                let link = try journey.addPerson(manager, name: "Ana \(hostile)")
                let business = try #require(try manager.script("return JSON.parse(sessionStorage.getItem('signaal.user')).businessId") as? String)
                try journey.trainedStaff(businessID: business, manager: try journey.session(login: "mila@hostile.test"), count: 2)
                let admin = try journey.browser()
                try journey.signIn(admin, login: Journey.adminEmail)
                try admin.click("table.businesses button", containing: "Goedkeuren")
                // Approval of a business that already meets 60 percent issues the certificate.
                try admin.wait(for: "table.businesses td", containing: "Geldig")

                let csv = journey.configuration.dataFolder + "/staff.csv"
                try "naam;email\nBo \(hostile);\n\"Jansen; Piet\";piet@hostile.test\nKees;geen-adres\n".write(toFile: csv, atomically: true, encoding: .utf8)
                try manager.command("POST", "/element/\(try manager.wait(for: "#csv").id)/value", ["text": csv])
                try manager.click("form button[type=submit]", containing: "Importeren")
                try manager.wait(for: "#status", containing: "2 toegevoegd, 1 overgeslagen")
                #expect(try manager.text("form .report").contains("Regel 4: het e-mailadres klopt niet"), "the rejected row, in words")
                try manager.wait(for: "table.roster td", containing: "Bo \(hostile)")
                try manager.wait(for: "table.roster td", containing: "Jansen; Piet")

                let learner = try journey.browser(width: 390)
                try journey.join(learner, link: link)
                try manager.open("/#/manager")
                try manager.wait(for: "table.roster td", containing: "Ana \(hostile)")
                let code = try #require(try admin.script("return document.querySelector('table.businesses td small.code')?.textContent") as? String)
                let guest = try journey.browser()
                try guest.open("/verify/\(code)")
                for (browser, page, text) in [(manager, "manager", "Ana \(hostile)"), (manager, "manager", "Hotel \(hostile)"),
                                              (admin, "admin", "Hotel \(hostile)"), (guest, "verify", "Hotel \(hostile)")] {
                    try browser.wait(for: "body", containing: text)
                    #expect(try browser.script("return document.querySelectorAll('img[src=\"x\"]').length") as? Int == 0, "\(page) made an element")
                    try journey.check(browser, page: page, widths: [1280])
                }
            }
        }
    }
}

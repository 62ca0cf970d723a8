import Foundation
@testable import Signaal
import Testing

/// The certificate, sticker and poster PDFs, checked by qpdf, pdftotext and zbarimg.
@Suite(.cleansUp)
struct DocumentTests {
    /// `url` nil: a page of several codes, each of which must decode to a link.
    static func check(_ pdf: [UInt8], contains texts: [String], qrDecodesTo url: String?) async throws {
        try await onThread {
            #expect(pdf.starts(with: Array("%PDF-".utf8)))
            let folder = try Package.temporaryFolder()
            let file = folder + "/document.pdf"
            try Data(pdf).write(to: URL(fileURLWithPath: file))
            if let qpdf = ExternalTools.find("qpdf", package: "qpdf") {
                let checked = try ExternalTools.run(qpdf, ["--check", file])
                #expect(checked.status == 0, "qpdf --check: \(checked.output)")
            }
            if let pdftotext = ExternalTools.find("pdftotext", package: "poppler-utils") {
                let text = try ExternalTools.run(pdftotext, [file, "-"]).output
                for expected in texts { #expect(text.contains(expected), "pdftotext lacks '\(expected)': \(text)") }
            }
            if let pdftoppm = ExternalTools.find("pdftoppm", package: "poppler-utils"),
               let zbarimg = ExternalTools.find("zbarimg", package: "zbar-tools") {
                _ = try ExternalTools.run(pdftoppm, ["-r", "150", "-png", "-singlefile", file, folder + "/page"])
                let decoded = try ExternalTools.run(zbarimg, ["--quiet", "--raw", folder + "/page.png"])
                if let url {
                    #expect(decoded.output.trimmingCharacters(in: .whitespacesAndNewlines) == url)
                } else {
                    let codes = decoded.output.split(separator: "\n")
                    #expect(!codes.isEmpty && codes.allSatisfy { $0.hasPrefix("http") && $0.contains("/join/") }, "\(decoded.output)")
                }
            }
        }
    }

    @Test func certificatePDF_andSticker_carryTheNameAndAScannableVerificationLink() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(name: "Hôtel ’t Zoete Hart — Zoë & Søren", headcount: 1)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 1), businessID: business.id)
        let code = try #require(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates",
                                                              headers: fixture.admin).json?["code"] as? String)
        let certificate = try await fixture.app.request("GET", "/certificates/\(code).pdf")
        #expect(certificate.status == 200)
        #expect(certificate.headers["content-type"] == "application/pdf")
        try await Self.check(certificate.body, contains: ["Verantwoordelijkheidscertificaat", "Hôtel ’t Zoete Hart — Zoë & Søren", code],
                             qrDecodesTo: "http://127.0.0.1/verify/\(code)")
        let english = try await fixture.app.request("GET", "/certificates/\(code).pdf?lang=en")
        try await Self.check(english.body, contains: ["Responsibility Certificate"], qrDecodesTo: "http://127.0.0.1/verify/\(code)")
        let sticker = try await fixture.app.request("GET", "/certificates/\(code)/sticker.pdf")
        try await Self.check(sticker.body, contains: ["SIGNAAL", "Hôtel ’t Zoete Hart", "Wij doen mee", "We take part"], qrDecodesTo: "http://127.0.0.1/verify/\(code)")
        #expect(try await fixture.app.request("GET", "/certificates/\(VerificationCode.make()).pdf").status == 404)
        await fixture.app.application.shutdown()
    }

    /// Names in any Latin or Cyrillic script print, search and copy exactly, from fonts embedded in the file.
    @Test func namesInLatinAndCyrillicScripts_comeBackExactly_fromEmbeddedFonts() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(name: "Pensjonat Łódź Żółć – Ștefan Ğül", city: "Готель Київ", headcount: 1)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 1), businessID: business.id)
        let code = try #require(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates",
                                                              headers: fixture.admin).json?["code"] as? String)
        let documents = [
            try await fixture.app.request("GET", "/certificates/\(code).pdf").body,
            try await fixture.app.request("GET", "/certificates/\(code).pdf?lang=en").body,
            try await fixture.app.request("GET", "/certificates/\(code)/sticker.pdf").body,
        ]
        for pdf in documents {
            try await Self.check(pdf, contains: ["Pensjonat Łódź Żółć – Ștefan Ğül"], qrDecodesTo: "http://127.0.0.1/verify/\(code)")
        }
        try await Self.check(documents[0], contains: ["Готель Київ"], qrDecodesTo: "http://127.0.0.1/verify/\(code)")
        let poster = try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)/poster.pdf", headers: business.manager).body
        for pdf in documents + [poster] {
            try await Self.expectEveryFontEmbedded(pdf)
        }
        await fixture.app.application.shutdown()
    }

    /// `pdffonts` lists at least one font, each an embedded subset (`emb`, `sub`) with a Unicode map (`uni`).
    static func expectEveryFontEmbedded(_ pdf: [UInt8]) async throws {
        try await onThread {
            guard let pdffonts = ExternalTools.find("pdffonts", package: "poppler-utils") else { return }
            let file = try Package.temporaryFolder() + "/fonts.pdf"
            try Data(pdf).write(to: URL(fileURLWithPath: file))
            let rows = try ExternalTools.run(pdffonts, [file]).output.split(separator: "\n").dropFirst(2)
            #expect(!rows.isEmpty)
            for row in rows {
                let columns = row.split(separator: " ")
                #expect(columns.count >= 7 && columns[columns.count - 5] == "yes" && columns[columns.count - 4] == "yes"
                        && columns[columns.count - 3] == "yes", "not an embedded subset with a Unicode map: \(row)")
                #expect(row.contains("CID TrueType") && row.contains("Identity-H"), "\(row)")
            }
        }
    }

    @Test func certificateNoLongerValid_getsNoDocument_but410WithItsStatusInThePersonsLanguage() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 1)
        try await fixture.complete(try await fixture.addStaff(business.id, count: 1), businessID: business.id)
        // Sessions end after 12 idle hours: the admin signs in again after the clock moves.
        let issue = {
            let admin = try await Seed.signIn(fixture.app, email: "admin@signaal.test")
            return try #require(try await fixture.app.request("POST", "/api/v1/admin/businesses/\(business.id)/certificates",
                                                              headers: admin).json?["code"] as? String)
        }
        func expectGone(_ code: String, _ dutch: String, _ english: String) async throws {
            for path in ["/certificates/\(code).pdf", "/certificates/\(code)/sticker.pdf"] {
                let gone = try await fixture.app.request("GET", path)
                #expect(gone.status == 410, "\(path)")
                #expect(gone.headers["content-type"]?.hasPrefix("text/html") == true)
                #expect(gone.text.contains(dutch) && gone.text.contains("/verify/\(code)") && !gone.text.contains("Geldig tot en met"))
                #expect(try await fixture.app.request("GET", path + "?lang=en").text.contains(english))
            }
        }
        let first = try await issue()
        fixture.clock.advance(by: 320 * 86_400)  // inside the renewal window (the last two months)
        let renewed = try await issue()
        try await expectGone(first, "vervangen door een nieuwer certificaat", "replaced by a newer one")
        #expect(try await fixture.app.request("GET", "/certificates/\(renewed).pdf").status == 200)
        #expect(try await fixture.app.request("GET", "/certificates/\(first)/badge.svg").text.contains("vervangen"))

        let admin = try await Seed.signIn(fixture.app, email: "admin@signaal.test")
        _ = try await fixture.app.request("POST", "/api/v1/admin/certificates/\(renewed)/revoke", headers: admin, body: #"{"reason":"test"}"#)
        try await expectGone(renewed, "ingetrokken op", "was revoked on")
        let assertion = try await fixture.app.request("GET", "/api/v1/certificates/\(renewed)/badge")
        #expect(assertion.json?["revoked"] as? Bool == true)

        let third = try await issue()
        fixture.clock.advance(by: 400 * 86_400)
        try await expectGone(third, "verlopen op", "expired on")
        await fixture.app.application.shutdown()
    }

    @Test func poster_linksToSelfSignUp_whichCountsOnlyAfterConfirmation() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(name: "Camping De Duinen", sector: "holiday_park", headcount: 1)
        let poster = try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)/poster.pdf", headers: business.manager)
        #expect(poster.status == 200)
        let again = try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)/poster.pdf", headers: business.manager)
        #expect(again.body == poster.body)  // the same link on every print
        let code = try await fixture.app.application.database.read { try $0.queryOne("SELECT code FROM signup_codes") { $0.string(0) } }
        let link = "http://127.0.0.1/s/\(try #require(code))"
        try await Self.check(poster.body, contains: ["Camping De Duinen", link], qrDecodesTo: link)

        let signedUp = try await fixture.app.request("POST", "/api/v1/signup/\(code!)", body: #"{"name":"Noor"}"#)
        #expect(signedUp.status == 201)
        let id = try #require((signedUp.json?["user"] as? [String: Any])?["id"] as? String)
        #expect(try await fixture.progress(business.id, as: business.manager)["activeEmployees"] as? Int == 0)
        #expect(try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees/\(id)/confirm", headers: business.manager).status == 204)
        #expect(try await fixture.progress(business.id, as: business.manager)["activeEmployees"] as? Int == 1)
        #expect(try await fixture.app.request("POST", "/api/v1/signup/NOPE", body: #"{"name":"X"}"#).status == 404)
        await fixture.app.application.shutdown()
    }
}

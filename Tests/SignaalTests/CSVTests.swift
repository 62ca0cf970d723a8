import Foundation
@testable import Signaal
import Testing

/// The CSV reader and writer, then the roster import and export over HTTP.
@Suite(.cleansUp)
struct CSVTests {
    func parse(_ text: String) throws -> [CSV.Record] { try CSV.parse(Array(text.utf8)) }

    @Test func rfc4180_quotedFieldsEscapesAndLineBreaks() throws {
        let records = try parse("name,email\r\n\"Jansen, Piet\",piet@x.nl\r\n\"Anna \"\"Ans\"\" Bos\",\r\n\"Multi\nline\",m@x.nl\r\n")
        #expect(records == [
            CSV.Record(line: 1, fields: ["name", "email"]),
            CSV.Record(line: 2, fields: ["Jansen, Piet", "piet@x.nl"]),
            CSV.Record(line: 3, fields: ["Anna \"Ans\" Bos", ""]),
            CSV.Record(line: 4, fields: ["Multi\nline", "m@x.nl"]),
        ])
    }

    @Test func dutchExport_withBOMAndSemicolons() throws {
        let records = try CSV.parse([0xEF, 0xBB, 0xBF] + Array("Naam;E-mail\nZoë ’t Hart;zoe@x.nl\n\"De Vries; Jan\";\n".utf8))
        #expect(records.map(\.fields) == [["Naam", "E-mail"], ["Zoë ’t Hart", "zoe@x.nl"], ["De Vries; Jan", ""]])
    }

    @Test func invalidFiles_areRefusedWithTheirLine() {
        #expect(throws: CSV.Invalid(line: 2, reason: "a quoted field is never closed")) { try parse("a,b\n\"open,c\n") }
        #expect(throws: CSV.Invalid(line: 1, reason: "a quote inside an unquoted field")) { try parse("ab\"c,d\n") }
        #expect(throws: CSV.Invalid(line: 1, reason: "text after a closing quote")) { try parse("\"ab\"c,d\n") }
        #expect(throws: CSV.Invalid(line: 1, reason: "the file is not UTF-8 text")) { try CSV.parse([0x41, 0xFF, 0x0A]) }
    }

    @Test func writer_quotesAndNeutralisesFormulas() {
        #expect(CSV.line(["=HYPERLINK(\"x\")", "+31", "-5", "@SUM(A1)", "plain", "a,b"])
                == "'=HYPERLINK(\"x\"),'+31,'-5,'@SUM(A1),plain,\"a,b\"\r\n".replacingOccurrences(of: "'=HYPERLINK(\"x\")", with: "\"'=HYPERLINK(\"\"x\"\")\""))
    }

    static func importCSV(_ fixture: BusinessFixture, _ business: (id: String, manager: [String: String]), _ text: String,
                          contentType: String = "text/csv") async throws -> HTTPClient.Response {
        try await fixture.app.request("POST", "/api/v1/businesses/\(business.id)/employees/import",
                                      headers: business.manager.merging(["Content-Type": contentType]) { $1 }, body: text)
    }

    static func rosterCount(_ fixture: BusinessFixture, _ id: String) async throws -> Int {
        try await fixture.app.application.database.read { try $0.queryOne("SELECT count(*) FROM users WHERE business_id = ? AND role = 'employee'", id) { $0.int(0) } } ?? 0
    }

    @Test func import_addsValidRows_reportsRejected_andNeverAddsTwice() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 10)
        let file = "\u{FEFF}Naam;E-mail\r\nZoë ’t Hart;zoe@x.nl\r\n\"De Vries; Jan\";\r\n;nobody@x.nl\r\nPiet;not-an-email\r\nAna;\r\n"
        let first = try await Self.importCSV(fixture, business, file)
        #expect(first.status == 201)
        let added = try #require(first.json?["added"] as? [[String: Any]])
        #expect(added.map { $0["name"] as? String } == ["Zoë ’t Hart", "De Vries; Jan", "Ana"])
        #expect(added.map { $0["line"] as? Int } == [2, 3, 6])
        #expect(added.allSatisfy { ($0["inviteUrl"] as? String)?.contains("/join/") == true })
        let rejected = try #require(first.json?["rejected"] as? [[String: Any]])
        #expect(rejected.map { $0["line"] as? Int } == [4, 5])
        #expect(rejected.map { $0["code"] as? String } == ["invalid_name", "invalid_email"])

        let again = try await Self.importCSV(fixture, business, file)
        #expect(again.status == 200)
        #expect((again.json?["added"] as? [Any])?.isEmpty == true)
        #expect((again.json?["rejected"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                == ["email_taken", "possible_duplicate", "invalid_name", "invalid_email", "possible_duplicate"])
        #expect(try await Self.rosterCount(fixture, business.id) == 3)
        await fixture.app.application.shutdown()
    }

    @Test func invalidCSV_writesNothing_andLimitsHold() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 10)
        let broken = try await Self.importCSV(fixture, business, "name\nAna\n\"Bo\n")
        #expect(broken.status == 422)
        #expect(broken.text.contains("Line 3"))
        #expect(try await Self.rosterCount(fixture, business.id) == 0)
        let tooMany = try await Self.importCSV(fixture, business, "name\n" + (0...5000).map { "Person \($0)\n" }.joined())
        #expect(tooMany.status == 413)
        #expect(try await Self.rosterCount(fixture, business.id) == 0)
        let json = try await Self.importCSV(fixture, business, "{}", contentType: "application/json")
        #expect(json.status == 415)
        await fixture.app.application.shutdown()
    }

    @Test func export_isCSVWithFormulasNeutralised() async throws {
        let fixture = try await BusinessFixture.start()
        let business = try await fixture.register(headcount: 2)
        _ = try await Self.importCSV(fixture, business, "name,email\n=cmd|' /C calc'!A0,\n@Bob,bob@x.nl\n")
        let export = try await fixture.app.request("GET", "/api/v1/businesses/\(business.id)/employees.csv", headers: business.manager)
        #expect(export.status == 200)
        #expect(export.headers["content-type"] == "text/csv; charset=utf-8")
        #expect(export.text.contains("'=cmd|' /C calc'!A0"))
        #expect(export.text.contains("'@Bob,bob@x.nl"))
        #expect(!export.text.contains("\n=") && !export.text.contains("\n@"))
        let records = try CSV.parse(export.body)
        #expect(records.first?.fields.first == "name")
        #expect(records.count == 3)
        await fixture.app.application.shutdown()
    }
}

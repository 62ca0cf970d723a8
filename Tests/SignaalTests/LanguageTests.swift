import Foundation
@testable import Signaal
import Testing

/// A person's language: chosen by them and kept on their account, set by their manager (one by one or
/// in the CSV), and the API's error messages in it.
@Suite(.cleansUp)
struct LanguageTests {
    func join(_ fixture: BusinessFixture, _ added: [String: Any]) async throws -> [String: String] {
        try await fixture.join(try #require(added["inviteUrl"] as? String))
    }

    func language(_ fixture: BusinessFixture, _ headers: [String: String]) async throws -> String? {
        (try await fixture.app.request("GET", "/api/v1/me", headers: headers).json?["user"] as? [String: Any])?["language"] as? String
    }

    @Test func aPersonsChoice_isKeptOnTheirAccount_andFollowsThemToAnotherSession() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 2)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                                               body: #"{"name":"Olena","role":"housekeeping"}"#).json)
        let olena = try await join(fixture, added)
        #expect(try await language(fixture, olena) == nil)
        #expect(try await fixture.app.request("PUT", "/api/v1/me/language", headers: olena, body: #"{"language":"uk"}"#).status == 204)
        #expect(try await language(fixture, olena) == "uk")
        let refused = try await fixture.app.request("PUT", "/api/v1/me/language", headers: olena, body: #"{"language":"tlh"}"#)
        #expect(refused.status == 422)
        #expect((refused.json?["error"] as? [String: Any])?["code"] as? String == "unsupported_language")
        #expect(try await language(fixture, olena) == "uk")
        // A manager's choice is theirs too; signed out, there is nobody to keep it for.
        #expect(try await fixture.app.request("PUT", "/api/v1/me/language", headers: hotel.manager, body: #"{"language":"en"}"#).status == 204)
        #expect(try await language(fixture, hotel.manager) == "en")
        #expect(try await fixture.app.request("PUT", "/api/v1/me/language", body: #"{"language":"en"}"#).status == 401)
        await fixture.app.application.shutdown()
    }

    @Test func aManagerSetsAPersonsLanguage_onTheRoster_andInTheCSV_butNotAnotherBusinesss() async throws {
        let fixture = try await BusinessFixture.start()
        let hotel = try await fixture.register(headcount: 3)
        let other = try await fixture.register(name: "Hotel Elders", headcount: 1)
        let added = try #require(try await fixture.app.request("POST", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager,
                                                               body: #"{"name":"Ana","language":"pl"}"#).json)
        let id = try #require(added["id"] as? String)
        func rosterLanguages() async throws -> [String: String] {
            let people = try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)/employees", headers: hotel.manager).json?["employees"] as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: people.map { ($0["name"] as? String ?? "", $0["language"] as? String ?? "-") })
        }
        #expect(try await rosterLanguages()["Ana"] == "pl")
        let path = "/api/v1/businesses/\(hotel.id)/employees/\(id)/language"
        #expect(try await fixture.app.request("PUT", path, headers: hotel.manager, body: #"{"language":"ro"}"#).status == 204)
        #expect(try await rosterLanguages()["Ana"] == "ro")
        #expect(try await fixture.app.request("PUT", path, headers: hotel.manager, body: #"{"language":"xx"}"#).status == 422)
        #expect(try await fixture.app.request("PUT", path, headers: other.manager, body: #"{"language":"en"}"#).status == 404)
        #expect(try await rosterLanguages()["Ana"] == "ro")
        // The person opens the app in it on any phone.
        #expect(try await language(fixture, try await join(fixture, added)) == "ro")

        let report = try await CSVTests.importCSV(fixture, hotel, "name,email,language\r\nBogdan,,bg\r\nMaria,,Klingon\r\n")
        #expect(report.status == 201)
        #expect((report.json?["rejected"] as? [[String: Any]])?.map { $0["code"] as? String } == ["invalid_language"])
        #expect(try await rosterLanguages()["Bogdan"] == "bg")
        let export = try await fixture.app.request("GET", "/api/v1/businesses/\(hotel.id)/employees.csv", headers: hotel.manager).text
        #expect(export.contains("name,email,username,role,language,"))
        #expect(export.contains("Bogdan,,,,bg,"))
        await fixture.app.application.shutdown()
    }

    @Test func errorMessages_comeInTheLanguageAskedFor_andEnglishKeepsItsDetail() async throws {
        let fixture = try await BusinessFixture.start()
        let strings = try InterfaceStrings(webFolder: Package.web)
        func message(_ headers: [String: String]) async throws -> String? {
            let answer = try await fixture.app.request("GET", "/api/v1/me", headers: headers)
            #expect(answer.status == 401)
            return (answer.json?["error"] as? [String: Any])?["message"] as? String
        }
        let english = try await message(["Accept-Language": "en"])
        for language in strings.languages where language != "en" {
            let expected = try #require(strings.strings[language]?["error.unauthenticated"])
            #expect(try await message(["Accept-Language": "\(language)-XX, en;q=0.5"]) == expected, "\(language)")
            #expect(try await message(["Cookie": "signaal_lang=\(language)", "Accept-Language": "en"]) == expected, "cookie \(language)")
        }
        #expect(english != nil && english != strings.strings["nl"]?["error.unauthenticated"])
        #expect(try await message([:]) == english, "no language asked for: the API's English")
        await fixture.app.application.shutdown()
    }
}

import Foundation
import HTTP

/// `GET /i18n/languages.json`: the interface languages the web pages offer, found from the strings
/// files in `web/i18n/` (each names itself in `lang.name`), so adding a language is adding a file.
/// Dutch comes first, then English, then the rest by code.
struct InterfaceLanguages: Sendable {
    let body: [UInt8]

    /// The answer's shape.
    struct Languages: Codable {
        struct Language: Codable {
            let code: String
            let name: String
        }
        let languages: [Language]
    }

    /// One strings file's own name for its language.
    private struct Strings: Decodable {
        let name: String?

        enum CodingKeys: String, CodingKey {
            case name = "lang.name"
        }
    }

    /// Reads the folder once, at start: the files do not change while the server runs.
    init(webFolder: String) throws {
        let folder = webFolder + "/i18n"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var languages: [(code: String, name: String)] = []
        for file in files where file.hasSuffix(".json") && file != "languages.json" {
            let code = String(file.dropLast(".json".count))
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(file)"))
            languages.append((code, try JSONDecoder().decode(Strings.self, from: data).name ?? code))
        }
        let rank = { (code: String) in ["nl": 0, "en": 1][code] ?? 2 }
        languages.sort { (rank($0.code), $0.code) < (rank($1.code), $1.code) }
        body = Array(try JSONBody.encoded(Languages(languages: languages.map { Languages.Language(code: $0.code, name: $0.name) })))
    }

    func list(_ request: HTTPRequest) async throws -> HTTPResponse {
        var response = HTTPResponse.json(.ok, body: body)
        response.headers.add(name: "cache-control", value: "no-cache")
        return response
    }
}

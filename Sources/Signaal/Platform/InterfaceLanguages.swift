import Foundation
import HTTP

/// `GET /i18n/languages.json`: the interface languages the web pages offer, found from the strings
/// files in `web/i18n/` (each names itself in `lang.name`), so adding a language is adding a file.
/// Dutch comes first, then English, then the rest by code.
struct InterfaceLanguages: Sendable {
    let body: [UInt8]

    /// Reads the folder once, at start: the files do not change while the server runs.
    init(webFolder: String) throws {
        let folder = webFolder + "/i18n"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var languages: [(code: String, name: String)] = []
        for file in files where file.hasSuffix(".json") && file != "languages.json" {
            let code = String(file.dropLast(".json".count))
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(file)"))
            let strings = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            languages.append((code, strings?["lang.name"] as? String ?? code))
        }
        let rank = { (code: String) in ["nl": 0, "en": 1][code] ?? 2 }
        languages.sort { (rank($0.code), $0.code) < (rank($1.code), $1.code) }
        body = Array(try JSONSerialization.data(withJSONObject: ["languages": languages.map { ["code": $0.code, "name": $0.name] }],
                                                options: [.withoutEscapingSlashes]))
    }

    func list(_ request: HTTPRequest) async throws -> HTTPResponse {
        var response = HTTPResponse.json(.ok, body: body)
        response.headers.add(name: "cache-control", value: "no-cache")
        return response
    }
}

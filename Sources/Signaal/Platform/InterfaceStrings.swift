import Foundation
import HTTP

/// The languages the web pages offer: one strings file each in `web/i18n/` (the server's list and
/// `signaal modules check` read the same files).
public enum InterfaceLanguageFiles {
    /// The language codes, sorted (`nl.json` → `nl`).
    public static func codes(webFolder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: webFolder + "/i18n")) ?? []
        return files.filter { $0.hasSuffix(".json") && $0 != "languages.json" }.map { String($0.dropLast(".json".count)) }.sorted()
    }
}

/// The interface strings of `web/i18n/<language>.json`, read once at start: the list the web pages offer
/// (`GET /i18n/languages.json`, each language by its own `lang.name`), the API's error messages in the
/// person's language (`error.<code>`), and the words for true and false in quizzes. Adding a language
/// is adding a file. Dutch comes first, then English, then the rest by code.
struct InterfaceStrings: Sendable {
    /// Strings per language code, by key.
    let strings: [String: [String: String]]
    /// The language codes, Dutch and English first.
    let languages: [String]
    private let listBody: [UInt8]

    /// The answer's shape.
    struct Languages: Codable {
        struct Language: Codable {
            let code: String
            let name: String
            /// `rtl` for languages written right to left, else `ltr`.
            let direction: String
        }
        let languages: [Language]
    }

    /// Reads `web/i18n/<language>.json` and the API's error messages beside it in `web/i18n/errors/<language>.json`
    /// (kept apart so pages do not load words only the server uses).
    init(webFolder: String) throws {
        let folder = webFolder + "/i18n"
        var strings: [String: [String: String]] = [:]
        for code in InterfaceLanguageFiles.codes(webFolder: webFolder) {
            let decode = { (path: String) in try JSONDecoder().decode([String: String].self, from: Data(contentsOf: URL(fileURLWithPath: path))) }
            var words = try decode("\(folder)/\(code).json")
            if FileManager.default.fileExists(atPath: "\(folder)/errors/\(code).json") {
                words.merge(try decode("\(folder)/errors/\(code).json")) { own, _ in own }
            }
            strings[code] = words
        }
        self.init(strings: strings)
    }

    init(strings: [String: [String: String]]) {
        self.strings = strings
        let rank = { (code: String) in ["nl": 0, "en": 1][code] ?? 2 }
        languages = strings.keys.sorted { (rank($0), $0) < (rank($1), $1) }
        let list = Languages(languages: languages.map {
            Languages.Language(code: $0, name: strings[$0]?["lang.name"] ?? $0, direction: LanguageChoice.direction($0))
        })
        listBody = (try? Array(JSONBody.encoded(list))) ?? []
    }

    func list(_ request: HTTPRequest) async throws -> HTTPResponse {
        var response = HTTPResponse.json(.ok, body: listBody)
        response.headers.add(name: "cache-control", value: "no-cache")
        return response
    }

    /// The words for "true" and "false" in `language` (English when it has none).
    func trueAndFalse(_ language: String) -> (String, String) {
        let words = strings[language] ?? strings["en"] ?? [:]
        return (words["quiz.true"] ?? "True", words["quiz.false"] ?? "False")
    }

    /// The error with its message in the language the request asks for (the language cookie, else
    /// `Accept-Language`), when that is not English and the strings have the code; the English message
    /// the API writes says more (figures, field names) and stays as it is.
    func localized(_ error: any HTTPResponseError, for request: HTTPRequest) -> any HTTPResponseError {
        guard var error = error as? APIError, let language = LanguageChoice.preferred(request, available: languages),
              language != "en", let message = strings[language]?["error." + error.code] else { return error }
        error.message = message
        return error
    }
}

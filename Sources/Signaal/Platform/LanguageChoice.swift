import HTTP

/// Which language to answer in: `?lang=` when given — one code, or a list tried in order such as
/// `pl,en` (400 when none is available) — else the language cookie, else the first
/// `Accept-Language` match, else Dutch, else English.
enum LanguageChoice {
    static let fallbacks = ["nl", "en"]
    /// The cookie the web pages set when a person picks a language, so server-rendered pages follow it.
    static let cookieName = "signaal_lang"

    /// Languages written right to left.
    static let rightToLeft: Set<String> = ["ar", "fa", "he", "ur"]

    /// The `dir` attribute for a page in `language`.
    static func direction(_ language: String) -> String {
        rightToLeft.contains(language) ? "rtl" : "ltr"
    }

    static func resolve(_ request: HTTPRequest, available: [String]) throws -> String {
        if let asked = request.queryParameters["lang"]?.lowercased() {
            // A list (`pl,en`) names fallbacks in order: the first one available wins.
            let wanted = asked.split(separator: ",").map { $0.trimmingWhitespace() }
            guard let chosen = wanted.first(where: available.contains) else {
                throw APIError.badRequest("unsupported_language",
                                          "Language '\(asked)' is not available. Available: \(available.sorted().joined(separator: ", ")).")
            }
            return chosen
        }
        if let chosen = preferred(request, available: available) { return chosen }
        return fallbacks.first(where: available.contains) ?? available.sorted().first ?? "nl"
    }

    /// The language the person asked for without `?lang`: the cookie, else the first `Accept-Language` match; nil when neither names one available.
    static func preferred(_ request: HTTPRequest, available: [String]) -> String? {
        if let chosen = request.cookie(named: cookieName)?.lowercased(), available.contains(chosen) { return chosen }
        return acceptedLanguages(request).first(where: available.contains)
    }

    /// Language codes from `Accept-Language`, best first (`nl-NL;q=0.8` → `nl`).
    static func acceptedLanguages(_ request: HTTPRequest) -> [String] {
        guard let header = request.headers["accept-language"] else { return [] }
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (String, Double, Int)? in
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingWhitespace(), !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().compactMap { piece -> Double? in
                let trimmed = piece.trimmingWhitespace()
                return trimmed.hasPrefix("q=") ? Double(trimmed.dropFirst(2)) : nil
            }.first ?? 1
            return (String(tag.split(separator: "-")[0]).lowercased(), quality, index)
        }
        return ranked.filter { $0.1 > 0 }.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }.map(\.0)
    }
}

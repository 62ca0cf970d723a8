import Foundation
import HTTP
import Learning

/// `GET /verify/{code}`: the public verification page, rendered on the server so it works without
/// JavaScript, in Dutch or English, stating plainly valid / expired / revoked / unknown.
struct VerifyPage: Sendable {
    let lookup: CertificateLookup
    /// The percentage the rule asks for, for the words on a valid certificate.
    let threshold: Int

    private static let words: [String: [String: String]] = [
        "nl": ["title": "Certificaat controleren", "valid": "Geldig", "expired": "Verlopen", "revoked": "Ingetrokken",
               "superseded": "Vervangen door een nieuwer certificaat", "unknown": "Onbekende code",
               "unknownText": "Er is geen certificaat met deze code. Controleer de code op typefouten.",
               "intro": "Dit bedrijf heeft het verantwoordelijkheidscertificaat van Signaal: minstens {threshold} procent van de medewerkers heeft de training over signalen van seksuele uitbuiting gevolgd.",
               "business": "Bedrijf", "city": "Plaats", "sector": "Sector", "issued": "Uitgegeven", "expires": "Geldig tot",
               "revokedOn": "Ingetrokken op", "code": "Code", "other": "English",
               "hotel": "Hotel", "holiday_park": "Vakantiepark of camping", "horeca": "Horeca", "taxi": "Taxi"],
        "en": ["title": "Verify a certificate", "valid": "Valid", "expired": "Expired", "revoked": "Revoked",
               "superseded": "Replaced by a newer certificate", "unknown": "Unknown code",
               "unknownText": "No certificate has this code. Check it for typing errors.",
               "intro": "This business holds the Signaal responsibility certificate: at least {threshold} percent of its staff completed the training on signals of sexual exploitation.",
               "business": "Business", "city": "City", "sector": "Sector", "issued": "Issued", "expires": "Valid until",
               "revokedOn": "Revoked on", "code": "Code", "other": "Nederlands",
               "hotel": "Hotel", "holiday_park": "Holiday park or campsite", "horeca": "Hospitality (food and drink)", "taxi": "Taxi"],
    ]

    func verify(_ request: HTTPRequest) async throws -> HTTPResponse {
        let language = (try? LanguageChoice.resolve(request, available: ["nl", "en"])) ?? "nl"
        let words = Self.words[language]!
        var status = HTTPStatus.ok
        var body: String
        do {
            let certificate = try await lookup.certificate(request)
            let state = certificate.state(at: lookup.now()).rawValue
            body = """
                <p class="state state-\(state)" role="status">\(words[state] ?? state)</p>
                \(state == "valid" ? "<p>\(words["intro"]!.replacingOccurrences(of: "{threshold}", with: String(threshold)))</p>" : "")
                <dl>
                <dt>\(words["business"]!)</dt><dd>\(escape(certificate.businessName))</dd>
                <dt>\(words["city"]!)</dt><dd>\(escape(certificate.city))</dd>
                <dt>\(words["sector"]!)</dt><dd>\(words[certificate.sector] ?? escape(certificate.sector))</dd>
                <dt>\(words["issued"]!)</dt><dd>\(Self.day(certificate.issuedAt))</dd>
                <dt>\(words["expires"]!)</dt><dd>\(Self.day(certificate.expiresAt))</dd>
                \(certificate.revokedAt.map { "<dt>\(words["revokedOn"]!)</dt><dd>\(Self.day($0))</dd>" } ?? "")
                <dt>\(words["code"]!)</dt><dd><code>\(escape(certificate.code))</code></dd>
                </dl>
                """
        } catch let error as APIError where error.status == .tooManyRequests {
            throw error
        } catch {
            status = .notFound
            body = #"<p class="state state-unknown" role="status">\#(words["unknown"]!)</p><p>\#(words["unknownText"]!)</p>"#
        }
        let other = language == "nl" ? "en" : "nl"
        let page = Self.page(language: language, title: words["title"]!, body: """
            \(body)
            <p><a href="?lang=\(other)" hreflang="\(other)">\(words["other"]!)</a></p>
            """)
        var response = HTTPResponse.text(page, status: status, contentType: "text/html; charset=utf-8")
        response.headers.add(name: "cache-control", value: "no-cache")
        if request.queryParameters["lang"] != nil {
            response.headers.add(name: "set-cookie", value: "\(LanguageChoice.cookieName)=\(language); Path=/; Max-Age=31536000; SameSite=Lax")
        }
        return response
    }

    private func escape(_ text: String) -> String { LessonRenderer.escape(text) }

    /// A public page rendered on the server (no script): the verification page and the notice that a
    /// certificate's documents are gone. `title` and `body` are HTML the caller has escaped.
    static func page(language: String, title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — Signaal</title>
        <link rel="icon" href="/badge-image.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/verify.css">
        </head>
        <body>
        <main>
        <h1>\(title)</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    static func day(_ date: Date) -> String { String(JSONOutput.rfc3339(date).prefix(10)) }
}

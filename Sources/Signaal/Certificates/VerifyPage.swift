import Foundation
import HTTP
import Learning

/// `GET /verify/{code}`: the public verification page, rendered on the server so it works without
/// JavaScript, in any language of `certificates/` (each linked from the page by its own name), stating plainly valid / expired / revoked / unknown. Its words are in
/// the certificate wording files (`certificates/*.txt`, keys `verify-…`).
struct VerifyPage: Sendable {
    let lookup: CertificateLookup
    /// The page's words, in `certificates/<language>.txt` beside the certificate's.
    let templates: CertificateTemplates
    /// The percentage the rule asks for, for the words on a valid certificate.
    let threshold: Int

    func verify(_ request: HTTPRequest) async throws -> HTTPResponse {
        let language = (try? LanguageChoice.resolve(request, available: templates.availableLanguages)) ?? "nl"
        let word = { (key: String) in LessonRenderer.escape(templates.text("verify-" + key, language, ["threshold": String(threshold)])) }
        var status = HTTPStatus.ok
        var body: String
        do {
            let certificate = try await lookup.certificate(request)
            let state = certificate.state(at: lookup.now()).rawValue
            body = """
                <p class="state state-\(state)" role="status">\(word(state))</p>
                \(state == "valid" ? "<p>\(word("intro"))</p>" : "")
                <dl>
                <dt>\(word("business"))</dt><dd>\(escape(certificate.businessName))</dd>
                <dt>\(word("city"))</dt><dd>\(escape(certificate.city))</dd>
                <dt>\(word("sector"))</dt><dd>\(escape(templates.text("sector-" + certificate.sector, language)))</dd>
                <dt>\(word("issued"))</dt><dd>\(Self.day(certificate.issuedAt))</dd>
                <dt>\(word("expires"))</dt><dd>\(Self.day(certificate.expiresAt))</dd>
                \(certificate.revokedAt.map { "<dt>\(word("revoked-on"))</dt><dd>\(Self.day($0))</dd>" } ?? "")
                <dt>\(word("code"))</dt><dd><code>\(escape(certificate.code))</code></dd>
                </dl>
                """
        } catch let error as APIError where error.status == .tooManyRequests {
            throw error
        } catch {
            status = .notFound
            body = #"<p class="state state-unknown" role="status">\#(word("unknown"))</p><p>\#(word("unknown-text"))</p>"#
        }
        let page = Self.page(language: language, title: word("title"), body: body + "\n" + languageLinks(current: language))
        var response = HTTPResponse.text(page, status: status, contentType: "text/html; charset=utf-8")
        response.headers.add(name: "cache-control", value: "no-cache")
        if request.queryParameters["lang"] != nil {
            response.headers.add(name: "set-cookie", value: "\(LanguageChoice.cookieName)=\(language); Path=/; Max-Age=31536000; SameSite=Lax")
        }
        return response
    }

    private func escape(_ text: String) -> String { LessonRenderer.escape(text) }

    /// Every language the page has, each by its own name; the current one is marked, not linked.
    private func languageLinks(current: String) -> String {
        let items = templates.availableLanguages.map { code in
            let name = escape(templates.text("language-name", code))
            return code == current
                ? #"<li><span lang="\#(code)" aria-current="true">\#(name)</span></li>"#
                : #"<li><a href="?lang=\#(code)" hreflang="\#(code)" lang="\#(code)">\#(name)</a></li>"#
        }
        return #"<nav aria-label="Language"><ul class="languages">"# + items.joined() + "</ul></nav>"
    }

    /// A public page rendered on the server (no script): the verification page and the notice that a
    /// certificate's documents are gone. `title` and `body` are HTML the caller has escaped.
    static func page(language: String, title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="\(language)" dir="\(LanguageChoice.direction(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — Signaal</title>
        <link rel="icon" href="/favicon.ico" sizes="32x32">
        <link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
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

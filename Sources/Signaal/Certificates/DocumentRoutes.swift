import Foundation
import HTTP
import Learning
import Security
import Storage

/// The certificate PDF, the window sticker, the staff sign-up poster, and signing up from it.
struct DocumentRoutes: Sendable {
    let services: AppServices
    let lookup: CertificateLookup
    let documents: CertificateDocuments

    struct SignupRequest: Decodable {
        let name: String
        let email: String?
        let password: String?
        /// The person's job (optional: asked at sign-in when missing).
        let role: String?
    }

    func poster(_ context: RequestContext) async throws -> HTTPResponse {
        let id = context.businessID
        guard let found = try await services.businesses.business(id: id) else { throw APIError.notFound("No business with this id.") }
        let code = try await services.signups.code(for: id, now: services.now())
        let url = services.baseURL(for: context.request) + "/s/" + code
        return pdf(try documents.poster(businessName: found.name, signupURL: url, language: language(context.request)), name: "signaal-poster.pdf")
    }

    /// `/certificates/{code}.pdf`: the router matches whole segments, so the suffix is checked here.
    func certificatePDF(_ request: HTTPRequest) async throws -> HTTPResponse {
        let file = request.parameters["code"] ?? ""
        guard file.hasSuffix(".pdf") else { throw APIError.notFound() }
        var codeRequest = request
        codeRequest.parameters["code"] = String(file.dropLast(4))
        let certificate = try await lookup.certificate(codeRequest)
        let url = services.baseURL(for: request) + "/verify/" + certificate.code
        if let gone = try await gonePage(certificate, verifyURL: url, request: request) { return gone }
        return pdf(try documents.certificate(certificate, verifyURL: url, language: language(request)), name: "signaal-certificate.pdf")
    }

    func stickerPDF(_ request: HTTPRequest) async throws -> HTTPResponse {
        let certificate = try await lookup.certificate(request)
        let url = services.baseURL(for: request) + "/verify/" + certificate.code
        if let gone = try await gonePage(certificate, verifyURL: url, request: request) { return gone }
        return pdf(try documents.sticker(certificate, verifyURL: url), name: "signaal-sticker.pdf")
    }

    /// A certificate that is not valid now gets no clean document: a 410 page in the person's language with
    /// its status, the date it stopped being valid and a link to its verification page.
    private func gonePage(_ certificate: Certificate, verifyURL: String, request: HTTPRequest) async throws -> HTTPResponse? {
        let state = certificate.state(at: services.now())
        let date: Date
        switch state {
        case .valid: return nil
        case .revoked: date = certificate.revokedAt ?? certificate.expiresAt
        case .expired: date = certificate.expiresAt
        case .superseded:
            date = try await lookup.issueDate(of: certificate.supersededBy ?? "") ?? certificate.expiresAt
        }
        let language = language(request)
        let words = documents.templates
        let page = VerifyPage.page(language: language, title: LessonRenderer.escape(words.text("gone-title", language)), body: """
            <p class="state state-\(state.rawValue)" role="status">\(LessonRenderer.escape(words.text("gone-\(state.rawValue)", language, ["date": VerifyPage.day(date)])))</p>
            <p><a href="\(LessonRenderer.escape(verifyURL))">\(LessonRenderer.escape(words.text("gone-verify", language)))</a></p>
            """)
        var response = HTTPResponse.text(page, status: .gone, contentType: "text/html; charset=utf-8")
        response.headers.add(name: "cache-control", value: "no-store")
        return response
    }

    private func language(_ request: HTTPRequest) -> String {
        (try? LanguageChoice.resolve(request, available: documents.templates.availableLanguages)) ?? "nl"
    }

    private func pdf(_ bytes: [UInt8], name: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["content-type": "application/pdf", "content-disposition": "inline; filename=\"\(name)\"",
                                            "cache-control": "no-cache"], body: bytes)
    }

    /// Someone signs up from the poster: on the roster unconfirmed (not counted) until a manager confirms.
    func signUp(_ context: RequestContext, _ body: SignupRequest) async throws -> Reply<SignedIn> {
        let request = context.request
        try services.limitSignups(request)
        let name = try Validation.name(body.name)
        let email = try Validation.email(body.email)
        if let password = body.password, let problem = PasswordPolicy.problem(with: password, personal: [email ?? "", name]) {
            throw problem
        }
        let hash = try await body.password.asyncMap { try await services.hasher.hash($0) }
        let code = (request.parameters["code"] ?? "").uppercased()
        let roleText = body.role.flatMap { $0.isEmpty ? nil : $0 }
        guard let business = try await services.signups.business(forCode: code) else { throw APIError.notFound("This sign-up link is unknown.") }
        let role = try roleText.map { try Validation.role($0, offered: business.sector.map(services.catalog.roles(for:)) ?? []) }
        let account = try await services.signups.signUp(businessID: business.id, name: name, email: email, role: role, passwordHash: hash, now: services.now())
        return try await services.sessions.start(for: account, answering: request)
    }
}

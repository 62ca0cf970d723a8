import Foundation
import HTTP

/// Open Badges 2.0 hosted verification for certificates (assertion, badge class, issuer), and the
/// live SVG website badge.
struct BadgeRoutes: Sendable {
    let services: AppServices
    let lookup: CertificateLookup

    static let context = "https://w3id.org/openbadges/v2"

    /// An Open Badges 2.0 hosted Assertion: one certificate.
    struct Assertion: Codable {
        struct Recipient: Codable {
            let type: String
            let hashed: Bool
            let identity: String
        }
        struct Verification: Codable {
            let type: String
        }
        struct Evidence: Codable {
            let id: String
            let narrative: String
        }
        let context: String
        let type: String
        let id: String
        let recipient: Recipient
        let badge: String
        let verification: Verification
        let issuedOn: Date
        let expires: Date
        let evidence: [Evidence]
        /// Present (true) for a revoked or superseded certificate, which answers 410.
        let revoked: Bool?

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type, id, recipient, badge, verification, issuedOn, expires, evidence, revoked
        }
    }

    /// The Open Badges 2.0 BadgeClass of the responsibility certificate.
    struct BadgeClass: Codable {
        struct Criteria: Codable {
            let narrative: String
        }
        let context: String
        let type: String
        let id: String
        let name: String
        let description: String
        let image: String
        let criteria: Criteria
        let issuer: String

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type, id, name, description, image, criteria, issuer
        }
    }

    /// The Open Badges 2.0 Issuer profile.
    struct Issuer: Codable {
        let context: String
        let type: String
        let id: String
        let name: String
        let url: String
        let email: String

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type, id, name, url, email
        }
    }

    func assertion(_ context: RequestContext) async throws -> Reply<Assertion> {
        let certificate = try await lookup.certificate(context.request)
        let base = services.baseURL(for: context.request)
        let state = certificate.state(at: services.now())
        // Hosted verification: a revoked assertion answers 410 with `revoked: true`.
        let revoked = state == .revoked || state == .superseded
        let narrative = "\(certificate.completed) of \(certificate.denominator) staff of \(certificate.businessName), \(certificate.city), completed the training."
        let assertion = Assertion(
            context: Self.context, type: "Assertion", id: "\(base)/api/v1/certificates/\(certificate.code)/badge",
            recipient: .init(type: "url", hashed: false, identity: "\(base)/verify/\(certificate.code)"),
            badge: "\(base)/api/v1/badges/responsibility-certificate", verification: .init(type: "hosted"),
            issuedOn: certificate.issuedAt, expires: certificate.expiresAt,
            evidence: [.init(id: "\(base)/verify/\(certificate.code)", narrative: narrative)], revoked: revoked ? true : nil)
        return Reply(assertion, status: revoked ? .gone : .ok, headers: ["cache-control": "no-cache"])
    }

    func badgeClass(_ context: RequestContext) async throws -> Reply<BadgeClass> {
        let base = services.baseURL(for: context.request)
        let threshold = services.progress.certification.thresholdPercent
        let months = services.progress.completion.validityMonths
        return Reply(BadgeClass(
            context: Self.context, type: "BadgeClass", id: "\(base)/api/v1/badges/responsibility-certificate",
            name: "Signaal responsibility certificate",
            description: "Awarded to a hospitality business when at least \(threshold) percent of its staff have completed the Signaal training on recognising signals of sexual exploitation and knowing what to do.",
            image: "\(base)/badge-image.svg",
            criteria: .init(narrative: "At least \(threshold) percent of the larger of the declared headcount and the active roster hold a valid course completion (\(months) months)."),
            issuer: "\(base)/api/v1/badges/issuer"), headers: ["cache-control": "no-cache"])
    }

    func issuer(_ context: RequestContext) async throws -> Reply<Issuer> {
        let base = services.baseURL(for: context.request)
        return Reply(Issuer(context: Self.context, type: "Issuer", id: "\(base)/api/v1/badges/issuer", name: "Signaal", url: base,
                            email: "certificaten@signaal.example"), headers: ["cache-control": "no-cache"])
    }

    /// `/certificates/{code}/badge.svg`: a small badge for a business's website showing the live
    /// state, linking to the verification page.
    func websiteBadge(_ request: HTTPRequest) async throws -> HTTPResponse {
        let state: Certificate.State?
        var code = ""
        do {
            let certificate = try await lookup.certificate(request)
            state = certificate.state(at: services.now())
            code = certificate.code
        } catch let error as APIError where error.status == .tooManyRequests {
            throw error
        } catch {
            state = nil
        }
        let (label, color) = switch state {
        case .valid: ("geldig · valid", "#0a5c2f")
        case .revoked: ("ingetrokken · revoked", "#8a1020")
        case .superseded: ("vervangen · replaced", "#7a4b00")
        case .expired: ("verlopen · expired", "#7a4b00")
        case nil: ("onbekend · unknown", "#555555")
        }
        let base = services.baseURL(for: request)
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="260" height="40" role="img" aria-label="Signaal: \(label)">
            <title>Signaal: \(label)</title>
            <a xlink:href="\(base)/verify/\(code)" href="\(base)/verify/\(code)" target="_blank">
            <rect width="260" height="40" rx="6" fill="#ffffff" stroke="\(color)" stroke-width="2"/>
            <rect width="90" height="40" rx="6" fill="\(color)"/>
            <text x="45" y="25" font-family="system-ui, sans-serif" font-size="15" font-weight="700" fill="#ffffff" text-anchor="middle">Signaal</text>
            <text x="175" y="25" font-family="system-ui, sans-serif" font-size="14" fill="\(color)" text-anchor="middle">\(label)</text>
            </a>
            </svg>
            """
        var response = HTTPResponse.text(svg, status: state == nil ? .notFound : .ok, contentType: "image/svg+xml")
        response.headers.add(name: "cache-control", value: "max-age=300")
        return response
    }
}

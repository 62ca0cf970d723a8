import Foundation
import HTTP

/// Open Badges 2.0 hosted verification for certificates (assertion, badge class, issuer), and the
/// live SVG website badge.
struct BadgeRoutes: Sendable {
    let certificates: CertificateRoutes

    func register(in routes: inout APIRoutes) {
        routes.add(.get, "/api/v1/certificates/{code}/badge", access: .anyone) { context in
            let certificate = try await certificates.lookup(context.request)
            let base = certificates.services.baseURL(for: context.request)
            let state = certificate.state(at: certificates.services.now())
            var assertion: [String: Any] = [
                "@context": "https://w3id.org/openbadges/v2",
                "type": "Assertion",
                "id": "\(base)/api/v1/certificates/\(certificate.code)/badge",
                "recipient": ["type": "url", "hashed": false, "identity": "\(base)/verify/\(certificate.code)"],
                "badge": "\(base)/api/v1/badges/responsibility-certificate",
                "verification": ["type": "hosted"],
                "issuedOn": JSONOutput.rfc3339(certificate.issuedAt),
                "expires": JSONOutput.rfc3339(certificate.expiresAt),
                "evidence": [["id": "\(base)/verify/\(certificate.code)", "narrative": "\(certificate.completed) of \(certificate.denominator) staff of \(certificate.businessName), \(certificate.city), completed the training."]],
            ]
            if state == .revoked || state == .superseded {
                // Hosted verification: a revoked assertion answers 410 with `revoked: true`.
                assertion["revoked"] = true
                var response = HTTPResponse.json(.gone, body: Array(try JSONSerialization.data(withJSONObject: assertion, options: [.sortedKeys, .withoutEscapingSlashes])))
                response.headers.add(name: "content-type", value: "application/ld+json")
                return response
            }
            return Self.jsonLD(assertion)
        }
        routes.add(.get, "/api/v1/badges/responsibility-certificate", access: .anyone) { context in
            let base = certificates.services.baseURL(for: context.request)
            let threshold = certificates.services.progress.certification.thresholdPercent
            let months = certificates.services.progress.completion.validityMonths
            return Self.jsonLD([
                "@context": "https://w3id.org/openbadges/v2",
                "type": "BadgeClass",
                "id": "\(base)/api/v1/badges/responsibility-certificate",
                "name": "Signaal responsibility certificate",
                "description": "Awarded to a hospitality business when at least \(threshold) percent of its staff have completed the Signaal training on recognising signals of sexual exploitation and knowing what to do.",
                "image": "\(base)/badge-image.svg",
                "criteria": ["narrative": "At least \(threshold) percent of the larger of the declared headcount and the active roster hold a valid course completion (\(months) months)."],
                "issuer": "\(base)/api/v1/badges/issuer",
            ])
        }
        routes.add(.get, "/api/v1/badges/issuer", access: .anyone) { context in
            let base = certificates.services.baseURL(for: context.request)
            return Self.jsonLD([
                "@context": "https://w3id.org/openbadges/v2",
                "type": "Issuer",
                "id": "\(base)/api/v1/badges/issuer",
                "name": "Signaal",
                "url": base,
                "email": "certificaten@signaal.example",
            ])
        }
    }

    static func jsonLD(_ object: [String: Any]) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return HTTPResponse(status: .ok, headers: ["content-type": "application/ld+json", "cache-control": "no-cache"], body: Array(body))
    }

    /// `/certificates/{code}/badge.svg`: a small badge for a business's website showing the live
    /// state, linking to the verification page.
    func registerSVG(in router: inout Router) {
        router.add(.get, "/certificates/{code}/badge.svg") { request in
            let state: Certificate.State?
            var code = ""
            do {
                let certificate = try await certificates.lookup(request)
                state = certificate.state(at: certificates.services.now())
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
            let base = certificates.services.baseURL(for: request)
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
}

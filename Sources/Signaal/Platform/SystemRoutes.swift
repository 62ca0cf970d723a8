import Foundation
import HTTP

/// Operational routes: `GET /health` for probes and `GET /metrics` for Prometheus.
///
/// `/metrics` tells about traffic and the audit chain, so it answers a scraper on the same machine
/// (a loopback address, not forwarded by a proxy) or a request with an admin's bearer token; anyone
/// else gets 403. Besides the server's figures it lists the addresses refused sign-in now.
struct SystemRoutes {
    let metrics: ServerMetrics
    let authenticator: Authenticator
    let throttle: LoginThrottle
    let now: @Sendable () -> Date

    private static let healthBody = Array(#"{"status":"ok"}"#.utf8)

    func health(_ request: HTTPRequest) async throws -> HTTPResponse {
        .json(body: Self.healthBody)
    }

    func metricsText(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard await Self.mayRead(request, authenticator: authenticator) else {
            throw APIError(.forbidden, "forbidden", "The metrics are for the operator: scrape from this machine or with an admin token.")
        }
        return .text(metrics.prometheusText() + throttledText(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// `signaal_login_throttled_addresses` and one `signaal_login_throttled{address}` line per refused address.
    private func throttledText() -> String {
        let addresses = throttle.throttledAddresses(now: now())
        var lines = ["# HELP signaal_login_throttled_addresses Client addresses refused sign-in now after too many failures.",
                     "# TYPE signaal_login_throttled_addresses gauge", "signaal_login_throttled_addresses \(addresses.count)",
                     "# HELP signaal_login_throttled A client address refused sign-in now.", "# TYPE signaal_login_throttled gauge"]
        lines += addresses.map { "signaal_login_throttled{address=\"\($0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"} 1" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func mayRead(_ request: HTTPRequest, authenticator: Authenticator) async -> Bool {
        let forwarded = authenticator.settings.isForwardedByTrustedProxy(request) && request.headers["x-forwarded-for"] != nil
        if !forwarded, isLoopback(request.remoteAddress) { return true }
        guard request.headers["authorization"] != nil, let principal = try? await authenticator.principal(for: request),
              case .bearer = principal.credential
        else { return false }
        return principal.account.role == .admin
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}

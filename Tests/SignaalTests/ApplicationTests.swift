import Foundation
import Signaal
import Testing

/// The assembled application on a loopback port: operational routes, static pages, headers.
@Suite(.cleansUp)
struct ApplicationTests {
    @Test func health_answersOK() async throws {
        let app = try RunningApp.start()
        let response = try await app.request("GET", "/health")
        #expect(response.status == 200)
        #expect(response.text == #"{"status":"ok"}"#)
        #expect(response.headers["content-type"] == "application/json; charset=utf-8")
        await app.application.shutdown()
    }

    @Test func everyResponse_carriesSecurityHeaders() async throws {
        let app = try RunningApp.start()
        for path in ["/health", "/", "/missing", "/metrics"] {
            let response = try await app.request("GET", path)
            #expect(response.headers["content-security-policy"]?.contains("default-src 'self'") == true, "\(path)")
            #expect(response.headers["x-content-type-options"] == "nosniff")
            #expect(response.headers["x-frame-options"] == "DENY")
            #expect(response.headers["referrer-policy"] != nil)
        }
        await app.application.shutdown()
    }

    @Test func webFolder_isServedWithIndexAndEtag() async throws {
        let app = try RunningApp.start()
        let page = try await app.request("GET", "/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.text.contains("<html lang=\"nl\">"))
        let etag = try #require(page.headers["etag"])
        let again = try await app.request("GET", "/index.html", headers: ["If-None-Match": etag])
        #expect(again.status == 304)
        let escape = try await app.request("GET", "/%2e%2e/Package.swift")
        #expect(escape.status == 404)
        #expect(escape.json?["error"] != nil)
        await app.application.shutdown()
    }

    @Test func metrics_countRequestsByRoutePattern() async throws {
        let app = try RunningApp.start()
        _ = try await app.request("GET", "/health")
        _ = try await app.request("POST", "/health")
        let metrics = try await app.request("GET", "/metrics")
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(metrics.text.contains(#"http_requests_total{method="GET",route="/health",status="200"} 1"#))
        #expect(metrics.text.contains(#"http_requests_total{method="POST",route="/health",status="405"} 1"#))
        #expect(metrics.text.contains("http_request_duration_seconds_bucket{le=\"+Inf\"}"))
        let openLine = metrics.text.split(separator: "\n").first { $0.hasPrefix("http_open_connections ") }
        let open = openLine.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
        #expect(open >= 1)  // at least the connection asking

        _ = try await app.request("POST", "/api/v1/businesses", body: """
            {"name":"Hotel Meter","sector":"hotel","city":"Utrecht","kvk":"12345678","headcount":2,
             "manager":{"name":"Mila","email":"mila@meter.test","password":"groene fiets op de dijk"}}
            """)
        _ = try await app.request("POST", "/api/v1/session", body: #"{"email":"nobody@meter.test","password":"not the right one"}"#)
        let database = try await app.request("GET", "/metrics").text
        for operation in ["read", "write", "commit"] {
            let count = database.split(separator: "\n").first { $0.hasPrefix("signaal_database_seconds_count{operation=\"\(operation)\"}") }
            #expect((count.flatMap { Int($0.split(separator: " ")[1]) } ?? 0) >= 1, "database \(operation) timings")
        }
        #expect(database.contains("# TYPE signaal_database_seconds histogram"))
        await app.application.shutdown()
    }
}

import HTTP

/// Operational routes: `GET /health` for probes and `GET /metrics` for Prometheus.
struct SystemRoutes {
    let metrics: ServerMetrics

    private static let healthBody = Array(#"{"status":"ok"}"#.utf8)

    func register(in router: inout Router) {
        router.add(.get, "/health") { _ in .json(body: Self.healthBody) }
        let metrics = metrics
        router.add(.get, "/metrics") { _ in
            .text(metrics.prometheusText(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}

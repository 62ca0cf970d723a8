@testable import HTTP
import Testing

/// Application gauges in the Prometheus text (the audit chain's state, for one).
struct MetricsGaugeTests {
    @Test func gauge_isWrittenWithItsHelp_andTheLatestValue() {
        let metrics = ServerMetrics()
        metrics.setGauge("signaal_audit_chain_ok", help: "1 when the chain holds.", to: 1)
        metrics.setGauge("signaal_audit_chain_ok", help: "ignored: the first help stays", to: 0)
        metrics.setGauge("signaal_ratio", help: "A fraction.", to: 0.5)
        let text = metrics.prometheusText()
        #expect(text.contains("# HELP signaal_audit_chain_ok 1 when the chain holds.\n# TYPE signaal_audit_chain_ok gauge\nsignaal_audit_chain_ok 0\n"))
        #expect(text.contains("signaal_ratio 0.5\n"))
    }
}

import Foundation
import Synchronization

/// Request counts by route pattern and status, a latency histogram and the open-connection gauge,
/// plus any duration histograms the application adds (database timings), rendered in the
/// Prometheus text exposition format.
public final class ServerMetrics: Sendable {
    struct RequestKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    struct Counts {
        var requests: [RequestKey: Int] = [:]
        var buckets: [Int]
        var latencySum: Double = 0
        var latencyCount = 0
    }

    /// Upper bounds of the latency histogram, in seconds.
    static let bucketBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private let counts = Mutex(Counts(buckets: Array(repeating: 0, count: ServerMetrics.bucketBounds.count)))
    private let openConnections = Atomic<Int>(0)
    /// One series of an application histogram.
    struct Series {
        var buckets: [Int]
        var sum: Double = 0
        var count = 0

        mutating func record(_ seconds: Double, bounds: [Double]) {
            if let bucket = bounds.firstIndex(where: { seconds <= $0 }) { buckets[bucket] += 1 }
            sum += seconds
            count += 1
        }
    }

    /// An application histogram: its description, bucket bounds and one series per label value.
    struct Histogram {
        let help: String
        let label: String
        let bounds: [Double]
        var series: [String: Series] = [:]

        mutating func record(_ seconds: Double, under value: String) {
            series[value, default: Series(buckets: Array(repeating: 0, count: bounds.count))].record(seconds, bounds: bounds)
        }
    }

    /// Bucket bounds for work well under a millisecond, such as database statements, in seconds.
    public static let fineBucketBounds: [Double] = [0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1]

    private let durations = Mutex<[String: Histogram]>([:])

    /// Records `seconds` in the histogram `name` (e.g. `signaal_database_seconds`) under `label="value"`;
    /// the first call for a name fixes its description and bucket bounds.
    public func recordDuration(_ name: String, help: String, label: String, value: String, seconds: Double,
                               bounds: [Double] = ServerMetrics.fineBucketBounds) {
        durations.withLock { all in
            all[name, default: Histogram(help: help, label: label, bounds: bounds)].record(seconds, under: value)
        }
    }

    /// Application gauges by name: their description and current value.
    private let gauges = Mutex<[String: (help: String, value: Double)]>([:])

    /// Sets the gauge `name` (e.g. `signaal_audit_chain_ok`) to `value`; the first call fixes its description.
    public func setGauge(_ name: String, help: String, to value: Double) {
        gauges.withLock { all in all[name] = (all[name]?.help ?? help, value) }
    }

    public init() {}

    func connectionOpened() { openConnections.add(1, ordering: .relaxed) }
    func connectionClosed() { openConnections.subtract(1, ordering: .relaxed) }

    /// The number of connections open right now.
    public var openConnectionCount: Int { openConnections.load(ordering: .relaxed) }

    func record(method: String, route: String, status: Int, seconds: Double) {
        let bucket = Self.bucketBounds.firstIndex { seconds <= $0 }
        counts.withLock { counts in
            counts.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            if let bucket { counts.buckets[bucket] += 1 }
            counts.latencySum += seconds
            counts.latencyCount += 1
        }
    }

    /// The metrics in Prometheus text format (version 0.0.4).
    public func prometheusText() -> String {
        let snapshot = counts.withLock { $0 }
        var lines = [
            "# HELP http_requests_total HTTP requests answered, by method, route pattern and status.",
            "# TYPE http_requests_total counter",
        ]
        for (key, value) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            lines.append(#"http_requests_total{method="\#(key.method)",route="\#(Self.escape(key.route))",status="\#(key.status)"} \#(value)"#)
        }
        lines.append("# HELP http_request_duration_seconds Time from a complete request to its response being written.")
        lines.append("# TYPE http_request_duration_seconds histogram")
        var cumulative = 0
        for (index, bound) in Self.bucketBounds.enumerated() {
            cumulative += snapshot.buckets[index]
            lines.append(#"http_request_duration_seconds_bucket{le="\#(bound)"} \#(cumulative)"#)
        }
        lines.append(#"http_request_duration_seconds_bucket{le="+Inf"} \#(snapshot.latencyCount)"#)
        lines.append("http_request_duration_seconds_sum \(snapshot.latencySum)")
        lines.append("http_request_duration_seconds_count \(snapshot.latencyCount)")
        lines.append("# HELP http_open_connections Connections open now.")
        lines.append("# TYPE http_open_connections gauge")
        lines.append("http_open_connections \(openConnectionCount)")
        for (name, gauge) in gauges.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            lines.append("# HELP \(name) \(gauge.help)")
            lines.append("# TYPE \(name) gauge")
            lines.append("\(name) \(gauge.value == gauge.value.rounded() ? String(Int(gauge.value)) : String(gauge.value))")
        }
        for (name, metric) in durations.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            lines.append("# HELP \(name) \(metric.help)")
            lines.append("# TYPE \(name) histogram")
            for (value, series) in metric.series.sorted(by: { $0.key < $1.key }) {
                let label = "\(metric.label)=\"\(Self.escape(value))\""
                var cumulative = 0
                for (index, bound) in metric.bounds.enumerated() {
                    cumulative += series.buckets[index]
                    lines.append("\(name)_bucket{\(label),le=\"\(bound)\"} \(cumulative)")
                }
                lines.append("\(name)_bucket{\(label),le=\"+Inf\"} \(series.count)")
                lines.append("\(name)_sum{\(label)} \(series.sum)")
                lines.append("\(name)_count{\(label)} \(series.count)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

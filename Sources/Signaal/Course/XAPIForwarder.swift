import Foundation
import HTTP
import Storage
import Threads

/// Hands the xAPI statements on to an outside Learning Record Store (`--xapi-endpoint`), in order, in
/// batches of 50 (`POST {endpoint}/statements`). Its place is kept in the database, so a store that is
/// down for a day misses nothing: after a failure it waits 30 s, then twice as long each time (at most an
/// hour), and goes on from where it stopped. `/metrics` shows what waits and the failures in a row.
final class XAPIForwarder: Sendable {
    /// Where statements go, and the `Authorization` header (Basic, from the credentials file) if any.
    struct Target: Sendable {
        let endpoint: URL
        let authorization: String?
    }

    let statements: XAPIStatements
    let database: Database
    let target: Target?
    /// The home page of the actors' accounts (the public address).
    let homePage: String
    let metrics: ServerMetrics
    let now: @Sendable () -> Date
    private let loop = RepeatingTask()

    static let batch = 50
    static let firstWait: TimeInterval = 30
    static let longestWait: TimeInterval = 3600
    static let checkEvery: Duration = .seconds(15)

    init(statements: XAPIStatements, database: Database, target: Target?, homePage: String, metrics: ServerMetrics, now: @escaping @Sendable () -> Date) {
        self.statements = statements
        self.database = database
        self.target = target
        self.homePage = homePage
        self.metrics = metrics
        self.now = now
    }

    func start() {
        guard target != nil else { return }
        let drain: @Sendable () async -> Void = { [self] in
            while (try? await forwardOnce()) ?? 0 > 0, !Task.isCancelled {}
        }
        loop.start(every: Self.checkEvery, first: drain, then: drain)
    }

    func stop() async {
        await loop.stop()
    }

    /// One round: when a send is due, the next batch after the kept place. Returns how many the store took.
    @discardableResult
    func forwardOnce() async throws -> Int {
        guard let target else { return 0 }
        let now = now()
        let state = try await database.read { db in
            try db.queryOne("SELECT position, failures, next_attempt_at FROM xapi_forwarding WHERE id = 1") {
                (position: $0.optionalString(0), failures: $0.int(1), due: $0.optionalDate(2))
            }
        } ?? (position: nil, failures: 0, due: nil)
        if let due = state.due, due > now { return 0 }
        let page = try await statements.page(since: nil, after: state.position.flatMap(XAPIStatements.Cursor.init), limit: Self.batch, homePage: homePage)
        metrics.setGauge("signaal_xapi_waiting", help: "xAPI statements in the batch waiting to go to the outside store.", to: Double(page.statements.count))
        guard let last = page.last else { return 0 }
        var request = OutboundRequest(url: target.endpoint.appendingPathComponent("statements"))
        request.headers = [("Content-Type", "application/json"), ("X-Experience-API-Version", XAPIStatements.version)]
        if let authorization = target.authorization { request.headers.append(("Authorization", authorization)) }
        request.body = Array(try JSONEncoder().encode(page.statements))
        let outcome: Result<Int, any Error>
        let prepared = request
        do {
            outcome = .success(try await DedicatedThread.run { try prepared.send() })
        } catch {
            outcome = .failure(error)
        }
        if case .success(let status) = outcome, (200..<300).contains(status) {
            try await database.write { db in
                try db.run("""
                    INSERT INTO xapi_forwarding (id, position, failures, next_attempt_at, last_sent_at, last_error) VALUES (1, ?1, 0, NULL, ?2, NULL)
                    ON CONFLICT (id) DO UPDATE SET position = ?1, failures = 0, next_attempt_at = NULL, last_sent_at = ?2, last_error = NULL
                    """, last.text, now)
            }
            recordFailures(0)
            return page.statements.count
        }
        let failures = state.failures + 1
        let wait = min(Self.firstWait * pow(2, Double(failures - 1)), Self.longestWait)
        let problem: String
        switch outcome {
        case .success(let status): problem = "the store answered \(status)"
        case .failure(let error): problem = "\(error)"
        }
        try await database.write { db in
            try db.run("""
                INSERT INTO xapi_forwarding (id, position, failures, next_attempt_at, last_error) VALUES (1, ?1, ?2, ?3, ?4)
                ON CONFLICT (id) DO UPDATE SET failures = ?2, next_attempt_at = ?3, last_error = ?4
                """, state.position, failures, now.addingTimeInterval(wait), problem)
        }
        recordFailures(failures)
        return 0
    }

    private func recordFailures(_ count: Int) {
        metrics.setGauge("signaal_xapi_forward_failures", help: "Failed sends to the outside xAPI store in a row.", to: Double(count))
    }
}

import Foundation
import HTTP
import Storage
import Synchronization

/// Keeps the audit chain checked while the server runs: the whole chain and every certificate at start,
/// the new entries every hour. The result is in `/metrics` (`signaal_audit_chain_ok`,
/// `signaal_audit_entries`), on the admin pages, and in the error log when the chain breaks.
final class AuditMonitor: Sendable {
    /// The outcome of the latest check, as the admin pages show it.
    struct Status: Sendable, Codable {
        let ok: Bool
        let entries: Int
        let problems: [String]
        let checkedAt: Date?
    }

    private let database: Database
    private let audit: AuditLog
    private let metrics: ServerMetrics
    private let now: @Sendable () -> Date
    private let state = Mutex<(status: Status, verified: AuditLog.Anchor?)>((Status(ok: true, entries: 0, problems: [], checkedAt: nil), nil))
    private let loop = RepeatingTask()

    /// Time between checks of new entries. The default is one hour.
    static let interval: Duration = .seconds(3600)

    init(database: Database, audit: AuditLog, metrics: ServerMetrics, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.audit = audit
        self.metrics = metrics
        self.now = now
    }

    var status: Status { state.withLock { $0.status } }

    /// Checks the whole chain, the head file and every certificate.
    @discardableResult
    func checkAtStart() async -> Status {
        let key = audit.key
        do {
            let report = try await database.read { db in try AuditVerifier.verify(db, key: key) }
            return record(report, entriesBefore: 0)
        } catch {
            return record(AuditVerifier.Report(problems: ["the audit log could not be read: \(error)"]), entriesBefore: 0)
        }
    }

    /// Checks the entries written since the last check (and the head file).
    @discardableResult
    func checkNewEntries() async -> Status {
        let (status, verified) = state.withLock { ($0.status, $0.verified) }
        guard status.ok else { return await checkAtStart() }
        let key = audit.key
        do {
            let report = try await database.read { db in try AuditVerifier.verify(db, key: key, from: verified) }
            return record(report, entriesBefore: verified == nil ? 0 : status.entries)
        } catch {
            return record(AuditVerifier.Report(problems: ["the audit log could not be read: \(error)"]), entriesBefore: 0)
        }
    }

    /// Checks at start and then every `interval` until `stop()`.
    func start() {
        loop.start(every: Self.interval, first: { [self] in _ = await checkAtStart() }, then: { [self] in await checkNewEntries() })
    }

    /// Stops the checks and waits for one in progress, so the database can close after it.
    func stop() async {
        await loop.stop()
    }

    private func record(_ report: AuditVerifier.Report, entriesBefore: Int) -> Status {
        let entries = entriesBefore + report.entries
        let status = Status(ok: report.problems.isEmpty, entries: entries, problems: report.problems, checkedAt: now())
        state.withLock { state in
            state.status = status
            if report.problems.isEmpty, let newest = report.newest { state.verified = newest }
        }
        metrics.setGauge("signaal_audit_chain_ok", help: "1 when the audit chain and the certificates agree at the last check, else 0.",
                         to: status.ok ? 1 : 0)
        metrics.setGauge("signaal_audit_entries", help: "Audit log entries checked.", to: Double(entries))
        for problem in report.problems { log(problem) }
        return status
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("error: audit: \(message)\n".utf8))
    }
}

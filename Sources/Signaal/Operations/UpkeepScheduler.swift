import Foundation

/// Runs the upkeep once a day inside the server: it looks every hour whether a day has passed since
/// the last run finished (by this server or by `signaal tasks run` from cron), so a restart neither skips
/// a day nor runs twice, and the lease in the database keeps two runs from overlapping.
final class UpkeepScheduler: Sendable {
    let upkeep: Upkeep
    /// Off unless the configuration asks for it (`signaal serve` does).
    let enabled: Bool
    private let loop = RepeatingTask()

    /// How often it looks; a run is due this long after the last one finished.
    static let checkEvery: Duration = .seconds(3600)
    static let runEvery: TimeInterval = 24 * 3600 - 600

    init(upkeep: Upkeep, enabled: Bool) {
        self.upkeep = upkeep
        self.enabled = enabled
    }

    func start() {
        guard enabled else { return }
        let upkeep = upkeep
        loop.start(every: Self.checkEvery, first: { await Self.runIfDue(upkeep) }, then: { await Self.runIfDue(upkeep) })
    }

    func stop() async {
        await loop.stop()
    }

    private static func runIfDue(_ upkeep: Upkeep) async {
        do {
            if let last = try await upkeep.lastFinished(), upkeep.now().timeIntervalSince(last) < runEvery { return }
            let report = try await upkeep.run()
            if !report.skipped {
                print("upkeep: \(report.certificatesExpired) certificate(s) expired, \(report.certificatesIssued) issued or renewed, \(report.warnings) warning(s)")
            }
        } catch {
            FileHandle.standardError.write(Data("error: upkeep: \(error)\n".utf8))
        }
    }
}

import Foundation
@testable import Signaal
import Storage
import Synchronization
import TestSupport
import Testing
import Threads

/// `signaal serve` stopped by SIGTERM in the middle of writes: it stops accepting, lets requests finish,
/// closes the database (joining the writer) and exits 0, leaving no WAL to recover and every write it
/// acknowledged in the file.
@Suite(.cleansUp)
struct ShutdownTests {
    @Test func sigtermDuringWrites_leavesNoWAL_andKeepsEveryAcknowledgedWrite() async throws {
        let data = try Package.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try await Operations.createAdmin(dataFolder: data, name: "Ada Admin", email: "admin@signaal.test", password: Seed.password)
        let (acknowledged, outcome) = try await DedicatedThread.run { () -> ([String], ChildProcess.Outcome) in
            let child = try ChildProcess(Package.executable, ["serve", "--port", "0", "--data", data, "--access-log", "off"], directory: Package.root)
            let banner = child.read { $0.contains("listening on") }
            guard let port = banner.split(separator: ":").compactMap({ Int($0.prefix { $0.isNumber }) }).last else {
                child.signal(SIGKILL)
                throw ChildProcess.Failure(description: "no port in: \(banner)")
            }
            let signIn = try BlockingHTTPClient.send(port: port, method: "POST", path: "/api/v1/session", headers: ["Content-Type": "application/json"],
                                                     body: Array(#"{"email":"admin@signaal.test","password":"\#(Seed.password)"}"#.utf8))
            let cookie = String(signIn.headers["set-cookie"]?.split(separator: ";").first ?? "")
            let csrf = signIn.json?["csrfToken"] as? String ?? ""
            var acknowledged: [String] = []
            for index in 0..<100_000 {
                let name = "token \(index)"
                guard let answer = try? BlockingHTTPClient.send(
                    port: port, method: "POST", path: "/api/v1/admin/tokens",
                    headers: ["Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf],
                    body: Array(#"{"name":"\#(name)"}"#.utf8), timeoutSeconds: 10) else { break }
                if answer.status == 201 { acknowledged.append(name) }
                if index == 40 { child.signal(SIGTERM) }
                if child.hasEnded { break }
            }
            return (acknowledged, child.finish())
        }
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("Signaal stopped."))
        #expect(acknowledged.count >= 40)
        let wal = (try? FileManager.default.attributesOfItem(atPath: data + "/signaal.sqlite-wal")[.size] as? Int) ?? 0
        #expect(wal == 0, "the WAL was checkpointed on close (\(wal) bytes left)")
        let database = try Database(path: data + "/signaal.sqlite", readerCount: 1)
        let stored = Set(try await database.read { db in try db.query("SELECT name FROM api_tokens") { $0.string(0) } })
        await DedicatedThread.runQuietly { database.close() }
        let lost = acknowledged.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "acknowledged but lost: \(lost.prefix(5))")
    }
}

extension DedicatedThread {
    /// Runs blocking work that cannot fail on a thread of its own.
    static func runQuietly(_ work: @escaping @Sendable () -> Void) async {
        _ = try? await run(work)
    }
}

/// Each test's servers stop and its folders go when it ends, also when it fails half-way.
@Suite(.cleansUp)
struct TestResourceTests {
    struct Failure: Error {}

    @Test func aTestThatFails_stillStopsItsServer_andRemovesItsFolder() async throws {
        let started = Mutex<(port: Int, folder: String)?>(nil)
        await #expect(throws: Failure.self) {
            try await TestCleanup.withScope {
                let app = try RunningApp.start()
                started.withLock { $0 = (app.port, app.application.configuration.dataFolder) }
                throw Failure()
            }
        }
        let (port, folder) = try #require(started.withLock { $0 })
        #expect(!FileManager.default.fileExists(atPath: folder))
        let answer = try? await HTTPClient.send(port: port, method: "GET", path: "/health", headers: [:], body: nil)
        #expect(answer == nil, "the server was stopped")
    }
}

import Foundation
import Storage
import TestSupport
import Testing
import Threads

/// A writer process is killed with SIGKILL mid-stream; every write it had acknowledged must be in the file.
@Suite(.cleansUp)
struct CrashDurabilityTests {
    static var probe: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent().path + "/signaal-bench", root + "/.build/debug/signaal-bench"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }

    @Test func killNine_losesNoAcknowledgedWrite() async throws {
        let path = try DatabaseTests.temporaryPath()
        let acknowledged: [Int] = try await DedicatedThread.run {
            let child = try ChildProcess(Self.probe, ["write-until-killed", path])
            child.read { $0.split(separator: "\n").count >= 150 }
            child.signal(SIGKILL)
            let text = child.finish().output
            // Only whole lines count: a number cut off by the kill was never fully acknowledged.
            let lines = text.hasSuffix("\n") ? text.split(separator: "\n") : text.split(separator: "\n").dropLast()
            return lines.compactMap { Int($0) }
        }
        #expect(acknowledged.count >= 100)
        let database = try Database(path: path, readerCount: 1)
        defer { database.close() }
        let check = try await database.read { try $0.queryOne("PRAGMA integrity_check") { $0.string(0) } }
        #expect(check == "ok")
        let stored = Set(try await database.read { try $0.query("SELECT id FROM acknowledged") { $0.int(0) } })
        let lost = acknowledged.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "acknowledged but lost: \(lost.prefix(10))")
    }
}

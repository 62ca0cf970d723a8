import Foundation
import Glibc
@testable import HTTP
import Testing

/// The access log is written by its own thread: a reader that never drains the output cannot hold up
/// whoever appends, lines beyond the bound are dropped and counted, and the rest arrive in order.
struct AccessLogWriterTests {
    @Test func aStalledOutput_neverBlocksTheLoop_andDropsAreCounted() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let writer = AccessLogWriter(descriptor: ends[1], maxPendingBytes: 4096)
        let line = Array(String(repeating: "x", count: 99).utf8) + [UInt8(ascii: "\n")]
        let start = ContinuousClock.now
        // The pipe holds 64 KiB; 2,000 lines of 100 bytes is three times that, with nobody reading.
        for _ in 0..<2_000 { writer.append(line) }
        #expect(ContinuousClock.now - start < .seconds(1), "appending never waits for the output")
        #expect(writer.droppedLines > 0)
        let readEnd = ends[0]
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while read(readEnd, &buffer, buffer.count) > 0 {}
        }
        reader.start()
        writer.append(Array("last line\n".utf8))
        writer.finish()
        close(ends[1])
    }

    @Test func linesArriveInOrder_andFinishFlushesThem() throws {
        let path = NSTemporaryDirectory() + "access-log-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(descriptor) }
        let writer = AccessLogWriter(descriptor: descriptor)
        for index in 0..<500 { writer.append(Array("line \(index)\n".utf8)) }
        writer.finish()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.map(String.init) == (0..<500).map { "line \($0)" })
    }
}

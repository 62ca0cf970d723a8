import Foundation
import Glibc

/// Writes the access log on a thread of its own, so a slow standard output (a full pipe, a slow
/// terminal) never holds up an event loop. Loops hand over each iteration's lines; when more than
/// `maxPendingBytes` wait, new lines are dropped and counted rather than blocking or growing without end.
final class AccessLogWriter: @unchecked Sendable {
    // Guarded by `condition`.
    private var pending: [UInt8] = []
    private var stopped = false
    /// Lines dropped since the last notice in the log, and in all.
    private var dropped = 0
    private var droppedTotal = 0
    private let condition = NSCondition()
    private let finished = DispatchSemaphore(value: 0)
    private let descriptor: Int32
    let maxPendingBytes: Int

    init(descriptor: Int32 = STDOUT_FILENO, maxPendingBytes: Int = 4 << 20) {
        self.descriptor = descriptor
        self.maxPendingBytes = maxPendingBytes
        let thread = Thread { [self] in
            while let chunk = nextChunk() { write(chunk) }
            finished.signal()
        }
        thread.name = "access-log"
        thread.start()
    }

    /// Queues `lines` (whole lines); never blocks on the output.
    func append(_ lines: [UInt8]) {
        guard !lines.isEmpty else { return }
        condition.lock()
        if pending.count + lines.count > maxPendingBytes {
            let count = lines.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            dropped += count
            droppedTotal += count
        } else {
            pending.append(contentsOf: lines)
            condition.signal()
        }
        condition.unlock()
    }

    /// Lines dropped so far because the output could not keep up.
    var droppedLines: Int {
        condition.lock()
        defer { condition.unlock() }
        return droppedTotal
    }

    /// Writes what is queued, then stops the thread and waits for it, at most `seconds` (an output
    /// that never drains must not hold up shutdown).
    func finish(waitingAtMost seconds: Double = 5) {
        condition.lock()
        let first = !stopped
        stopped = true
        condition.broadcast()
        condition.unlock()
        if first { _ = finished.wait(timeout: .now() + seconds) }
    }

    private func nextChunk() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty {
            if stopped { return nil }
            condition.wait()
        }
        var chunk: [UInt8] = []
        swap(&chunk, &pending)
        if dropped > 0 {
            chunk += Array("access log: \(dropped) lines dropped (output too slow)\n".utf8)
            dropped = 0
        }
        return chunk
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

import Foundation
import Synchronization

/// `signaal-bench soak PID PORT [SECONDS]`: 64 ordinary clients ask `GET /health` one request after
/// another while 200 hostile ones attack a running server: 80 pipeline `GET /api/v1/openapi.json` without
/// ever reading, 60 drip a request body a byte every 2 s, 60 drip a request head the same way. Prints the
/// ordinary clients' latency percentiles and the server's peak resident memory (sampled from `/proc`).
enum SoakBenchmark {
    static let ordinary = 64
    static let pipeliners = 80
    static let bodyDrippers = 60
    static let headDrippers = 60

    static func run(pid: Int, port: Int, seconds: Double) -> Int32 {
        guard let before = IdleConnectionsBenchmark.residentMiB(pid) else {
            FileHandle.standardError.write(Data("no process \(pid)\n".utf8))
            return 1
        }
        let deadline = Date().addingTimeInterval(seconds)
        let peak = Mutex(before)
        let latencies = Mutex<[Double]>([])
        let failures = Atomic<Int>(0)
        let group = DispatchGroup()
        func spawn(_ work: @escaping @Sendable () -> Void) {
            group.enter()
            Thread { work(); group.leave() }.start()
        }
        spawn {
            while Date() < deadline {
                if let now = IdleConnectionsBenchmark.residentMiB(pid) { peak.withLock { $0 = max($0, now) } }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        let flood = Array(String(repeating: "GET /api/v1/openapi.json HTTP/1.1\r\nHost: bench\r\n\r\n", count: 2_000).utf8)
        for _ in 0..<pipeliners {
            spawn { hold(port: port, until: deadline) { client in try client.sendRaw(flood) } }
        }
        for _ in 0..<bodyDrippers {
            spawn {
                hold(port: port, until: deadline) { client in
                    try client.sendRaw(Array("POST /api/v1/session HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{".utf8))
                    try drip(client, until: deadline)
                }
            }
        }
        for _ in 0..<headDrippers {
            spawn {
                hold(port: port, until: deadline) { client in
                    try client.sendRaw(Array("GET /health HTTP/1.1\r\nX-Slow: ".utf8))
                    try drip(client, until: deadline)
                }
            }
        }
        Thread.sleep(forTimeInterval: 1)  // the attack is under way before the ordinary clients start
        for _ in 0..<ordinary {
            spawn {
                guard let client = try? BenchClient(port: port) else { failures.add(1, ordering: .relaxed); return }
                var mine: [Double] = []
                while Date() < deadline {
                    let start = ContinuousClock.now
                    guard (try? client.request("GET", "/health"))?.status == 200 else { failures.add(1, ordering: .relaxed); return }
                    let elapsed = ContinuousClock.now - start
                    mine.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                }
                latencies.withLock { $0 += mine }
            }
        }
        group.wait()
        let sorted = latencies.withLock { $0 }.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        print("Soak: \(ordinary) ordinary clients on GET /health for \(Int(seconds)) s against \(pipeliners) pipelining without reading, "
              + "\(bodyDrippers) dripping a body and \(headDrippers) dripping a head.")
        print("")
        print("| measure | value |")
        print("|---|--:|")
        print("| ordinary requests answered | \(sorted.count) |")
        print(String(format: "| ordinary latency p50 / p99 / max (ms) | %.2f / %.2f / %.2f |", percentile(0.5), percentile(0.99), sorted.last ?? 0))
        print(String(format: "| server resident memory before / peak (MiB) | %.1f / %.1f |", before, peak.withLock { $0 }))
        print("| ordinary clients that failed | \(failures.load(ordering: .relaxed)) |")
        return 0
    }

    /// Connects, runs the attack, then keeps the connection until the deadline (or the server closes it).
    static func hold(port: Int, until deadline: Date, _ attack: (BenchClient) throws -> Void) {
        guard let client = try? BenchClient(port: port) else { return }
        try? attack(client)
        while Date() < deadline { Thread.sleep(forTimeInterval: 0.5) }
        withExtendedLifetime(client) {}
    }

    /// Sends one byte every 2 s until the deadline or until the server has closed the connection.
    static func drip(_ client: BenchClient, until deadline: Date) throws {
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 2)
            try client.sendRaw([UInt8(ascii: "x")])
        }
    }
}

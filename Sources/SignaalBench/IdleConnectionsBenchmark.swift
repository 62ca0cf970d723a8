import Foundation

/// `signaal-bench idle-connections PID PORT [COUNT]`: opens COUNT keep-alive connections to a running
/// server (each answers one `GET /health`, so it is really accepted), leaves them idle, and prints the
/// server's resident memory before and with them open, read from `/proc/PID/status`.
enum IdleConnectionsBenchmark {
    static func run(pid: Int, port: Int, count: Int) -> Int32 {
        guard let before = residentMiB(pid) else {
            FileHandle.standardError.write(Data("no process \(pid)\n".utf8))
            return 1
        }
        var clients: [BenchClient] = []
        do {
            for _ in 0..<count {
                let client = try BenchClient(port: port)
                guard try client.request("GET", "/health").status == 200 else { throw BenchClient.Failure(reason: "health was not 200") }
                clients.append(client)
            }
        } catch {
            FileHandle.standardError.write(Data("after \(clients.count) connections: \(error)\n".utf8))
            return 1
        }
        Thread.sleep(forTimeInterval: 1)
        let with = residentMiB(pid) ?? 0
        print(String(format: "resident memory: %.1f MiB before, %.1f MiB with %d idle keep-alive connections (%.1f KiB each)",
                     before, with, clients.count, (with - before) * 1024 / Double(max(1, clients.count))))
        return 0
    }

    /// VmRSS of a process in MiB.
    static func residentMiB(_ pid: Int) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }
}

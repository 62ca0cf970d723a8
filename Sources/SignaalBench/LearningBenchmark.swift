import Foundation
import Learning
import Signaal
import Synchronization
import Threads

/// Through the real HTTP server: quiz submissions per second from many learners (each a durable
/// write), and `GET /api/v1/course` against `GET /health` with wrk in the same run.
enum LearningBenchmark {
    static let learners = 128
    static let connections = 64
    static let seconds = 10.0

    static func run() -> Int32 {
        do {
            try StorageBenchmark.blockOn { try await measure() }
            return 0
        } catch {
            print("learning benchmark failed: \(error)")
            return 1
        }
    }

    struct Session: Sendable {
        let headers: [String: String]
    }

    static func measure() async throws {
        var configuration = SignaalConfiguration()
        configuration.server.port = 0
        configuration.server.accessLog = false
        configuration.dataFolder = NSTemporaryDirectory() + "bench-learning-\(UUID().uuidString)"
        let settings = configuration
        let application = try await DedicatedThread.run { try Application(configuration: settings) }
        let port = try application.start()
        defer { Task { await application.shutdown() } }
        let (_, emails) = try await DemoData.addBusiness(to: application, name: "Bench Hotel", sector: "hotel",
                                                         employees: learners, password: "bench password 1")
        let sessions = try await signIn(emails, port: port)
        let catalog = application.catalog
        let modules = catalog.modules(for: .hotel).filter(\.isRequired).map(\.id)

        print("Learning: \(learners) learners signed in; \(connections) connections for \(Int(seconds)) s; " +
              "each cycle = start an attempt (a write) + submit its answers (a write, group-committed, synchronous = FULL).")
        let (submissions, elapsed, failures) = try await DedicatedThread.run {
            submitLoop(port: port, sessions: sessions, catalog: catalog, modules: modules)
        }
        print("")
        print("| measure | value |")
        print("|---|--:|")
        print(String(format: "| answer submissions per second | %.0f |", Double(submissions) / elapsed))
        print(String(format: "| attempt starts + submissions (HTTP writes) per second | %.0f |", Double(submissions * 2) / elapsed))
        print("| failed requests | \(failures) |")

        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
            print("\n(wrk not installed: apt-get install wrk — skipping the GET /api/v1/course comparison)")
            return
        }
        let cookie = sessions[0].headers["Cookie"]!
        let health = try wrkRequestsPerSecond(wrk, url: "http://127.0.0.1:\(port)/health", cookie: nil)
        let course = try wrkRequestsPerSecond(wrk, url: "http://127.0.0.1:\(port)/api/v1/course", cookie: cookie)
        print("")
        print("| wrk -t1 -c64 -d10s | requests/s | p99 |")
        print("|---|--:|--:|")
        print(String(format: "| GET /health | %.0f | %@ |", health.rate, health.p99))
        print(String(format: "| GET /api/v1/course (signed in) | %.0f | %@ |", course.rate, course.p99))
        print(String(format: "| ratio course / health | %.2f× | |", course.rate / health.rate))
    }

    static func signIn(_ emails: [String], port: Int) async throws -> [Session] {
        try await DedicatedThread.run {
            try emails.map { email in
                let client = try BenchClient(port: port)
                let response = try client.request("POST", "/api/v1/session", body: Array(#"{"email":"\#(email)","password":"bench password 1"}"#.utf8))
                guard response.status == 200, let cookie = response.setCookie?.split(separator: ";").first,
                      let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                      let csrf = json["csrfToken"] as? String
                else { throw BenchClient.Failure(reason: "sign-in failed: \(response.status)") }
                return Session(headers: ["Cookie": String(cookie), "X-CSRF-Token": csrf, "Content-Type": "application/json"])
            }
        }
    }

    /// `connections` threads, each a keep-alive connection, cycling attempt → answers until time is up.
    static func submitLoop(port: Int, sessions: [Session], catalog: Catalog, modules: [String]) -> (Int, Double, Int) {
        let submitted = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        let group = DispatchGroup()
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        for index in 0..<connections {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let client = try? BenchClient(port: port) else { failed.add(1, ordering: .relaxed); return }
                var cycle = index
                while Date() < deadline {
                    let session = sessions[cycle % sessions.count]
                    let module = modules[cycle % modules.count]
                    cycle += connections
                    do {
                        let attempt = try client.request("POST", "/api/v1/modules/\(module)/attempts", headers: session.headers)
                        guard attempt.status == 201,
                              let json = try JSONSerialization.jsonObject(with: Data(attempt.body)) as? [String: Any],
                              let id = json["id"] as? String, let questions = json["questions"] as? [[String: Any]]
                        else { failed.add(1, ordering: .relaxed); continue }
                        var answers: [String: [String]] = [:]
                        for question in questions {
                            let questionID = question["id"] as! String
                            answers[questionID] = catalog.modules[module]!.question(questionID)!.correctOptionIDs.sorted()
                        }
                        let body = try JSONSerialization.data(withJSONObject: ["answers": answers])
                        let result = try client.request("POST", "/api/v1/attempts/\(id)/answers", headers: session.headers, body: Array(body))
                        if result.status == 200 { submitted.add(1, ordering: .relaxed) } else { failed.add(1, ordering: .relaxed) }
                    } catch {
                        failed.add(1, ordering: .relaxed)
                        return
                    }
                }
            }.start()
        }
        group.wait()
        return (submitted.load(ordering: .relaxed), Date().timeIntervalSince(start), failed.load(ordering: .relaxed))
    }

    static func wrkRequestsPerSecond(_ wrk: String, url: String, cookie: String?) throws -> (rate: Double, p99: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t1", "-c64", "-d10s", "--latency"] + (cookie.map { ["-H", "Cookie: \($0)"] } ?? []) + [url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let rate = text.split(separator: "\n").first { $0.contains("Requests/sec:") }.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
        let p99 = text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("99%") }
            .map { String($0.split(separator: " ").last ?? "?") } ?? "?"
        if text.contains("Non-2xx") { print("warning: wrk saw non-2xx answers for \(url)") }
        return (rate, p99)
    }
}

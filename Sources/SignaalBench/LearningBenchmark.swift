import Foundation
import Learning
import Signaal
import Synchronization
import Threads

/// Through the real HTTP server: quiz submissions per second from many learners (each a durable
/// write; the attempts are started in a phase before, also measured), and `GET /api/v1/course`
/// against `GET /health` with wrk in the same run.
///
/// A person has at most one open attempt per module and reads every lesson first, so the learners are
/// many (their lessons marked read and their sessions made in the database while seeding), in hotels of
/// 128 staff each: every start is a new attempt of a different person and module.
enum LearningBenchmark {
    static let connections = 64
    static let seconds = 10.0
    static let attemptsPerConnection = 700
    static let modulesPerPath = 7
    static let learners = connections * attemptsPerConnection / modulesPerPath
    static let staffPerHotel = 128

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
        var seeded: [Session] = []
        for hotel in 0..<learners / staffPerHotel {
            let (businessID, _) = try await DemoData.addBusiness(to: application, name: "Bench Hotel \(hotel)", sector: "hotel", employees: staffPerHotel,
                                                                 password: "bench password 1", role: .reception, lessonsRead: true)
            seeded += try await DemoData.sessions(in: application, businessID: businessID).map {
                Session(headers: $0.merging(["Content-Type": "application/json"]) { $1 })
            }
        }
        let sessions = seeded
        let catalog = application.catalog
        let modules = catalog.path(for: .hotel, role: .reception).filter(\.isRequired).map(\.id)
        precondition(modules.count == modulesPerPath, "every learner starts each module of their path once")

        print("Learning: \(learners) learners signed in (hotels of \(staffPerHotel)), \(connections) keep-alive connections. Phase 1 starts " +
              "\(attemptsPerConnection * connections) attempts (each learner each module of their path once); phase 2 submits " +
              "their answers for at most \(Int(seconds)) s. Every start and every submission is a durable write (group commit, synchronous = FULL).")
        let (prepared, startElapsed, startFailures) = try await DedicatedThread.run {
            startAttempts(port: port, sessions: sessions, catalog: catalog, modules: modules)
        }
        FileHandle.standardError.write(Data("phase 2: submitting\n".utf8))
        let (submissions, elapsed, failures) = try await DedicatedThread.run { submit(port: port, prepared: prepared) }
        let started = prepared.map(\.count).reduce(0, +)
        print("")
        print("| measure | value |")
        print("|---|--:|")
        print(String(format: "| answer submissions per second | %.0f |", Double(submissions) / elapsed))
        print(String(format: "| attempt starts per second | %.0f |", Double(started) / startElapsed))
        print(String(format: "| start + submit cycles per second (both phases together) | %.0f |",
                     Double(submissions) / (elapsed + startElapsed * Double(submissions) / Double(max(1, started)))))
        print("| failed requests | \(failures + startFailures) |")

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

    /// A started attempt and its answer body, ready to submit.
    struct Prepared: Sendable {
        let session: Session
        let path: String
        let body: [UInt8]
    }

    /// Runs `work` on `connections` threads, each with its own keep-alive connection, and waits for all.
    static func onConnections(port: Int, _ work: @escaping @Sendable (Int, BenchClient) -> Void) {
        let group = DispatchGroup()
        for index in 0..<connections {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let client = try? BenchClient(port: port) else { return }
                work(index, client)
            }.start()
        }
        group.wait()
    }

    /// Phase 1: every connection starts `attemptsPerConnection` attempts (each a durable write) and
    /// prepares the right answers. Returns them per connection, the elapsed time and the failures.
    static func startAttempts(port: Int, sessions: [Session], catalog: Catalog, modules: [String]) -> ([[Prepared]], Double, Int) {
        let prepared = Mutex([[Prepared]](repeating: [], count: connections))
        let failed = Atomic<Int>(0)
        let start = Date()
        onConnections(port: port) { index, client in
            var mine: [Prepared] = []
            for step in 0..<attemptsPerConnection {
                // Every cycle number is used once: a distinct learner and module for each start.
                let cycle = index + step * connections
                let session = sessions[cycle % sessions.count]
                let module = modules[cycle / sessions.count % modules.count]
                do {
                    let attempt = try client.request("POST", "/api/v1/modules/\(module)/attempts", headers: session.headers)
                    guard attempt.status == 201,
                          let json = try JSONSerialization.jsonObject(with: Data(attempt.body)) as? [String: Any],
                          let id = json["id"] as? String, let questions = json["questions"] as? [[String: Any]]
                    else { failed.add(1, ordering: .relaxed); continue }
                    // The right options under this attempt's labels, found by their words.
                    let words = catalog.modules[module]!.texts[json["language"] as? String ?? "nl"]
                    var answers: [String: [String]] = [:]
                    for question in questions {
                        let questionID = question["id"] as! String
                        let definition = catalog.modules[module]!.question(questionID)!
                        let shown = question["options"] as? [[String: Any]] ?? []
                        answers[questionID] = definition.correctOptionIDs.sorted().map { option in
                            definition.form == .trueFalse ? option
                                : shown.first { $0["text"] as? String == words?.questions[questionID]?.options[option] }?["id"] as? String ?? "?"
                        }
                    }
                    let body = try JSONSerialization.data(withJSONObject: ["answers": answers])
                    mine.append(Prepared(session: session, path: "/api/v1/attempts/\(id)/answers", body: Array(body)))
                } catch {
                    failed.add(1, ordering: .relaxed)
                    return
                }
            }
            prepared.withLock { $0[index] = mine }
        }
        return (prepared.withLock { $0 }, Date().timeIntervalSince(start), failed.load(ordering: .relaxed))
    }

    /// Phase 2: every connection submits its prepared answers, one after another, until they run
    /// out or `seconds` have passed. Returns the submissions, the elapsed time and the failures.
    static func submit(port: Int, prepared: [[Prepared]]) -> (Int, Double, Int) {
        let submitted = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        onConnections(port: port) { index, client in
            for item in prepared[index] where Date() < deadline {
                do {
                    let result = try client.request("POST", item.path, headers: item.session.headers, body: item.body)
                    if result.status == 200 { submitted.add(1, ordering: .relaxed) } else { failed.add(1, ordering: .relaxed) }
                } catch {
                    failed.add(1, ordering: .relaxed)
                    return
                }
            }
        }
        return (submitted.load(ordering: .relaxed), Date().timeIntervalSince(start), failed.load(ordering: .relaxed))
    }

    static func wrkRequestsPerSecond(_ wrk: String, url: String, cookie: String?, script: String? = nil) throws -> (rate: Double, p99: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t1", "-c64", "-d10s", "--latency"] + (cookie.map { ["-H", "Cookie: \($0)"] } ?? [])
            + (script.map { ["-s", $0] } ?? []) + [url]
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

import Foundation
import Signaal
import Threads

/// Seeds 10,000 businesses and 300,000 staff, then times the progress of a 10,000-person business,
/// the admin's filtered list, and verification lookups against `/health` (wrk, same run).
enum CertificationBenchmark {
    static func run() -> Int32 {
        do {
            try StorageBenchmark.blockOn { try await measure() }
            return 0
        } catch {
            print("certification benchmark failed: \(error)")
            return 1
        }
    }

    static func measure() async throws {
        var configuration = SignaalConfiguration()
        configuration.server.port = 0
        configuration.server.accessLog = false
        configuration.verificationsPerMinute = 100_000_000  // the limiter stays on, but out of wrk's way
        configuration.dataFolder = NSTemporaryDirectory() + "bench-certification-\(UUID().uuidString)"
        let settings = configuration
        let application = try await DedicatedThread.run { try Application(configuration: settings) }
        let port = try application.start()
        let seedStart = Date()
        let seeded = try await BenchmarkData.seed(application, businesses: 10_000, employees: 300_000, bigBusinessStaff: 10_000)
        print("Seeded \(seeded.businesses) businesses and \(seeded.employees) staff in \(Int(Date().timeIntervalSince(seedStart))) s.")
        try await Operations.createAdmin(dataFolder: settings.dataFolder, name: "Bench", email: "admin@signaal.test", password: "bench password 1")
        let sessions = try await LearningBenchmark.signIn(["admin@signaal.test"], port: port)
        let admin = sessions[0].headers

        let timings = try await DedicatedThread.run { () -> [(String, [Double])] in
            let client = try BenchClient(port: port)
            func time(_ path: String, _ runs: Int) throws -> [Double] {
                _ = try client.request("GET", path, headers: admin)
                return try (0..<runs).map { _ in
                    let start = DispatchTime.now().uptimeNanoseconds
                    let response = try client.request("GET", path, headers: admin)
                    guard response.status == 200 else { throw BenchClient.Failure(reason: "\(path): \(response.status)") }
                    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                }.sorted()
            }
            return [
                ("progress of a business with 10,000 staff", try time("/api/v1/businesses/\(seeded.bigBusinessID)/progress", 50)),
                ("admin list of 10,000 businesses, eligible=true, page of 50", try time("/api/v1/admin/businesses?eligible=true&limit=50&offset=100", 20)),
                ("admin list filtered by sector and city", try time("/api/v1/admin/businesses?sector=hotel&city=Utrecht&limit=50", 20)),
                ("certificate verification (JSON)", try time("/api/v1/certificates/\(seeded.certificateCode)", 200)),
                ("certificate PDF (A4, with QR code)", try time("/certificates/\(seeded.certificateCode).pdf", 100)),
            ]
        }
        print("")
        print("| request (one at a time, over HTTP) | median ms | p95 ms |")
        print("|---|--:|--:|")
        for (name, samples) in timings {
            print(String(format: "| %@ | %.2f | %.2f |", name, samples[samples.count / 2], samples[samples.count * 95 / 100]))
        }
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
            print("\n(wrk not installed: skipping the verification throughput comparison)")
            return
        }
        let health = try LearningBenchmark.wrkRequestsPerSecond(wrk, url: "http://127.0.0.1:\(port)/health", cookie: nil)
        let hot = try LearningBenchmark.wrkRequestsPerSecond(wrk, url: "http://127.0.0.1:\(port)/api/v1/certificates/\(seeded.certificateCode)", cookie: nil)
        // Each request asks for one of all 10,000 certificates at random, so most miss the 5-second cache.
        let script = settings.dataFolder + "/random-codes.lua"
        try ("codes = {" + seeded.certificateCodes.map { "\"\($0)\"" }.joined(separator: ",") + "}\n"
             + "request = function() return wrk.format(nil, \"/api/v1/certificates/\" .. codes[math.random(#codes)]) end\n")
            .write(toFile: script, atomically: true, encoding: .utf8)
        let random = try LearningBenchmark.wrkRequestsPerSecond(wrk, url: "http://127.0.0.1:\(port)", cookie: nil, script: script)
        print("")
        print("| wrk -t1 -c64 -d10s | requests/s | p99 |")
        print("|---|--:|--:|")
        print(String(format: "| GET /health | %.0f | %@ |", health.rate, health.p99))
        print(String(format: "| GET /api/v1/certificates/{code}, one code | %.0f | %@ |", hot.rate, hot.p99))
        print(String(format: "| GET /api/v1/certificates/{code}, random of %d codes | %.0f | %@ |", seeded.certificateCodes.count, random.rate, random.p99))
        print(String(format: "| ratio random verification / health | %.2f× | |", random.rate / health.rate))
        await application.shutdown()
    }
}

import Foundation
import Signaal
import Threads

/// Times the certificate PDF and the window sticker, one request at a time over HTTP, for a business
/// whose name and city need embedded Unicode fonts (Polish, Romanian, Turkish and Cyrillic letters).
enum DocumentsBenchmark {
    static let businessName = "Pensjonat Łódź Żółć – Ștefan Ğül"
    static let city = "Готель Київ"

    static func run() -> Int32 {
        do {
            try StorageBenchmark.blockOn { try await measure() }
            return 0
        } catch {
            print("documents benchmark failed: \(error)")
            return 1
        }
    }

    static func measure() async throws {
        var configuration = SignaalConfiguration()
        configuration.server.port = 0
        configuration.server.accessLog = false
        configuration.verificationsPerMinute = 100_000_000
        configuration.dataFolder = NSTemporaryDirectory() + "bench-documents-\(UUID().uuidString)"
        let settings = configuration
        let application = try await DedicatedThread.run { try Application(configuration: settings) }
        let port = try application.start()
        let seeded = try await BenchmarkData.seed(application, businesses: 2, employees: 20, bigBusinessStaff: 10)
        let code = seeded.certificateCode
        try await application.database.write { db in
            try db.run("UPDATE certificates SET business_name = ?, city = ? WHERE code = ?", businessName, city, code)
        }
        let timings = try await DedicatedThread.run { () -> [(String, [Double], Int)] in
            let client = try BenchClient(port: port)
            func time(_ path: String, _ runs: Int) throws -> ([Double], Int) {
                let first = try client.request("GET", path)
                return (try (0..<runs).map { _ in
                    let start = DispatchTime.now().uptimeNanoseconds
                    let response = try client.request("GET", path)
                    guard response.status == 200 else { throw BenchClient.Failure(reason: "\(path): \(response.status)") }
                    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                }.sorted(), first.body.count)
            }
            return [
                ("certificate PDF, A4, Dutch", try time("/certificates/\(code).pdf", 300)),
                ("certificate PDF, A4, English", try time("/certificates/\(code).pdf?lang=en", 300)),
                ("window sticker, A5, Dutch and English", try time("/certificates/\(code)/sticker.pdf", 300)),
            ].map { ($0.0, $0.1.0, $0.1.1) }
        }
        print("Business \"\(businessName)\", city \"\(city)\": DejaVu Sans and Sans Bold embedded as subsets.")
        print("")
        print("| document (one at a time, over HTTP) | median ms | p95 ms | size |")
        print("|---|--:|--:|--:|")
        for (name, samples, size) in timings {
            print(String(format: "| %@ | %.2f | %.2f | %.1f KB |", name, samples[samples.count / 2], samples[samples.count * 95 / 100], Double(size) / 1024))
        }
        await application.shutdown()
    }
}

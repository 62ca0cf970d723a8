import Foundation
import TestSupport
import Testing
import Threads

/// Outside programs that check our PDFs and QR codes (qpdf, pdftotext, pdftoppm, zbarimg).
/// CI installs them and sets `SIGNAAL_REQUIRE_TOOLS=1`, which makes a missing tool a failure; on a
/// developer machine without them those checks are skipped with a note.
enum ExternalTools {
    static func path(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first(where: FileManager.default.isExecutableFile)
    }

    static var required: Bool { ProcessInfo.processInfo.environment["SIGNAAL_REQUIRE_TOOLS"] == "1" }

    /// The tool's path, or nil (recording a failure when tools are required).
    static func find(_ name: String, package: String) -> String? {
        if let found = path(name) { return found }
        if required {
            Issue.record("\(name) is missing: apt-get install \(package)")
        } else {
            print("note: \(name) not installed (apt-get install \(package)); skipping that check")
        }
        return nil
    }

    /// Runs a tool and returns its exit status and standard output.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outcome = try ChildProcess.run(tool, arguments)
        return (outcome.status, outcome.output)
    }
}

/// Runs blocking test code (processes, file writes) on a thread of its own, off the cooperative pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await DedicatedThread.run(body)
}

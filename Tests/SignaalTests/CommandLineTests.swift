import Foundation
import Testing

/// The `signaal` executable as an operator runs it.
struct CommandLineTests {
    struct Run: Sendable {
        let status: Int32
        let output: String
        let error: String
    }

    /// Runs the executable to completion (or until `until` appears in its output, then SIGTERM).
    static func run(_ arguments: [String], environment: [String: String] = [:], terminateWhen marker: String? = nil) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: Package.executable)
                    process.arguments = arguments
                    process.currentDirectoryURL = URL(fileURLWithPath: Package.root)
                    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                    let output = Pipe()
                    let error = Pipe()
                    process.standardOutput = output
                    process.standardError = error
                    try process.run()
                    var collected = Data()
                    if let marker {
                        while !String(decoding: collected, as: UTF8.self).contains(marker) {
                            let chunk = output.fileHandleForReading.availableData
                            if chunk.isEmpty { break }
                            collected.append(chunk)
                        }
                        process.terminate()
                    }
                    collected.append(output.fileHandleForReading.readDataToEndOfFile())
                    let errors = error.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return Run(status: process.terminationStatus, output: String(decoding: collected, as: UTF8.self),
                               error: String(decoding: errors, as: UTF8.self))
                })
            }.start()
        }
    }

    @Test func serveHelp_listsOptions_andExitsZero() async throws {
        let run = try await Self.run(["serve", "--help"])
        #expect(run.status == 0)
        #expect(run.output.contains("--port N"))
        #expect(run.output.contains("SIGNAAL_PORT"))
    }

    @Test func unknownOption_isUsageError2() async throws {
        let run = try await Self.run(["serve", "--colour", "blue"])
        #expect(run.status == 2)
        #expect(run.error.contains("unknown option --colour"))
        let badPort = try await Self.run(["serve", "--port", "http"])
        #expect(badPort.status == 2)
        let unknownCommand = try await Self.run(["dance"])
        #expect(unknownCommand.status == 2)
    }

    @Test func portZero_printsURL_andSIGTERMStopsCleanly() async throws {
        let data = try Package.temporaryFolder()
        let run = try await Self.run(["serve", "--port", "0", "--data", data, "--access-log", "off"], terminateWhen: "listening on")
        #expect(run.output.contains("Signaal is listening on http://127.0.0.1:"))
        #expect(run.output.contains("Signaal stopped."))
        #expect(run.status == 0)
    }

    @Test func portTaken_isClearErrorAndExit1() async throws {
        let app = try RunningApp.start()
        let run = try await Self.run(["serve"], environment: ["SIGNAAL_PORT": String(app.port)])
        #expect(run.status == 1)
        #expect(run.error.contains("port \(app.port) on 127.0.0.1 is already in use"))
        await app.application.shutdown()
    }
}

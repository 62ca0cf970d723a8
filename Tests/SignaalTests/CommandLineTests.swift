import Foundation
import Signaal
import TestSupport
import Storage
import Testing
import Threads

/// The `signaal` executable as an operator runs it.
@Suite(.cleansUp)
struct CommandLineTests {
    struct Run: Sendable {
        let status: Int32
        let output: String
        let error: String
    }

    /// Runs the executable to completion (or until `until` appears in its output, then SIGTERM).
    static func run(_ arguments: [String], environment: [String: String] = [:], terminateWhen marker: String? = nil) async throws -> Run {
        try await DedicatedThread.run {
            let child = try ChildProcess(Package.executable, arguments, environment: environment, directory: Package.root)
            if let marker {
                child.read { $0.contains(marker) }
                child.stop(grace: 20)
            }
            let outcome = child.finish()
            return Run(status: outcome.status, output: outcome.output, error: outcome.error)
        }
    }

    /// `signaal tasks run` for cron: the upkeep once, as JSON; skipped (and saying so) while another run holds the lease.
    @Test func tasksRun_runsTheUpkeepOnce_andSkipsWhileTheLeaseIsHeld() async throws {
        let data = try Package.temporaryFolder()
        let first = try await Self.run(["tasks", "run", "--data", data])
        #expect(first.status == 0, "\(first.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        #expect(report["skipped"] as? Bool == false && report["certificatesIssued"] as? Int == 0)
        let connection = try DatabaseConnection.standalone(path: data + "/signaal.sqlite")
        _ = try connection.run("UPDATE task_runs SET holder = 'server', lease_until = ? WHERE name = 'upkeep'", Date().addingTimeInterval(600))
        let held = try await Self.run(["tasks", "run", "--data", data])
        #expect(held.status == 0 && held.output.contains(#""skipped":true"#) && held.error.contains("holds the lease"))
        #expect(try await Self.run(["tasks", "run", "--help"]).output.contains("cron"))
        #expect(try await Self.run(["tasks", "walk"]).status == 2)
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
        let badProxy = try await Self.run(["serve", "--trusted-proxies", "10.0.0.0/8,proxy.example"])
        #expect(badProxy.status == 2 && badProxy.error.contains("'proxy.example' is not an IP address or a CIDR range"))
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

    @Test func demo_seedsAHotelAtEveryStage_andPrintsWorkingLogins() async throws {
        let data = try Package.temporaryFolder()
        let outcome: (output: String, manager: BlockingHTTPClient.Response?, learner: BlockingHTTPClient.Response?) = try await DedicatedThread.run {
            let child = try ChildProcess(Package.executable, ["serve", "--demo", "--port", "0", "--data", data, "--access-log", "off"],
                                         directory: Package.root)
            let output = child.read { $0.contains("staff9@demo.signaal") }
            defer { child.stop() }
            guard let port = output.components(separatedBy: "http://127.0.0.1:").dropFirst().first.flatMap({ Int($0.prefix { $0.isNumber }) }),
                  let password = output.components(separatedBy: "with password ").dropFirst().first?.split(separator: "\n").first
            else { return (output, nil, nil) }
            func signIn(_ login: String) throws -> [String: String] {
                let answer = try BlockingHTTPClient.send(port: port, method: "POST", path: "/api/v1/session",
                                                         body: Array(#"{"email":"\#(login)","password":"\#(password)"}"#.utf8))
                return ["Cookie": String(answer.headers["set-cookie"]?.split(separator: ";").first ?? "")]
            }
            let manager = try signIn("manager@demo.signaal")
            let me = try BlockingHTTPClient.send(port: port, method: "GET", path: "/api/v1/me", headers: manager)
            let business = (me.json?["user"] as? [String: Any])?["businessId"] as? String ?? ""
            let progress = try BlockingHTTPClient.send(port: port, method: "GET", path: "/api/v1/businesses/\(business)", headers: manager)
            let course = try BlockingHTTPClient.send(port: port, method: "GET", path: "/api/v1/course", headers: try signIn("staff7@demo.signaal"))
            return (output, progress, course)
        }
        #expect(outcome.output.contains("manager@demo.signaal"))
        let business = try #require(outcome.manager?.json, "\(outcome.output)")
        #expect((business["progress"] as? [String: Any])?["completed"] as? Int == 6)
        #expect((business["progress"] as? [String: Any])?["eligible"] as? Bool == true)
        #expect((business["certificate"] as? [String: Any])?["state"] as? String == "valid")
        let modules = try #require(outcome.learner?.json?["modules"] as? [[String: Any]])
        #expect(modules.filter { $0["status"] as? String == "passed" }.count == 2)
        #expect(modules.contains { $0["status"] as? String == "in_progress" })
    }

    @Test func demo_isRefused_besideRealBusinesses() async throws {
        let fixture = try await BusinessFixture.start()
        _ = try await fixture.register(name: "Hotel Echt", headcount: 4)
        await #expect(throws: Application.DemoRefused.self) { try await fixture.app.application.seedDemo() }
        let demoAccounts = try await fixture.app.application.database.read {
            try $0.queryOne("SELECT count(*) FROM users WHERE email LIKE '%@demo.signaal'") { $0.int(0) }
        }
        #expect(demoAccounts == 0)
        await fixture.app.application.shutdown()
    }
}

/// `signaal modules check` and `serve` on broken copies of the real content.
@Suite(.cleansUp)
struct ModulesCheckCommandTests {
    /// A copy of `modules/` in a temporary folder, changed by `breakIt`.
    static func brokenCopy(_ breakIt: (String) throws -> Void) throws -> String {
        let folder = try Package.temporaryFolder() + "/modules"
        try FileManager.default.copyItem(atPath: Package.modules, toPath: folder)
        try breakIt(folder)
        return folder
    }

    static func replace(_ file: String, _ target: String, with replacement: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard let range = text.range(of: target) else { throw HTTPClient.Failure(description: "\(target) not in \(file)") }
        try text.replacingCharacters(in: range, with: replacement).write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test func shippedContent_isValid() async throws {
        let run = try await CommandLineTests.run(["modules", "check", Package.modules, "--web", Package.web, "--report"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("17 modules"))
        #expect(run.output.contains("test-wise"))
        #expect(run.output.contains("core-signals"))
        #expect(run.output.contains("single-answer questions whose right option is the longest"))
    }

    @Test func aLanguageTheInterfaceOffers_withoutModuleText_andUntranslatedText_failTheCheck() async throws {
        // core-law's first question keeps its Dutch explanation in the English file.
        let modules = try Self.brokenCopy { folder in
            func firstExplanation(_ language: String) throws -> String {
                let text = try String(contentsOfFile: folder + "/core-law/\(language).txt", encoding: .utf8)
                return String(try #require(text.split(separator: "\n").first { $0.hasPrefix("explanation: ") }))
            }
            try Self.replace(folder + "/core-law/en.txt", try firstExplanation("en"), with: try firstExplanation("nl"))
        }
        let web = try Package.temporaryFolder()
        try FileManager.default.createDirectory(atPath: web + "/i18n", withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: Package.web + "/i18n") {
            try FileManager.default.copyItem(atPath: Package.web + "/i18n/" + file, toPath: web + "/i18n/" + file)
        }
        try Data(#"{"lang.name":"Føroyskt"}"#.utf8).write(to: URL(fileURLWithPath: web + "/i18n/fo.json"))
        let run = try await CommandLineTests.run(["modules", "check", modules, "--web", web])
        #expect(run.status == 1)
        #expect(run.output.contains("core-signals: no fo.txt and lessons, but the interface offers fo"))
        #expect(run.output.contains("core-law/en/") && run.output.contains("explanation: the same as the Dutch; translate it"), "\(run.output)")
    }

    @Test func guessableQuiz_andDishonestLength_failTheCheck() async throws {
        let folder = try Self.brokenCopy { folder in
            // Five questions drawn from a pool of twelve at a pass mark of 20: one right answer passes.
            try Self.replace(folder + "/role-bar/module.txt", "pass-mark: 80", with: "pass-mark: 20")
            try Self.replace(folder + "/core-myths/module.txt", "minutes: 5", with: "minutes: 15")
            try Self.replace(folder + "/core-law/module.txt", "questions-per-attempt: 6", with: "questions-per-attempt: 7")
        }
        let run = try await CommandLineTests.run(["modules", "check", folder])
        #expect(run.status == 1)
        #expect(run.output.contains("role-bar: a blind guesser passes one attempt with"))
        #expect(run.output.contains("core-myths: declares 15 minutes but its words and questions take about"))
        #expect(run.output.contains("core-law: the pool holds 12 questions for 7 drawn; it needs at least twice as many"))
    }

    @Test func brokenFolder_printsFileLineMessages_andExits1() async throws {
        let folder = try Self.brokenCopy { folder in
            try Self.replace(folder + "/core-signals/module.txt", "pass-mark: 80", with: "pass-mark: 120")
            try Self.replace(folder + "/core-myths/module.txt", "minutes: 5", with: "minutes: 5\nflavour: mint")
            try FileManager.default.removeItem(atPath: folder + "/core-law/en.txt")
        }
        let run = try await CommandLineTests.run(["modules", "check", folder])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("core-law/module.txt:1: missing translation: en.txt"))
        #expect(lines.contains("core-myths/module.txt:8: unknown key 'flavour'"))
        #expect(lines.contains("core-signals/module.txt:8: pass-mark must be between 1 and 100"))
        #expect(run.error.contains("problem(s) found"))
    }

    @Test func invalidUTF8_isReportedWithItsFileName() async throws {
        let folder = try Self.brokenCopy { folder in
            try Data([0x74, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: folder + "/core-law/nl.txt"))
        }
        let run = try await CommandLineTests.run(["modules", "check", folder])
        #expect(run.status == 1)
        #expect(run.output.contains("core-law/nl.txt:0: cannot be read as UTF-8 text"), "\(run.output) \(run.error)")
    }

    @Test func serve_refusesInvalidContent_withTheSameMessages() async throws {
        let folder = try Self.brokenCopy { folder in
            try Self.replace(folder + "/core-signals/module.txt", "pass-mark: 80", with: "pass-mark: 0")
        }
        let run = try await CommandLineTests.run(["serve", "--port", "0", "--modules", folder, "--data", try Package.temporaryFolder()])
        #expect(run.status == 1)
        #expect(run.error.contains("core-signals/module.txt:8: pass-mark must be between 1 and 100"))
    }
}

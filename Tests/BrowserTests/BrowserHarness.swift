import Foundation
import Learning
@testable import Signaal
import Testing
import TestSupport
import Threads

/// Paths of the package under test, found from this file's location.
enum PackagePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let output = root + "/test-output/browser"
}

/// One journey's world: the real server on a temporary database and free port, an admin account,
/// chromedriver, and the checks every visited page must pass.
final class Journey: @unchecked Sendable {
    static let password = "groene fiets op de dijk"
    static let adminEmail = "admin@signaal.test"

    let name: String
    private(set) var application: Application
    private(set) var port: Int
    let configuration: SignaalConfiguration
    private var driver: ChromeDriver?

    var base: String { "http://127.0.0.1:\(port)" }
    var catalog: Catalog { application.catalog }

    private init(name: String, application: Application, port: Int, configuration: SignaalConfiguration) {
        self.name = name
        self.application = application
        self.port = port
        self.configuration = configuration
    }

    /// Starts the world and runs `body` on a thread of its own (WebDriver calls block);
    /// skipped when no browser is installed. The server and the driver stop however `body` ends.
    static func run(_ name: String, _ body: @escaping @Sendable (Journey) throws -> Void) async throws {
        var configuration = SignaalConfiguration()
        configuration.server.port = 0
        configuration.server.ioThreadCount = 2
        configuration.server.accessLog = false
        configuration.webFolder = PackagePaths.root + "/web"
        configuration.modulesFolder = PackagePaths.root + "/modules"
        configuration.certificatesFolder = PackagePaths.root + "/certificates"
        configuration.dataFolder = NSTemporaryDirectory() + "signaal-browser-\(UUID().uuidString)"
        let settings = configuration
        let journey = try await DedicatedThread.run { () -> Journey in
            try FileManager.default.createDirectory(atPath: settings.dataFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: PackagePaths.output, withIntermediateDirectories: true)
            let application = try Application(configuration: settings)
            var started = settings
            started.server.port = try application.start()
            return Journey(name: name, application: application, port: started.server.port, configuration: started)
        }
        do {
            try await Operations.createAdmin(dataFolder: settings.dataFolder, name: "Ada Admin", email: adminEmail, password: password)
            try await DedicatedThread.run {
                guard let driver = try ChromeDriver.start(logFolder: journey.configuration.dataFolder) else { return }
                journey.driver = driver
                // Stopping the driver waits for its process: on this thread, not the cooperative pool.
                defer { journey.driver = nil }
                try body(journey)
            }
        } catch {
            await journey.application.shutdown()
            throw error
        }
        await journey.application.shutdown()
    }

    /// A new browser session (its own cookies and storage), like another person's phone, set to `language`.
    func browser(width: Int = 1280, language: String = "nl") throws -> Browser {
        guard let driver else { throw Browser.Failure(description: "no driver") }
        return try Browser(driver: driver, base: base, width: width, language: language)
    }

    /// Stops the server: the network is gone for every browser.
    func stopServer() throws {
        let application = application
        try Self.wait { await application.shutdown() }
    }

    /// Brings the server back on the same port and database.
    func restartServer() throws {
        var again = configuration
        again.server.port = port
        application = try Application(configuration: again)
        port = try application.start()
    }

    /// Runs async work from this journey's own thread, which may block.
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.result = await Result(catching: work)
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    // MARK: Checks every page passes

    /// Screenshots at 320 and 1280 px (failing when the page scrolls sideways), then fails on any JavaScript error or CSP violation in the
    /// log, and on the basics of access: a page language, a label for every field, text for every image.
    func check(_ browser: Browser, page: String, widths: [Int] = [320, 1280]) throws {
        for width in widths {
            try browser.resize(width: width)
            try browser.script("window.scrollTo(0, 0)")
            try browser.screenshot().write(to: URL(fileURLWithPath: "\(PackagePaths.output)/\(name)-\(page)-\(width).png"))
            // A phone never scrolls sideways: wide tables scroll inside their own box.
            let overflow = try browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth") as? Int ?? 0
            #expect(overflow <= 0, "\(name)/\(page) scrolls sideways by \(overflow) px at \(width) px")
        }
        try browser.resize(width: browser.width)
        try expectCleanConsole(browser, page: page)
        let problems = try browser.script("""
            const problems = [];
            if (!document.documentElement.lang) problems.push('no lang on <html>');
            for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
              const labelled = field.getAttribute('aria-label') || field.getAttribute('aria-labelledby') ||
                (field.id && document.querySelector(`label[for="${field.id}"]`)) || field.closest('label');
              if (!labelled) problems.push(`unlabelled ${field.tagName.toLowerCase()} ${field.id || field.name}`);
            }
            for (const image of document.querySelectorAll('img')) {
              if (!image.hasAttribute('alt')) problems.push(`image without alt: ${image.getAttribute('src')}`);
            }
            return problems;
            """) as? [String] ?? []
        #expect(problems.isEmpty, "\(name)/\(page): \(problems)")
    }

    func expectCleanConsole(_ browser: Browser, page: String) throws {
        for entry in try browser.consoleEntries() {
            let problem = entry.level == "SEVERE" || entry.message.contains("Content Security Policy") || entry.message.contains("Uncaught")
            #expect(!problem, "\(name)/\(page): \(entry.level) \(entry.message)")
        }
    }

    /// Drops what the log holds (while the server is down on purpose, failed loads are expected).
    func forgetConsole(_ browser: Browser) throws {
        _ = try browser.consoleEntries()
    }
}

/// A result handed from a task to a waiting thread.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

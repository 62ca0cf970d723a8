import Foundation
import Testing
import TestSupport

/// chromedriver on a free loopback port, started for one test and stopped with it.
///
/// CI installs Debian's `chromium` and `chromium-driver` and sets `SIGNAAL_REQUIRE_BROWSER=1`,
/// which makes a missing browser a failure; elsewhere the browser tests are skipped with a note.
final class ChromeDriver {
    let port: Int
    let browserPath: String
    private let process: ChildProcess

    static let driverCandidates = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
    static let browserCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"]

    /// A running driver, or nil (with a note or, when required, a recorded failure) if none is installed.
    static func start(logFolder: String) throws -> ChromeDriver? {
        let exists = FileManager.default.isExecutableFile
        guard let driver = driverCandidates.first(where: exists), let browser = browserCandidates.first(where: exists) else {
            let message = "Chromium and chromedriver are not installed: apt-get install chromium chromium-driver"
            if ProcessInfo.processInfo.environment["SIGNAAL_REQUIRE_BROWSER"] == "1" {
                Issue.record(Comment(rawValue: message))
            } else {
                print("note: \(message); skipping the browser journeys")
            }
            return nil
        }
        // The free port is released before chromedriver binds it; should another test take it in
        // between, chromedriver exits and a new port is tried.
        for _ in 1...3 {
            let port = try freePort()
            let process = try ChildProcess(driver, ["--port=\(port)", "--allowed-ips=127.0.0.1"], logFile: logFolder + "/chromedriver.log")
            if ready(port: port, process: process) { return ChromeDriver(port: port, browserPath: browser, process: process) }
            process.stop()
        }
        throw Browser.Failure(description: "chromedriver did not start; see \(logFolder)/chromedriver.log")
    }

    private init(port: Int, browserPath: String, process: ChildProcess) {
        self.port = port
        self.browserPath = browserPath
        self.process = process
    }

    /// Whether chromedriver answers ready on `port` within 20 s (false at once if it exited).
    private static func ready(port: Int, process: ChildProcess) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !process.hasEnded {
            if let status = try? BlockingHTTPClient.send(port: port, method: "GET", path: "/status", host: "127.0.0.1:\(port)", timeoutSeconds: 5),
               status.status == 200, status.text.contains("\"ready\":true") {
                return true
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    deinit {
        process.stop()
    }

    /// A port nobody listens on right now: bound to port 0, read back, and released.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Browser.Failure(description: "no free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

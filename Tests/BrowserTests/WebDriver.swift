import Foundation
import TestSupport

/// A small W3C WebDriver client (HTTP + JSON) for chromedriver: one `Browser` is one session of
/// headless Chromium. Every call blocks; journeys run on a thread of their own.
final class Browser {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A found element, by its WebDriver reference.
    struct Element {
        let id: String
    }

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    let driverPort: Int
    let session: String
    /// The window width this session was opened with (a phone or a desktop).
    let width: Int
    /// The app under test, e.g. `http://127.0.0.1:8123`.
    let base: String

    /// A new session whose browser speaks `language` (its `navigator.languages` and `Accept-Language`).
    init(driver: ChromeDriver, base: String, width: Int = 1280, height: Int = 900, language: String = "nl") throws {
        driverPort = driver.port
        self.base = base
        self.width = width
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": driver.browserPath, "args": [
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--window-size=\(width),\(height)", "--lang=\(language)",
            ], "prefs": ["intl.accept_languages": language == "nl" ? "nl-NL,nl" : language]],
            "goog:loggingPrefs": ["browser": "ALL"],
        ]]]
        let answer = try Self.send(port: driver.port, "POST", "/session", capabilities)
        guard let value = answer as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "no session: \(String(describing: answer))")
        }
        session = id
    }

    deinit {
        _ = try? Self.send(port: driverPort, "DELETE", "/session/\(session)", nil)
    }

    @discardableResult
    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        try Self.send(port: driverPort, method, "/session/\(session)\(path)", method == "POST" ? (body ?? [:]) : nil)
    }

    private static func send(port: Int, _ method: String, _ path: String, _ body: [String: Any]?) throws -> Any? {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) }
        let response = try BlockingHTTPClient.send(port: port, method: method, path: path,
                                                   headers: bytes == nil ? [:] : ["Content-Type": "application/json; charset=utf-8"],
                                                   body: bytes, host: "127.0.0.1:\(port)", timeoutSeconds: 120)
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])) as? [String: Any]
        let value = json?["value"]
        if response.status != 200 {
            let error = (value as? [String: Any]).map { "\($0["error"] ?? "") \($0["message"] ?? "")" } ?? response.text
            throw Failure(description: "\(method) \(path) → \(response.status): \(error.prefix(600))")
        }
        return value is NSNull ? nil : value
    }

    // MARK: Navigation and elements

    /// Goes to `path`; when the browser is already there (a hash route), the page is reloaded.
    func open(_ path: String) throws {
        if try url == base + path {
            try command("POST", "/refresh")
        } else {
            try command("POST", "/url", ["url": base + path])
        }
    }

    var url: String { get throws { try command("GET", "/url") as? String ?? "" } }

    func find(_ css: String) throws -> Element? {
        let found = try command("POST", "/elements", ["using": "css selector", "value": css]) as? [[String: Any]] ?? []
        return found.first.flatMap { ($0[Self.elementKey] as? String).map(Element.init) }
    }

    /// Waits up to `seconds` for an element matching `css` (and, if given, containing `text`).
    @discardableResult
    func wait(for css: String, containing text: String? = nil, seconds: Double = 20) throws -> Element {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let text {
                let matched = try script("""
                    return [...document.querySelectorAll(arguments[0])].some((element) => element.textContent.includes(arguments[1]));
                    """, [css, text]) as? Bool ?? false
                if matched, let element = try find(css) { return element }
            } else if let element = try find(css) {
                return element
            }
            guard Date() < deadline else {
                let body = (try? script("return document.body ? document.body.innerText : ''") as? String) ?? ""
                throw Failure(description: "no \(css)\(text.map { " with “\($0)”" } ?? "") on \((try? url) ?? "?"); page says: \(body.prefix(800))")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Clicks the first element matching `css` (and containing `text`), once it is there; an
    /// element the view redrew in between is looked up again once.
    func click(_ css: String, containing text: String? = nil) throws {
        do {
            try clickNow(css, containing: text)
        } catch let failure as Failure where failure.description.contains("stale element") {
            try clickNow(css, containing: text)
        }
    }

    private func clickNow(_ css: String, containing text: String?) throws {
        let element = try wait(for: css, containing: text)
        if let text {
            // Click the matching element, not just the first one for the selector.
            try script("""
                [...document.querySelectorAll(arguments[0])].find((element) => element.textContent.includes(arguments[1])).click();
                """, [css, text])
        } else {
            try command("POST", "/element/\(element.id)/click")
        }
    }

    func type(_ css: String, _ text: String) throws {
        let element = try wait(for: css)
        try command("POST", "/element/\(element.id)/clear")
        try command("POST", "/element/\(element.id)/value", ["text": text])
    }

    func text(_ css: String) throws -> String {
        do {
            return try command("GET", "/element/\(try wait(for: css).id)/text") as? String ?? ""
        } catch let failure as Failure where failure.description.contains("stale element") {
            return try command("GET", "/element/\(try wait(for: css).id)/text") as? String ?? ""
        }
    }

    /// Polls `condition` until it holds or `seconds` pass; `what` names it in the failure.
    func waitUntil(_ what: String, seconds: Double = 20, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            guard Date() < deadline else { throw Failure(description: "\(what) did not happen within \(Int(seconds)) s") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @discardableResult
    func script(_ source: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "/execute/sync", ["script": source, "args": arguments])
    }

    @discardableResult
    func asyncScript(_ source: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "/execute/async", ["script": source, "args": arguments])
    }

    /// Picks `code` in the page's language menu, once the menu is there.
    func chooseLanguage(_ code: String) throws {
        try wait(for: "#language")
        try script("""
            const select = document.getElementById('language');
            select.value = arguments[0];
            select.dispatchEvent(new Event('change'));
            """, [code])
    }

    /// Presses keys one after another (WebDriver key codes, e.g. `Key.tab`), as a keyboard user does.
    func press(_ keys: String...) throws {
        let actions = keys.flatMap { [["type": "keyDown", "value": $0], ["type": "keyUp", "value": $0]] }
        try command("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
    }

    func resize(width: Int, height: Int = 900) throws {
        try command("POST", "/window/rect", ["width": width, "height": height])
    }

    func screenshot() throws -> Data {
        guard let encoded = try command("GET", "/screenshot") as? String, let data = Data(base64Encoded: encoded) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    /// Browser console entries since the last call (chromedriver's log extension).
    func consoleEntries() throws -> [(level: String, message: String)] {
        let entries = try command("POST", "/se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return entries.map { ($0["level"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    /// Opens a new tab sharing this session's cookies and switches to it; returns the previous tab's handle.
    @discardableResult
    func newTab() throws -> String {
        let previous = try command("GET", "/window") as? String ?? ""
        guard let handle = (try command("POST", "/window/new", ["type": "tab"]) as? [String: Any])?["handle"] as? String else {
            throw Failure(description: "no new tab")
        }
        try switchTo(tab: handle)
        return previous
    }

    func switchTo(tab handle: String) throws {
        try command("POST", "/window", ["handle": handle])
    }

    enum Key {
        static let tab = "\u{E004}"
        static let enter = "\u{E007}"
        static let space = "\u{E00D}"
        static let down = "\u{E015}"
    }
}

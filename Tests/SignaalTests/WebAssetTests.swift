import Foundation
import Testing

/// The front end's files: every module import and string file is served, languages have the same keys,
/// and no page needs inline scripts or styles (the CSP forbids them).
@Suite(.cleansUp)
struct WebAssetTests {
    static func files(withSuffix suffix: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: Package.web)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(suffix) { found.append(path) }
        }
        return found.sorted()
    }

    @Test func everyImportAndPage_isServedWithItsType() async throws {
        let app = try RunningApp.start()
        for script in try Self.files(withSuffix: ".js") {
            let response = try await app.request("GET", "/\(script)")
            #expect(response.status == 200, "\(script)")
            #expect(response.headers["content-type"] == "text/javascript; charset=utf-8")
            for line in response.text.split(separator: "\n") where line.hasPrefix("import ") {
                guard let quoted = line.split(separator: "\"").dropFirst().first else { continue }
                let target = URL(fileURLWithPath: "/" + script).deletingLastPathComponent().appendingPathComponent(String(quoted)).standardized.path
                #expect(try await app.request("GET", target).status == 200, "\(script) imports \(quoted)")
            }
        }
        // Views load on demand through `lazy("file", "function")`; each must exist and export that function.
        let shell = try String(contentsOfFile: Package.web + "/js/app.js", encoding: .utf8)
        let lazyViews = shell.components(separatedBy: "lazy(\"").dropFirst().map { $0.split(separator: "\"") }
        #expect(lazyViews.count >= 9)
        for parts in lazyViews {
            let source = try await app.request("GET", "/js/views/\(parts[0]).js")
            #expect(source.status == 200, "view \(parts[0])")
            #expect(source.text.contains("export async function \(parts[2])(") || source.text.contains("export function \(parts[2])("), "\(parts[0]) exports \(parts[2])")
        }
        for page in try Self.files(withSuffix: ".html") {
            let html = try await app.request("GET", "/\(page)").text
            #expect(!html.contains("<script>") && !html.contains(" style=") && !html.contains("<style"), "\(page) has inline code")
        }
        await app.application.shutdown()
    }

    @Test func interfaceLanguages_haveTheSameKeys_andAreOfferedByTheirFiles() async throws {
        func keys(_ language: String) throws -> Set<String> {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(Package.web)/i18n/\(language).json"))
            return Set((try JSONSerialization.jsonObject(with: data) as? [String: String] ?? [:]).keys)
        }
        #expect(try keys("nl").count > 50)
        let app = try RunningApp.start()
        let offered = try #require(try await app.request("GET", "/i18n/languages.json").json?["languages"] as? [[String: String]])
        await app.application.shutdown()
        #expect(offered.first?["code"] == "nl" && offered.first?["name"] == "Nederlands", "Dutch first")
        #expect(Set(offered.compactMap { $0["code"] }) == ["nl", "en", "pl", "ro", "bg", "uk", "es", "pt", "tr", "ar"])
        #expect(offered.filter { $0["direction"] == "rtl" }.map { $0["code"] } == ["ar"], "Arabic, and only Arabic, is right to left")
        for file in try Self.files(withSuffix: ".json").filter({ $0.hasPrefix("i18n/") && !$0.hasPrefix("i18n/errors/") }) {
            let language = String(file.dropFirst("i18n/".count).dropLast(".json".count))
            #expect(try keys(language) == keys("nl"), "\(language) has the same keys as nl")
            #expect(offered.contains { $0["code"] == language && !($0["name"] ?? "").isEmpty }, "\(language) is offered by its own name")
            let placeholders = { (text: String) in Set(text.components(separatedBy: "{").dropFirst().compactMap { $0.split(separator: "}").first }) }
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(Package.web)/\(file)"))
            let strings = try JSONSerialization.jsonObject(with: data) as? [String: String] ?? [:]
            let dutch = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Package.web)/i18n/nl.json"))) as? [String: String] ?? [:]
            for (key, text) in strings {
                #expect(placeholders(text) == placeholders(dutch[key] ?? ""), "\(language) \(key) keeps its placeholders")
            }
        }
    }

    /// Every error code a handler can answer with has its words in every interface language (the API
    /// answers in them; the pages show them). Codes are read off the sources: `APIError(…, "code", …)`,
    /// `.badRequest("code", …)` and the like, and the domain errors' `case … : "code"` mappings.
    @Test func everyErrorCode_isWordedInEveryLanguage() throws {
        var codes = Set<String>()
        let patterns = [#"APIError\(\.[a-zA-Z]+, "([a-z_]+)""#, #"(?:badRequest|unprocessable|conflict)\("([a-z_]+)""#, #"case [^\n]*: "([a-z_]+)""#]
        let enumerator = FileManager.default.enumerator(atPath: Package.root + "/Sources/Signaal")
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let source = try String(contentsOfFile: Package.root + "/Sources/Signaal/" + path, encoding: .utf8)
            guard path.hasSuffix("DomainErrors.swift") || source.contains("APIError") else { continue }
            for pattern in patterns.prefix(path.hasSuffix("DomainErrors.swift") ? 3 : 2) {
                let expression = try NSRegularExpression(pattern: pattern)
                for match in expression.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                    codes.insert(String(source[Range(match.range(at: 1), in: source)!]))
                }
            }
        }
        #expect(codes.count > 30 && codes.contains("not_eligible") && codes.contains("csrf_token_missing"), "\(codes.sorted())")
        // The API's words live in `i18n/errors/<language>.json`, one file for each interface language.
        let languages = try Self.files(withSuffix: ".json").filter { $0.hasPrefix("i18n/") && !$0.hasPrefix("i18n/errors/") }
        #expect(languages.count == 10)
        for file in languages {
            let errors = "\(Package.web)/i18n/errors/\(file.dropFirst("i18n/".count))"
            let strings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: errors))) as? [String: String] ?? [:]
            let missing = codes.filter { strings["error." + $0] == nil }.sorted()
            #expect(missing.isEmpty, "\(errors) has no words for \(missing)")
            let dutch = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Package.web)/i18n/errors/nl.json"))) as? [String: String] ?? [:]
            #expect(Set(strings.keys) == Set(dutch.keys), "\(errors) has the keys of errors/nl.json")
        }
    }

    /// The favicon and the app icons the manifest names are served, PNGs at the sizes the manifest says.
    @Test func favicon_andTheManifestsIcons_areServedAtTheirSizes() async throws {
        let app = try RunningApp.start()
        let favicon = try await app.request("GET", "/favicon.ico")
        #expect(favicon.status == 200 && favicon.headers["content-type"] == "image/x-icon")
        #expect(Array(favicon.body.prefix(4)) == [0, 0, 1, 0], "an ICO header")
        let manifest = try #require(try await app.request("GET", "/manifest.webmanifest").json)
        let icons = try #require(manifest["icons"] as? [[String: String]])
        #expect(icons.contains { $0["purpose"] == "maskable" } && icons.contains { $0["sizes"] == "512x512" } && icons.contains { $0["sizes"] == "192x192" })
        for icon in icons {
            let file = try await app.request("GET", try #require(icon["src"]))
            #expect(file.status == 200 && file.headers["content-type"] == icon["type"], "\(icon)")
            guard icon["type"] == "image/png" else { continue }
            // PNG: the width and height are the big-endian words at bytes 16 and 20.
            let word = { (at: Int) in file.body[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            #expect("\(word(16))x\(word(20))" == icon["sizes"], "\(icon)")
        }
        let shell = try await app.request("GET", "/").text
        #expect(shell.contains(#"href="/favicon.ico""#) && shell.contains(#"rel="apple-touch-icon" href="/icons/apple-touch-icon.png""#))
        #expect(try await app.request("GET", "/icons/apple-touch-icon.png").status == 200)
        await app.application.shutdown()
    }

    @Test func serviceWorker_keepsEveryScriptAndLanguageOfTheShell() throws {
        let worker = try String(contentsOfFile: Package.web + "/sw.js", encoding: .utf8)
        let shell = try #require(worker.range(of: "const shell = [").map { worker[$0.upperBound...] }?.prefix { $0 != "]" })
        let listed = Set(shell.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
        let needed = try Self.files(withSuffix: ".js").filter { $0.hasPrefix("js/") }.map { "/" + $0 }
            + ["/", "/css/app.css", "/manifest.webmanifest", "/i18n/languages.json", "/i18n/nl.json", "/i18n/en.json"]
        #expect(needed.filter { !listed.contains($0) }.isEmpty, "missing from the service worker's shell: \(needed.filter { !listed.contains($0) })")
        #expect(listed.allSatisfy { $0 == "/" || $0 == "/i18n/languages.json" || FileManager.default.fileExists(atPath: Package.web + $0) },
                "listed but absent")
    }
}

import Foundation
@testable import HTTP
import TestSupport
import Testing
import Threads

/// Static files from a temporary folder, with a secret file and a symlink outside it.
@Suite(.cleansUp)
struct StaticFilesTests {
    let base: String
    let web: String

    init() throws {
        base = NSTemporaryDirectory() + "static-\(UUID().uuidString)"
        web = base + "/web"
        let files = FileManager.default
        try files.createDirectory(atPath: web + "/app", withIntermediateDirectories: true)
        try "<h1>home</h1>".write(toFile: web + "/index.html", atomically: true, encoding: .utf8)
        try "export const a = 1;".write(toFile: web + "/app/main.js", atomically: true, encoding: .utf8)
        try "<p>app</p>".write(toFile: web + "/app/index.html", atomically: true, encoding: .utf8)
        try "secret".write(toFile: base + "/secret.txt", atomically: true, encoding: .utf8)
        try files.createSymbolicLink(atPath: web + "/link.txt", withDestinationPath: base + "/secret.txt")
        try "hidden".write(toFile: web + "/.env", atomically: true, encoding: .utf8)
    }

    func resolve(_ path: String) throws -> String? {
        let root = try StaticFiles(folder: web, pool: BlockingPool(name: "t", threadCount: 1)).root
        return StaticFiles.resolve(path, under: root)
    }

    @Test func filesAndFolderIndexes_resolve() throws {
        #expect(try resolve("/")?.hasSuffix("/web/index.html") == true)
        #expect(try resolve("/app")?.hasSuffix("/web/app/index.html") == true)
        #expect(try resolve("/app/main.js")?.hasSuffix("/web/app/main.js") == true)
        #expect(try resolve("/app/%6dain.js")?.hasSuffix("/web/app/main.js") == true)
    }

    @Test(arguments: ["/../secret.txt", "/app/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
                      "/app%2f..%2f..%2fsecret.txt", "/app%5c..%5csecret.txt", "/index.html%00.js", "/link.txt",
                      "/.env", "/missing.html", "/app/..", "relative"])
    func traversalAndHiddenPaths_doNotResolve(path: String) throws {
        #expect(try resolve(path) == nil)
    }

    @Test func mediaTypes_followExtensions() {
        #expect(StaticFiles.mediaType(of: "/a/b.html") == "text/html; charset=utf-8")
        #expect(StaticFiles.mediaType(of: "/a/b.js") == "text/javascript; charset=utf-8")
        #expect(StaticFiles.mediaType(of: "/a/b.css") == "text/css; charset=utf-8")
        #expect(StaticFiles.mediaType(of: "/a/b.svg") == "image/svg+xml")
        #expect(StaticFiles.mediaType(of: "/a/b.webmanifest") == "application/manifest+json")
        #expect(StaticFiles.mediaType(of: "/a/noext") == "application/octet-stream")
    }

    @Test func etag_answers304_whenUnchanged() async throws {
        let files = try StaticFiles(folder: web, pool: BlockingPool(name: "t", threadCount: 1))
        let first = await files.respond(to: HTTPRequest(method: .get, path: "/app/main.js"))
        #expect(first.status == .ok)
        #expect(first.headers["content-type"] == "text/javascript; charset=utf-8")
        let etag = try #require(first.headers["etag"])
        let second = await files.respond(to: HTTPRequest(method: .get, path: "/app/main.js", headers: ["if-none-match": etag]))
        #expect(second.status == .notModified)
        #expect(second.body.isEmpty)
        let other = await files.respond(to: HTTPRequest(method: .get, path: "/app/main.js", headers: ["if-none-match": "\"nope\""]))
        #expect(other.status == .ok)
    }
}

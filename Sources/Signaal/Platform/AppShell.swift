import HTTP

/// The web front end's files, and the pages reached by link (first-admin setup, invite, poster
/// sign-up), which are views of the same app shell.
struct AppShell: Sendable {
    let files: StaticFiles

    func page(_ request: HTTPRequest) async throws -> HTTPResponse {
        var page = request
        page.path = "/index.html"
        return await files.respond(to: page)
    }

    func file(_ request: HTTPRequest) async throws -> HTTPResponse {
        await files.respond(to: request)
    }
}

import HTTP

/// Adds `Strict-Transport-Security` to every answer of a site served over HTTPS (a https public URL, or
/// a trusted proxy saying the request came over HTTPS), so browsers never fall back to plain HTTP.
struct TransportSecurity: HTTPResponder {
    let pages: Router
    let sessions: SessionSettings
    let publicURLIsHTTPS: Bool

    /// One year, the value browsers' preload lists expect.
    static let header = "max-age=31536000"

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        var response = await pages.respond(to: request)
        if publicURLIsHTTPS || sessions.cameOverHTTPS(request) {
            response.headers.replaceOrAdd(name: "strict-transport-security", value: Self.header)
        }
        return response
    }

    func bodyLimit(method: HTTPMethod, path: String) -> Int? {
        pages.bodyLimit(method: method, path: path)
    }
}

@testable import HTTP
import Testing

struct RouterTests {
    struct Teapot: HTTPResponseError {
        var status: HTTPStatus { HTTPStatus(code: 418, reasonPhrase: "I'm a teapot") }
        var code: String { "teapot" }
        var message: String { "Short and stout." }
        var headers: HTTPHeaders { ["retry-after": "5"] }
    }

    static func makeRouter() -> Router {
        var router = Router()
        router.add(.get, "/api/v1/businesses/{id}") { request in .text("business \(request.parameters["id"] ?? "")") }
        router.add(.patch, "/api/v1/businesses/{id}") { _ in .text("patched") }
        router.add(.get, "/api/v1/businesses/mine") { _ in .text("mine") }
        router.add(.get, "/api/v1/businesses/{id}/employees/{employeeId}") { request in
            .text("\(request.parameters["id"]!)/\(request.parameters["employeeId"]!)")
        }
        router.add(.post, "/teapot") { _ in throw Teapot() }
        router.add(.post, "/crash") { _ in throw CancellationError() }
        router.add(.post, "/import", bodyLimit: 5_000_000) { _ in .text("ok") }
        return router
    }

    func send(_ method: HTTPMethod, _ path: String, router: Router = makeRouter()) async -> HTTPResponse {
        await router.respond(to: HTTPRequest(method: method, path: path))
    }

    @Test func pathParameters_areExtractedAndDecoded() async {
        #expect(await send(.get, "/api/v1/businesses/42").body == Array("business 42".utf8))
        #expect(await send(.get, "/api/v1/businesses/a%20b").body == Array("business a b".utf8))
        #expect(await send(.get, "/api/v1/businesses/7/employees/9").body == Array("7/9".utf8))
    }

    @Test func literalSegment_winsOverParameter() async {
        #expect(await send(.get, "/api/v1/businesses/mine").body == Array("mine".utf8))
    }

    @Test func unknownPath_is404WithJSONError() async {
        let response = await send(.get, "/api/v1/nothing")
        #expect(response.status == .notFound)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":{"code":"not_found","message":"No resource at this path."}}"#)
        #expect(await send(.get, "/api/v1/businesses/").status == .notFound)
    }

    @Test func knownPathWithOtherMethod_is405WithAllow() async {
        let response = await send(.delete, "/api/v1/businesses/3")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["allow"] == "GET, HEAD, PATCH")
        #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
        #expect(await send(.trace, "/api/v1/businesses/3").status == .methodNotAllowed, "TRACE is refused like any method no route takes")
    }

    @Test func head_isServedByGet() async {
        #expect(await send(.head, "/api/v1/businesses/1").status == .ok)
    }

    @Test func thrownErrors_becomeJSONAnswers() async throws {
        let teapot = await send(.post, "/teapot")
        #expect(teapot.status.code == 418)
        #expect(teapot.headers["retry-after"] == "5")
        #expect(String(decoding: teapot.body, as: UTF8.self).contains(#""code":"teapot""#))
        let crash = await send(.post, "/crash")
        #expect(crash.status == .internalServerError)
        #expect(String(decoding: crash.body, as: UTF8.self).contains("internal_error"))
        // The answer carries the id the log line names.
        let requestID = try #require(crash.headers["x-request-id"])
        #expect(String(decoding: crash.body, as: UTF8.self).contains("request \(requestID)"))
    }

    @Test func routePattern_isRecordedForMetrics() async {
        #expect(await send(.get, "/api/v1/businesses/42").routePattern == "/api/v1/businesses/{id}")
    }

    @Test func bodyLimit_comesFromTheRoute() {
        let router = Self.makeRouter()
        #expect(router.bodyLimit(method: .post, path: "/import") == 5_000_000)
        #expect(router.bodyLimit(method: .post, path: "/teapot") == nil)
    }

    @Test func fallback_servesUnmatchedGets() async {
        var router = Self.makeRouter()
        router.fallback = { _ in .text("static") }
        #expect(await send(.get, "/index.html", router: router).body == Array("static".utf8))
        #expect(await send(.post, "/index.html", router: router).status == .notFound)
    }
}

@testable import HTTP
import Testing

/// The RFC 9112 rules, fed whole and split at every byte.
struct RequestParserTests {
    enum Outcome: Equatable {
        case request(String, String, String)
        case continueExpected
        case failure(ParseError)
    }

    /// Every outcome of feeding `input` in pieces of `pieceSize` bytes (0: all at once).
    static func outcomes(_ input: String, pieceSize: Int = 0, limits: ParserLimits = ParserLimits(),
                         bodyLimit: (@Sendable (HTTPMethod, String) -> Int)? = nil) -> [Outcome] {
        var parser = RequestParser(limits: limits, bodyLimit: bodyLimit)
        let bytes = Array(input.utf8)
        let size = pieceSize == 0 ? max(bytes.count, 1) : pieceSize
        var results: [Outcome] = []
        var start = 0
        while start < bytes.count {
            var piece = Array(bytes[start..<min(start + size, bytes.count)])
            start += size
            loop: while true {
                let result = parser.parse(piece)
                piece = []
                switch result {
                case .needMoreData: break loop
                case .continueExpected: results.append(.continueExpected)
                case .request(let request):
                    results.append(.request(request.method.rawValue, request.path, String(decoding: request.body, as: UTF8.self)))
                case .failure(let error):
                    results.append(.failure(error))
                    return results
                }
            }
        }
        return results
    }

    /// The outcomes are the same whether the input arrives at once or one byte at a time.
    static func expectSameSplit(_ input: String, _ expected: [Outcome], limits: ParserLimits = ParserLimits(),
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcomes(input, limits: limits) == expected, sourceLocation: sourceLocation)
        #expect(outcomes(input, pieceSize: 1, limits: limits) == expected, sourceLocation: sourceLocation)
    }

    @Test func simpleGet_parsesMethodPathAndQuery() {
        var parser = RequestParser()
        guard case .request(let request) = parser.parse(Array("GET /a/b?x=1&y=two%20words HTTP/1.1\r\nHost: h\r\nX-Thing:  v \r\n\r\n".utf8)) else {
            Issue.record("no request")
            return
        }
        #expect(request.method == .get)
        #expect(request.path == "/a/b")
        #expect(request.query == "x=1&y=two%20words")
        #expect(request.queryParameters == ["x": "1", "y": "two words"])
        #expect(request.headers["x-thing"] == "v")
        #expect(request.headers["X-THING"] == "v")
        #expect(request.keepAlive)
    }

    @Test func pipelinedRequests_comeOutInOrder_atOnceAndByteByByte() {
        let input = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /3 HTTP/1.1\r\nHost: h\r\n\r\n"
        Self.expectSameSplit(input, [.request("GET", "/1", ""), .request("POST", "/2", "abc"), .request("GET", "/3", "")])
    }

    @Test func chunkedBody_isReassembled_withExtensionsAndTrailers() {
        let input = "POST /u HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
        Self.expectSameSplit(input, [.request("POST", "/u", "hello world")])
    }

    @Test func contentLengthWithTransferEncoding_is400() {
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                             [.failure(.lengthAndTransferEncoding)])
        #expect(ParseError.lengthAndTransferEncoding.status == .badRequest)
    }

    @Test func differingContentLengths_are400_identicalOnesAccepted() {
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", [.failure(.invalidContentLength)])
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\n", [.failure(.invalidContentLength)])
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", [.request("POST", "/", "abc")])
    }

    @Test(arguments: ["+5", "-1", "5 5", "0x5", "", "99999999999999999999999", "5a"])
    func contentLengthThatIsNotPlainDigits_is400(value: String) {
        let outcome = Self.outcomes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(value)\r\n\r\n")
        #expect(outcome == [.failure(.invalidContentLength)])
        #expect(ParseError.invalidContentLength.status.code == 400)
    }

    @Test(arguments: ["gzip", "gzip, chunked", "chunked, gzip", "chunked, chunked", "identity"])
    func transferEncodingOtherThanFinalChunked_is501(value: String) {
        #expect(Self.outcomes("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \(value)\r\n\r\n") == [.failure(.unsupportedTransferEncoding)])
        #expect(ParseError.unsupportedTransferEncoding.status.code == 501)
    }

    @Test func chunkSizeOverflow_isRefused_notWrapped() {
        let outcome = Self.outcomes("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n")
        #expect(outcome == [.failure(.bodyTooLarge)])
    }

    @Test func malformedChunks_are400() {
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", [.failure(.malformedChunk)])
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY", [.failure(.malformedChunk)])
    }

    @Test func chunkExtensionsAndTrailers_areBounded() {
        let longExtension = String(repeating: "x", count: 2000)
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;\(longExtension)\r\n", [.failure(.chunkLineTooLarge)])
        let bigTrailer = "X-T: " + String(repeating: "t", count: 9000) + "\r\n"
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\(bigTrailer)\r\n", [.failure(.trailersTooLarge)])
        #expect(ParseError.trailersTooLarge.status.code == 431)
    }

    @Test func obsoleteFoldingAndWhitespaceBeforeColon_are400() {
        Self.expectSameSplit("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n  two\r\n\r\n", [.failure(.obsoleteLineFolding)])
        Self.expectSameSplit("GET / HTTP/1.1\r\nHost: h\r\nX-A : one\r\n\r\n", [.failure(.whitespaceBeforeColon)])
        #expect(ParseError.obsoleteLineFolding.status.code == 400)
        #expect(ParseError.whitespaceBeforeColon.status.code == 400)
    }

    @Test func bareLineFeedAndControlCharacters_are400() {
        Self.expectSameSplit("GET / HTTP/1.1\nHost: h\r\n\r\n", [.failure(.malformedHeader)])
        Self.expectSameSplit("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{1}b\r\n\r\n", [.failure(.malformedHeader)])
    }

    @Test func http11WithoutHost_is400_http10WithoutHostIsFine() {
        Self.expectSameSplit("GET / HTTP/1.1\r\n\r\n", [.failure(.missingHost)])
        Self.expectSameSplit("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", [.failure(.multipleHost)])
        Self.expectSameSplit("GET / HTTP/1.0\r\n\r\n", [.request("GET", "/", "")])
    }

    @Test func unknownMethod_is501_malformedMethodIs400() {
        Self.expectSameSplit("BREW /pot HTTP/1.1\r\nHost: h\r\n\r\n", [.failure(.unknownMethod)])
        Self.expectSameSplit("PROPFIND / HTTP/1.1\r\nHost: h\r\n\r\n", [.failure(.unknownMethod)])
        Self.expectSameSplit("TRACE / HTTP/1.1\r\nHost: h\r\n\r\n", [.request("TRACE", "/", "")])
        Self.expectSameSplit("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", [.failure(.malformedRequestLine)])
        #expect(ParseError.unknownMethod.status.code == 501)
    }

    @Test func versions_otherMajorIs505_garbageIs400() {
        Self.expectSameSplit("GET / HTTP/2.0\r\nHost: h\r\n\r\n", [.failure(.unsupportedVersion)])
        Self.expectSameSplit("GET / HTTX/1.1\r\nHost: h\r\n\r\n", [.failure(.malformedRequestLine)])
        Self.expectSameSplit("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", [.failure(.malformedRequestLine)])
        Self.expectSameSplit("GET nopath HTTP/1.1\r\nHost: h\r\n\r\n", [.failure(.invalidTarget)])
    }

    @Test func headOver16KiB_is431_justUnderIsAccepted() {
        let prefix = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: "
        let fits = 16 * 1024 - prefix.utf8.count - 4
        Self.expectSameSplit(prefix + String(repeating: "a", count: fits) + "\r\n\r\n", [.request("GET", "/", "")])
        Self.expectSameSplit(prefix + String(repeating: "a", count: fits + 1) + "\r\n\r\n", [.failure(.headTooLarge)])
        // Refused as the bytes arrive, before any line end is seen.
        #expect(Self.outcomes("GET /" + String(repeating: "a", count: 17 * 1024)) == [.failure(.headTooLarge)])
        #expect(ParseError.headTooLarge.status.code == 431)
    }

    @Test func moreThan100Headers_is431() {
        let headers = (0..<99).map { "X-\($0): v\r\n" }.joined()
        Self.expectSameSplit("GET / HTTP/1.1\r\nHost: h\r\n\(headers)\r\n", [.request("GET", "/", "")])
        Self.expectSameSplit("GET / HTTP/1.1\r\nHost: h\r\n\(headers)X-Last: v\r\n\r\n", [.failure(.tooManyHeaders)])
        #expect(ParseError.tooManyHeaders.status.code == 431)
    }

    @Test func bodyOverLimit_is413_forLengthAndChunked() {
        var limits = ParserLimits()
        limits.maxBodyBytes = 10
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", [.failure(.bodyTooLarge)], limits: limits)
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\nghijk\r\n", [.failure(.bodyTooLarge)], limits: limits)
        Self.expectSameSplit("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", [.request("POST", "/", "0123456789")], limits: limits)
        #expect(ParseError.bodyTooLarge.status.code == 413)
    }

    @Test func routeBodyLimit_overridesDefault() {
        let outcome = Self.outcomes("POST /import HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n",
                                    bodyLimit: { _, path in path == "/import" ? 5_000_000 : 1 << 20 })
        #expect(outcome.isEmpty)  // waiting for the body, not refused
        #expect(Self.outcomes("POST /other HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n",
                              bodyLimit: { _, path in path == "/import" ? 5_000_000 : 1 << 20 }) == [.failure(.bodyTooLarge)])
    }

    @Test func expectContinue_asksForContinueOnce_thenReadsBody() {
        var parser = RequestParser()
        guard case .continueExpected = parser.parse(Array("PUT /f HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8)) else {
            Issue.record("expected continue")
            return
        }
        guard case .needMoreData = parser.parse([]) else { Issue.record("should wait"); return }
        guard case .request(let request) = parser.parse(Array("ok".utf8)) else { Issue.record("no request"); return }
        #expect(request.body == Array("ok".utf8))
        Self.expectSameSplit("PUT /f HTTP/1.1\r\nHost: h\r\nExpect: teapot\r\n\r\n", [.failure(.unsupportedExpectation)])
    }

    @Test func connectionTokens_decideKeepAlive() {
        func keepAlive(_ text: String) -> Bool? {
            var parser = RequestParser()
            if case .request(let request) = parser.parse(Array(text.utf8)) { return request.keepAlive }
            return nil
        }
        #expect(keepAlive("GET / HTTP/1.1\r\nHost: h\r\n\r\n") == true)
        #expect(keepAlive("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.0\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") == true)
    }

    @Test func absoluteFormTarget_usesItsPath() {
        Self.expectSameSplit("GET http://example.org/x/y?q=1 HTTP/1.1\r\nHost: example.org\r\n\r\n", [.request("GET", "/x/y", "")])
    }
}

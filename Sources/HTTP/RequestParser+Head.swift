/// Request-line, header and chunk-size rules of RFC 9112, used by `RequestParser`'s states.
extension RequestParser {
    /// `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<Head, ParseError> {
        let parts = line.split(separator: .space, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { return .failure(.malformedRequestLine) }
        guard parts[0].allSatisfy(\.isTokenCharacter) else { return .failure(.malformedRequestLine) }
        let version: HTTPVersion
        switch parseVersion(parts[2]) {
        case .success(let parsed): version = parsed
        case .failure(let error): return .failure(error)
        }
        guard let method = HTTPMethod(bytes: parts[0]) else { return .failure(.unknownMethod) }
        guard let (path, query) = parseTarget(parts[1], method: method) else { return .failure(.invalidTarget) }
        return .success(Head(method: method, path: path, query: query, version: version))
    }

    private func parseVersion(_ bytes: ArraySlice<UInt8>) -> Result<HTTPVersion, ParseError> {
        let text = Array(bytes)
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), text[6] == UInt8(ascii: "."),
              let major = text[5].digitValue, let minor = text[7].digitValue
        else { return .failure(.malformedRequestLine) }
        guard major == 1 else { return .failure(.unsupportedVersion) }
        return .success(minor == 0 ? .http1_0 : .http1_1)
    }

    /// Origin-form (`/path?query`), absolute-form (`http://host/path`) or `*` for OPTIONS.
    private func parseTarget(_ bytes: ArraySlice<UInt8>, method: HTTPMethod) -> (String, String)? {
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        var target = String(decoding: bytes, as: UTF8.self)
        if target == "*" { return method == .options ? ("*", "") : nil }
        if !target.hasPrefix("/") {
            let lowered = target.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return nil }
            let afterScheme = target[target.index(after: target.firstIndex(of: ":")!)...].dropFirst(2)
            target = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        }
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// One `name: value` line; obs-fold and whitespace before the colon are refused (RFC 9112 §5).
    mutating func addHeader(_ line: ArraySlice<UInt8>) -> ParseError? {
        if let error = validateFieldLine(line) { return error }
        guard head!.headers.fields.count < limits.maxHeaderCount else { return .tooManyHeaders }
        let colon = line.firstIndex(of: .colon)!
        let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
        var valueStart = colon + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd, line[valueStart] == .space || line[valueStart] == .tab { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == .space || line[valueEnd - 1] == .tab { valueEnd -= 1 }
        head!.headers.add(name: name, value: String(decoding: line[valueStart..<valueEnd], as: UTF8.self))
        return nil
    }

    /// Checks a header or trailer line without storing it.
    func validateFieldLine(_ line: ArraySlice<UInt8>) -> ParseError? {
        guard let first = line.first else { return .malformedHeader }
        if first == .space || first == .tab { return .obsoleteLineFolding }
        guard let colon = line.firstIndex(of: .colon), colon > line.startIndex else { return .malformedHeader }
        let name = line[line.startIndex..<colon]
        if let last = name.last, last == .space || last == .tab { return .whitespaceBeforeColon }
        guard name.allSatisfy(\.isTokenCharacter) else { return .malformedHeader }
        let valueIsClean = line[(colon + 1)...].allSatisfy { $0 == .tab || ($0 >= 0x20 && $0 != 0x7F) }
        return valueIsClean ? nil : .malformedHeader
    }

    /// Decides how the body is framed once the header section has ended (RFC 9112 §6).
    mutating func finishHead() -> ParseError? {
        guard var current = head else { return .malformedRequestLine }
        let headers = current.headers
        let hosts = headers.values("host")
        if hosts.count > 1 { return .multipleHost }
        if current.version == .http1_1, hosts.isEmpty { return .missingHost }

        let lengths = headers.values("content-length")
        let codings = headers.values("transfer-encoding")
        if !lengths.isEmpty, !codings.isEmpty { return .lengthAndTransferEncoding }

        current.bodyLimit = bodyLimit(current.method, current.path)
        var framing = State.fixedBody(remaining: 0)
        if !codings.isEmpty {
            let tokens = codings.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace().lowercased() }
            guard tokens == ["chunked"] else { return .unsupportedTransferEncoding }
            framing = .chunkSize
        } else if !lengths.isEmpty {
            guard let length = Self.contentLength(lengths) else { return .invalidContentLength }
            if length > current.bodyLimit { return .bodyTooLarge }
            framing = .fixedBody(remaining: length)
        }

        if let expectation = headers["expect"] {
            guard expectation.lowercased() == "100-continue" else { return .unsupportedExpectation }
            current.expectsContinue = current.version == .http1_1
        }
        head = current
        state = framing
        return nil
    }

    /// The one value all `Content-Length` fields agree on, or nil (RFC 9112 §6.3, rule 5).
    static func contentLength(_ values: [String]) -> Int? {
        var result: Int?
        for item in values.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = item.trimmingWhitespace()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0.digitValue != nil }), digits.utf8.count <= 18,
                  let value = Int(digits)
            else { return nil }
            if let result, result != value { return nil }
            result = value
        }
        return result
    }

    /// `chunk-size [ chunk-ext ]` in hex with an overflow check (RFC 9112 §7.1).
    func parseChunkSize(_ line: ArraySlice<UInt8>) -> Result<Int, ParseError> {
        var size = 0
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, let value = PercentDecoding.hexValue(line[index]) {
            let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
            guard !overflow, digits < 15 else { return .failure(.bodyTooLarge) }
            size = shifted + Int(value)
            digits += 1
            index += 1
        }
        guard digits > 0 else { return .failure(.malformedChunk) }
        let rest = line[index...].drop { $0 == .space || $0 == .tab }
        if let first = rest.first, first != UInt8(ascii: ";") { return .failure(.malformedChunk) }
        return .success(size)
    }
}

extension UInt8 {
    /// `tchar` of RFC 9110 §5.6.2.
    var isTokenCharacter: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(self)
        }
    }

    var digitValue: Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self - UInt8(ascii: "0")) : nil
    }
}

/// Why a request could not be parsed; each case maps to one status in `status`.
public enum ParseError: Error, Sendable, Equatable {
    case malformedRequestLine
    case unknownMethod
    case invalidTarget
    case unsupportedVersion
    case headTooLarge
    case tooManyHeaders
    case obsoleteLineFolding
    case whitespaceBeforeColon
    case malformedHeader
    case missingHost
    case multipleHost
    case lengthAndTransferEncoding
    case invalidContentLength
    case unsupportedTransferEncoding
    case malformedChunk
    case chunkLineTooLarge
    case trailersTooLarge
    case bodyTooLarge
    case unsupportedExpectation

    /// The status the server answers with before closing the connection.
    public var status: HTTPStatus {
        switch self {
        case .malformedRequestLine, .invalidTarget, .obsoleteLineFolding, .whitespaceBeforeColon,
             .malformedHeader, .missingHost, .multipleHost, .lengthAndTransferEncoding,
             .invalidContentLength, .malformedChunk, .chunkLineTooLarge:
            .badRequest
        case .unknownMethod, .unsupportedTransferEncoding: .notImplemented
        case .unsupportedVersion: .httpVersionNotSupported
        case .headTooLarge, .tooManyHeaders, .trailersTooLarge: .headerFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedExpectation: .expectationFailed
        }
    }

    /// The `snake_case` code of the JSON error body.
    public var code: String {
        switch self {
        case .malformedRequestLine: "malformed_request_line"
        case .unknownMethod: "method_not_implemented"
        case .invalidTarget: "invalid_request_target"
        case .unsupportedVersion: "http_version_not_supported"
        case .headTooLarge: "headers_too_large"
        case .tooManyHeaders: "too_many_headers"
        case .obsoleteLineFolding: "obsolete_line_folding"
        case .whitespaceBeforeColon: "whitespace_before_colon"
        case .malformedHeader: "malformed_header"
        case .missingHost: "missing_host"
        case .multipleHost: "multiple_host"
        case .lengthAndTransferEncoding: "length_and_transfer_encoding"
        case .invalidContentLength: "invalid_content_length"
        case .unsupportedTransferEncoding: "transfer_encoding_not_implemented"
        case .malformedChunk: "malformed_chunk"
        case .chunkLineTooLarge: "chunk_line_too_large"
        case .trailersTooLarge: "trailers_too_large"
        case .bodyTooLarge: "body_too_large"
        case .unsupportedExpectation: "expectation_failed"
        }
    }

    /// A sentence for the JSON error body.
    public var message: String {
        switch self {
        case .malformedRequestLine: "The request line is not 'METHOD target HTTP/1.x'."
        case .unknownMethod: "This server does not implement that method."
        case .invalidTarget: "The request target is not a valid path."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .headTooLarge: "The request line and headers exceed the size limit."
        case .tooManyHeaders: "The request has too many header fields."
        case .obsoleteLineFolding: "Header values may not be folded over several lines."
        case .whitespaceBeforeColon: "A header name may not be followed by whitespace before the colon."
        case .malformedHeader: "A header field is malformed."
        case .missingHost: "HTTP/1.1 requests need a Host header."
        case .multipleHost: "The request has more than one Host header."
        case .lengthAndTransferEncoding: "Content-Length and Transfer-Encoding may not both be sent."
        case .invalidContentLength: "Content-Length must be one plain decimal number."
        case .unsupportedTransferEncoding: "Only the chunked transfer coding is implemented."
        case .malformedChunk: "The chunked body is malformed."
        case .chunkLineTooLarge: "A chunk size line is too long."
        case .trailersTooLarge: "The trailer section is too large."
        case .bodyTooLarge: "The request body exceeds the size limit."
        case .unsupportedExpectation: "Only 'Expect: 100-continue' is supported."
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-request HTTP/1.1 client over a blocking loopback socket, for tests that run it on a
/// thread of their own. The answer's body is read by its `Content-Length`, by chunks, or to the end
/// of the stream, so it also works against servers that keep the connection open.
public enum BlockingHTTPClient {
    /// An answer: status, header fields and body.
    public struct Response: Sendable {
        public let status: Int
        /// Header fields with lowercased names.
        public let headers: [String: String]
        public let body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    /// Why no answer came: connecting, sending or reading failed, or the answer was malformed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Sends one request to 127.0.0.1:`port` (with `Connection: close`) and reads the answer;
    /// sending and each read give up after `timeoutSeconds`.
    public static func send(port: Int, method: String, path: String, headers: [String: String] = [:],
                            body: [UInt8]? = nil, host: String = "127.0.0.1", timeoutSeconds: Int = 60) throws -> Response {
        let fd: Int32
        do {
            fd = try LoopbackSocket.connect(port: port, receiveTimeout: Double(timeoutSeconds))
        } catch {
            throw Failure(description: "\(error)")
        }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        try write(Array((head + "\r\n").utf8) + (body ?? []), to: fd)
        var reader = StreamReader(fd: fd)
        return try reader.response(to: method, path: path)
    }

    private static func write(_ bytes: [UInt8], to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads one response from a socket, buffering what arrives beyond the part asked for.
    private struct StreamReader {
        let fd: Int32
        var buffer: [UInt8] = []
        var ended = false
        var endReason = "end of stream"

        init(fd: Int32) { self.fd = fd }

        mutating func response(to method: String, path: String) throws -> Response {
            guard let headLength = try fill(untilFound: Array("\r\n\r\n".utf8)) else {
                throw Failure(description: "no response head (\(buffer.count) bytes, \(endReason)) for \(method) \(path)")
            }
            var lines = String(decoding: take(headLength), as: UTF8.self).components(separatedBy: "\r\n")
            _ = take(4)
            let statusLine = lines.removeFirst().split(separator: " ")
            let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
            var fields: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let body: [UInt8]
            if method == "HEAD" || status == 204 || status == 304 {
                body = []
            } else if let length = fields["content-length"].flatMap({ Int($0) }) {
                try fill(atLeast: length)
                body = take(length)
            } else if fields["transfer-encoding"]?.lowercased().contains("chunked") == true {
                body = try chunkedBody()
            } else {
                while !ended { try receive() }
                body = take(buffer.count)
            }
            return Response(status: status, headers: fields, body: body)
        }

        private mutating func chunkedBody() throws -> [UInt8] {
            var body: [UInt8] = []
            while true {
                guard let lineLength = try fill(untilFound: [13, 10]) else { throw Failure(description: "cut-off chunk size") }
                let sizeText = String(decoding: take(lineLength), as: UTF8.self).split(separator: ";").first ?? ""
                _ = take(2)
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw Failure(description: "bad chunk size \(sizeText)")
                }
                if size == 0 { return body }
                try fill(atLeast: size + 2)
                body += take(size)
                _ = take(2)
            }
        }

        private mutating func take(_ count: Int) -> [UInt8] {
            defer { buffer.removeFirst(count) }
            return Array(buffer[..<count])
        }

        private mutating func fill(atLeast count: Int) throws {
            while buffer.count < count {
                guard !ended else { throw Failure(description: "body cut off after \(buffer.count) of \(count) bytes") }
                try receive()
            }
        }

        private mutating func fill(untilFound marker: [UInt8]) throws -> Int? {
            while true {
                if buffer.count >= marker.count,
                   let index = (0...(buffer.count - marker.count)).first(where: { buffer[$0..<($0 + marker.count)].elementsEqual(marker) }) {
                    return index
                }
                if ended { return nil }
                try receive()
            }
        }

        private mutating func receive() throws {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(fd, &chunk, chunk.count, 0)
                if count < 0, errno == EINTR { continue }
                if count < 0 {
                    endReason = "recv errno \(errno)"
                    if errno == EAGAIN || errno == EWOULDBLOCK { throw Failure(description: "timed out waiting for the answer") }
                }
                if count <= 0 { ended = true; return }
                buffer += chunk[..<count]
                return
            }
        }
    }
}

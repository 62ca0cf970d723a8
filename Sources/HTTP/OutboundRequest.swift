import Foundation
import Glibc

/// One plain-HTTP/1.1 request to another server, blocking (call it from a thread of its own): for
/// handing records on to an outside service. The answer's status counts, its body is read and dropped.
/// There is no TLS here; an `https` address goes through a local TLS proxy (for example stunnel).
public struct OutboundRequest: Sendable {
    /// Why the request got no answer.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let url: URL
    public var method = "POST"
    public var headers: [(name: String, value: String)] = []
    public var body: [UInt8] = []
    /// Seconds for connecting, and for each read and write.
    public var timeout: Double = 10

    public init(url: URL) {
        self.url = url
    }

    /// Sends the request and returns the answer's status code.
    public func send() throws -> Int {
        guard url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty else {
            throw Failure(description: "only http:// addresses are supported (use a local TLS proxy for https)")
        }
        let port = url.port ?? 80
        let fd = try Self.connect(host: host, port: port, timeout: timeout)
        defer { close(fd) }
        let path = (url.path.isEmpty ? "/" : url.path) + (url.query.map { "?" + $0 } ?? "")
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\(url.port.map { ":\($0)" } ?? "")\r\nConnection: close\r\n"
        head += "Content-Length: \(body.count)\r\n"
        for (name, value) in headers where !name.contains("\r") && !value.contains("\r") && !value.contains("\n") {
            head += "\(name): \(value)\r\n"
        }
        try Self.write(Array((head + "\r\n").utf8) + body, to: fd)
        return try Self.status(from: fd)
    }

    private static func connect(host: String, port: Int, timeout: Double) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(found) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            if fd >= 0 {
                let seconds = timeout.rounded(.down)
                var interval = timeval(tv_sec: Int(seconds), tv_usec: Int((timeout - seconds) * 1_000_000))
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
                close(fd)
            }
            candidate = info.pointee.ai_next
        }
        throw Failure(description: "cannot connect to \(host):\(port)")
    }

    private static func write(_ bytes: [UInt8], to fd: Int32) throws {
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure(description: "the connection closed while sending") }
            sent += written
        }
    }

    /// The status code of the answer's first line (`HTTP/1.1 204 No Content`); the rest is read and dropped.
    private static func status(from fd: Int32) throws -> Int {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.contains(0x0A) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "no answer") }
            received += buffer[0..<count]
            guard received.count < 65_536 else { throw Failure(description: "the answer's first line is too long") }
        }
        let line = String(decoding: received.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2, line[0].hasPrefix("HTTP/1."), let status = Int(line[1]), (100...599).contains(status) else {
            throw Failure(description: "not an HTTP answer")
        }
        while buffer.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) > 0 {}
        return status
    }
}

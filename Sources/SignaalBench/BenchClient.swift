import Foundation

/// A keep-alive HTTP/1.1 client over one blocking socket, for load from benchmark threads.
final class BenchClient {
    struct Response {
        let status: Int
        let setCookie: String?
        let body: [UInt8]
    }

    struct Failure: Error { let reason: String }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = try Self.connected(port: port)
    }

    /// A connected socket; closed here if connecting fails, so `deinit` alone owns a connected one.
    private static func connected(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let failure = errno
            close(fd)
            throw Failure(reason: "connect: errno \(failure)")
        }
        return fd
    }

    deinit { close(fd) }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: bench\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        try sendRaw(Array((head + "\r\n").utf8) + body)
        let headEnd = try readUntilHeadEnd()
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var status = 0
        var length = 0
        var cookie: String?
        for (index, line) in headText.split(separator: "\r\n").enumerated() {
            if index == 0 { status = Int(line.split(separator: " ")[1]) ?? 0; continue }
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") { length = Int(lower.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
            if lower.hasPrefix("set-cookie:") { cookie = String(line.dropFirst(11)).trimmingCharacters(in: .whitespaces) }
        }
        while buffer.count < length { try fill() }
        let responseBody = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Response(status: status, setCookie: cookie, body: responseBody)
    }

    /// Sends bytes as they are (for clients that misbehave on purpose) without reading anything.
    func sendRaw(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(reason: "send: errno \(errno)") }
            offset += sent
        }
    }

    private func readUntilHeadEnd() throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= 4 {
                var index = searchFrom
                while index + 3 < buffer.count {
                    if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 { return index }
                    index += 1
                }
                searchFrom = max(0, buffer.count - 3)
            }
            try fill()
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        var count = recv(fd, &chunk, chunk.count, 0)
        while count < 0, errno == EINTR { count = recv(fd, &chunk, chunk.count, 0) }
        guard count > 0 else { throw Failure(reason: "connection closed") }
        buffer.append(contentsOf: chunk[..<count])
    }
}

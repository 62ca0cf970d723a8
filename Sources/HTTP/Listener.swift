#if canImport(Glibc)
import Glibc
#endif

/// The listening TCP socket, non-blocking, shared by every event loop.
struct Listener {
    let fd: Int32
    let port: Int

    /// Binds `host:port` (IPv4 or IPv6 literal; port 0 picks a free port) and listens.
    init(host: String, port: Int, backlog: Int) throws {
        var address = sockaddr_storage()
        let family: Int32
        let length: socklen_t
        if host.contains(":") {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            try withUnsafeMutableBytes(of: &address) { raw in
                let v6 = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                v6.pointee.sin6_family = sa_family_t(AF_INET6)
                v6.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET6, host, &v6.pointee.sin6_addr) == 1 else {
                    throw SystemError(call: "inet_pton(\(host))", errno: EINVAL)
                }
            }
        } else {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try withUnsafeMutableBytes(of: &address) { raw in
                let v4 = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                v4.pointee.sin_family = sa_family_t(AF_INET)
                v4.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET, host, &v4.pointee.sin_addr) == 1 else {
                    throw SystemError(call: "inet_pton(\(host))", errno: EINVAL)
                }
            }
        }
        let fd = try SystemCall.check("socket") {
            socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        do {
            SystemCall.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            try SystemCall.check("bind") {
                withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
            }
            try SystemCall.check("listen") { Glibc.listen(fd, Int32(backlog)) }
            var bound = sockaddr_storage()
            var boundLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            try SystemCall.check("getsockname") {
                withUnsafeMutablePointer(to: &bound) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &boundLength) }
                }
            }
            self.fd = fd
            self.port = Int(Self.port(of: bound))
        } catch {
            close(fd)
            throw error
        }
    }

    static func port(of address: sockaddr_storage) -> UInt16 {
        let family = Int32(address.ss_family)
        return withUnsafeBytes(of: address) { raw in
            if family == AF_INET6 {
                return UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
            }
            return UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
        }
    }

    /// The peer's IP address as text.
    static func ipText(of address: sockaddr_storage) -> String {
        let family = Int32(address.ss_family)
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        withUnsafeBytes(of: address) { raw in
            if family == AF_INET6 {
                var v6 = raw.load(as: sockaddr_in6.self).sin6_addr
                _ = inet_ntop(AF_INET6, &v6, &text, socklen_t(text.count))
            } else {
                var v4 = raw.load(as: sockaddr_in.self).sin_addr
                _ = inet_ntop(AF_INET, &v4, &text, socklen_t(text.count))
            }
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

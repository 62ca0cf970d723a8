import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP socket connected to a port on 127.0.0.1, for test clients.
public enum LoopbackSocket {
    /// Why no connection was made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A connected socket whose reads give up after `receiveTimeout` seconds; the caller closes it.
    /// On failure the socket is closed here, so a caller that throws owns nothing to close.
    public static func connect(port: Int, receiveTimeout: Double) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        let seconds = receiveTimeout.rounded(.down)
        var interval = timeval(tv_sec: Int(seconds), tv_usec: Int((receiveTimeout - seconds) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let failure = errno
            close(fd)
            throw Failure(description: "connect to port \(port): errno \(failure)")
        }
        return fd
    }
}

import Glibc

/// An IP address or a CIDR range (`10.0.0.0/8`, `fd00::/8`, `192.0.2.7`), for `--trusted-proxies`.
/// IPv4 addresses written as IPv6 (`::ffff:10.1.2.3`) match IPv4 ranges.
public struct AddressRange: Sendable, Hashable {
    private let network: [UInt8]
    private let prefixLength: Int

    /// Nil when `text` is not an address or a range of one.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = Self.bytes(parts[0]) else { return nil }
        let maximum = address.count * 8
        let length = parts.count == 2 ? Int(parts[1]) : maximum
        guard let length, (0...maximum).contains(length) else { return nil }
        network = address
        prefixLength = length
    }

    /// Whether `address` (as the socket or a forwarded header gives it) lies in this range.
    public func contains(_ address: String) -> Bool {
        guard var candidate = Self.bytes(address) else { return false }
        if candidate.count == 16, network.count == 4, candidate.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] {
            candidate = Array(candidate.suffix(4))
        }
        guard candidate.count == network.count else { return false }
        for bit in 0..<prefixLength where (candidate[bit / 8] ^ network[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 {
            return false
        }
        return true
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address in text.
    private static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

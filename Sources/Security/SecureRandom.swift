#if canImport(Glibc)
import Glibc
import CCrypt
#endif

/// Cryptographically secure random bytes from the kernel (`getrandom`, blocking until the pool is seeded).
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { getrandom($0.baseAddress! + filled, count - filled, 0) }
            if result < 0 {
                precondition(errno == EINTR, "getrandom failed: errno \(errno)")
                continue
            }
            filled += result
        }
        return bytes
    }

    /// A uniformly random integer in `0..<upperBound` (rejection sampling, no modulo bias).
    public static func integer(below upperBound: UInt32) -> UInt32 {
        precondition(upperBound > 0)
        let limit = UInt32.max - UInt32.max % upperBound
        while true {
            let value = bytes(4).withUnsafeBytes { $0.load(as: UInt32.self) }
            if value < limit { return value % upperBound }
        }
    }
}

/// Comparison whose time does not depend on where the inputs differ.
public enum ConstantTime {
    public static func equals(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }
}

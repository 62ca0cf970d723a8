/// A random 256-bit secret (session, invite, setup or API token) and its text form.
///
/// Only `hash` is ever stored; the text goes to its owner once. `description` is redacted so a
/// token cannot leak into logs by accident.
public struct SecretToken: Sendable, Hashable, CustomStringConvertible {
    /// The token as sent to its owner: 43 characters of unpadded base64url.
    public let text: String

    /// A new random token.
    public init() {
        text = Base64URL.encode(SecureRandom.bytes(32))
    }

    /// A token made of 32 given bytes (an HMAC, so the server can make the same token again).
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a token is 32 bytes")
        text = Base64URL.encode(bytes)
    }

    /// A token presented by a client; nil when it is not 43 base64url characters.
    public init?(text: String) {
        guard text.utf8.count == 43, Base64URL.decode(text)?.count == 32 else { return nil }
        self.text = text
    }

    /// SHA-256 of the text: what the database keeps.
    public var hash: [UInt8] { SHA256.hash(Array(text.utf8)) }

    public var description: String { "SecretToken(redacted)" }
}

/// Unpadded base64url (RFC 4648 §5).
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [18, 12, 6, 0].map { alphabet[Int(value >> $0 & 63)] }
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let value = UInt32(bytes[index]) << 16
            out += [18, 12].map { alphabet[Int(value >> $0 & 63)] }
        } else if rest == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [18, 12, 6].map { alphabet[Int(value >> $0 & 63)] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt32] = []
        for byte in text.utf8 {
            guard let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt32(index))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let group = values[index..<min(index + 4, values.count)]
            var value: UInt32 = 0
            for (offset, sextet) in group.enumerated() { value |= sextet << (18 - 6 * UInt32(offset)) }
            let produced = group.count - 1
            for offset in 0..<produced { out.append(UInt8(truncatingIfNeeded: value >> (16 - 8 * UInt32(offset)))) }
            index += 4
        }
        return out
    }
}

/// Lower-case hexadecimal text of bytes.
public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }
}

import Foundation
import Glibc
import Security

/// The audit chain's secret key and its head file, kept outside the database.
///
/// The key file holds 32 random bytes as 64 hex digits, created with mode 0600 on first start; the head
/// file beside it holds the newest entry's sequence number and hash. Both must be backed up apart from
/// the database: with the database alone, nobody can recompute the chain, nor hide its newest entries.
struct AuditKey: Sendable {
    let bytes: [UInt8]
    let path: String

    /// The head file: `<folder of the key>/audit.head`.
    var headPath: String { Self.headPath(besideKey: path) }

    static func headPath(besideKey keyPath: String) -> String { (keyPath as NSString).deletingLastPathComponent + "/audit.head" }

    /// Why the key cannot be used.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads the key at `path`.
    static func load(path: String) throws -> AuditKey {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Problem(description: "the audit key file \(path) is missing; restore it from its backup")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Problem(description: "the audit key file \(path) cannot be read: \(error.localizedDescription)")
        }
        guard let bytes = Self.bytes(fromHex: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw Problem(description: "the audit key file \(path) does not hold 64 hex digits")
        }
        return AuditKey(bytes: bytes, path: path)
    }

    /// Creates a new random key at `path` with mode 0600; fails when a file is already there.
    static func create(path: String) throws -> AuditKey {
        let bytes = SecureRandom.bytes(32)
        try writeExclusively(path, text: hex(bytes) + "\n")
        return AuditKey(bytes: bytes, path: path)
    }

    /// The head as last written, or nil when there is no head file yet.
    func readHead() throws -> AuditLog.Anchor? {
        guard let text = try? String(contentsOfFile: headPath, encoding: .utf8) else { return nil }
        let parts = text.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let seq = Int(parts[0]), let hash = Self.bytes(fromHex: String(parts[1])), hash.count == 32 else {
            throw Problem(description: "the audit head file \(headPath) cannot be read")
        }
        return AuditLog.Anchor(seq: seq, hash: hash)
    }

    /// Replaces the head file atomically (a new file, fsynced, renamed over the old one).
    func writeHead(_ head: AuditLog.Anchor) throws {
        let temporary = headPath + ".new"
        unlink(temporary)
        try Self.writeExclusively(temporary, text: "\(head.seq) \(head.hashHex)\n")
        guard rename(temporary, headPath) == 0 else { throw Problem(description: "rename \(temporary): \(String(cString: strerror(errno)))") }
    }

    /// Creates `path` (failing if it exists) with mode 0600, writes `text` and fsyncs it.
    private static func writeExclusively(_ path: String, text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Problem(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else { throw Problem(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

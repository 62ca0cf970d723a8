import CCrypt
import Synchronization
import Threads

/// yescrypt password hashes through libcrypt, computed on two dedicated threads.
///
/// Each hash costs about 16 MiB and 18 ms, so at most two run at once: a flood of logins queues
/// instead of exhausting memory, and never blocks Swift's cooperative pool.
public final class PasswordHasher: Sendable {
    private let pool: BlockingPool
    private let verified = Atomic<Int>(0)

    /// How many verifications computed a yescrypt hash (refused settings compute none), for tests.
    public var verificationCount: Int { verified.load(ordering: .relaxed) }

    public init(concurrentHashes: Int = 2) {
        pool = BlockingPool(name: "password-hash", threadCount: concurrentHashes)
    }

    /// A new `$y$…` hash of `password` with a fresh random salt.
    public func hash(_ password: String) async throws -> String {
        try await pool.run { try Self.hashNow(password) }
    }

    /// Whether `password` matches `storedHash`. Anything but a well-formed yescrypt hash is refused.
    public func verify(_ password: String, against storedHash: String) async -> Bool {
        (try? await pool.run { [self] in
            let matches = Self.verifyNow(password, against: storedHash)
            // Counted only when yescrypt ran: verifyNow refuses other settings and NUL bytes first.
            if storedHash.hasPrefix("$y$"), !password.utf8.contains(0) { verified.add(1, ordering: .relaxed) }
            return matches
        }) ?? false
    }

    /// Stops the hashing threads once queued work is done; later calls fail.
    public func shutdown() {
        pool.shutdown()
    }

    public struct HashingFailed: Error {}

    static func hashNow(_ password: String) throws -> String {
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        let entropy = SecureRandom.bytes(32).map { CChar(bitPattern: $0) }
        guard crypt_gensalt_rn("$y$", 0, entropy, Int32(entropy.count), &setting, Int32(setting.count)) != nil else {
            throw HashingFailed()
        }
        guard let hashed = crypt(password, setting: setting), hashed.hasPrefix("$y$") else { throw HashingFailed() }
        return hashed
    }

    /// libcrypt treats an unknown setting as old DES and a failure as a string starting with `*`;
    /// both are refused here so a corrupted or foreign hash can never verify.
    static func verifyNow(_ password: String, against storedHash: String) -> Bool {
        guard storedHash.hasPrefix("$y$"), !password.utf8.contains(0) else { return false }
        let setting = Array(storedHash.utf8CString)
        guard let output = crypt(password, setting: setting), !output.hasPrefix("*"), output.hasPrefix("$y$") else {
            return false
        }
        return ConstantTime.equals(Array(output.utf8), Array(storedHash.utf8))
    }

    private static func crypt(_ password: String, setting: [CChar]) -> String? {
        var data = crypt_data()
        return withUnsafeMutablePointer(to: &data) { pointer -> String? in
            guard let result = crypt_r(password, setting, pointer) else { return nil }
            return String(validatingCString: result)
        }
    }
}

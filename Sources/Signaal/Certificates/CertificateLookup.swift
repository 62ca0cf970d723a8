import Foundation
import HTTP
import Storage

/// Finding a certificate by the code in a request's path, for the JSON verification, the public page,
/// the documents and the badges: rate-limited per client address and cached for a few seconds (a
/// revocation drops its entry at once).
struct CertificateLookup: Sendable {
    let database: Database
    let settings: SessionSettings
    let limit: AddressRateLimit
    let now: @Sendable () -> Date
    /// Certificates by code for a few seconds.
    private let cache = MemoryCache<String, CachedCertificate>()

    private struct CachedCertificate: Sendable {
        let certificate: Certificate
        let fetchedAt: Date
    }

    init(database: Database, settings: SessionSettings, limit: AddressRateLimit, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.settings = settings
        self.limit = limit
        self.now = now
    }

    /// What anyone may learn from a code: nothing about individual staff.
    struct Verification: Codable {
        let code: String
        let status: Certificate.State
        let businessName: String
        let city: String
        let sector: String
        let issuedAt: Date
        let expiresAt: Date
        let revokedAt: Date?
        /// The audit entry that issued it: anyone can hold a later `audit verify` to it.
        let auditAnchor: Anchor?

        struct Anchor: Codable {
            let seq: Int
            let hash: String
        }
    }

    static let unknown = APIError.notFound("No certificate has this code.")

    /// The certificate for the `code` in the request's path; 429 past the address's limit, 404 for a
    /// mistyped or unknown code.
    func certificate(_ request: HTTPRequest) async throws -> Certificate {
        if let wait = limit.retryAfter(address: settings.clientAddress(request), now: now()) {
            throw APIError.tooManyRequests(retryAfterSeconds: wait)
        }
        guard let code = VerificationCode.normalize(request.parameters["code"] ?? "") else {
            throw APIError(.notFound, "mistyped_code", "This is not a valid certificate code. Check it for typing errors.")
        }
        let now = now()
        if let cached = cache[code], now.timeIntervalSince(cached.fetchedAt) < 5 { return cached.certificate }
        guard let certificate = try await database.read({ db in
            try db.queryOne("SELECT \(Certificate.columns) FROM certificates WHERE code = ?", code) { Certificate.from($0) }
        }) else { throw Self.unknown }
        cache.store(CachedCertificate(certificate: certificate, fetchedAt: now), for: code)
        return certificate
    }

    /// When the certificate with `code` was issued (the successor of a superseded one); nil when unknown.
    func issueDate(of code: String) async throws -> Date? {
        try await database.read { db in try db.queryOne("SELECT issued_at FROM certificates WHERE code = ?", code) { $0.date(0) } }
    }

    /// Drops a certificate from the cache (after revoking it).
    func forget(_ code: String) {
        cache.remove(code)
    }

    /// What anyone may learn of a certificate.
    func verification(_ certificate: Certificate) -> Verification {
        Verification(code: certificate.code, status: certificate.state(at: now()), businessName: certificate.businessName,
                     city: certificate.city, sector: certificate.sector, issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt,
                     revokedAt: certificate.revokedAt,
                     auditAnchor: certificate.anchor.map { Verification.Anchor(seq: $0.seq, hash: $0.hashHex) })
    }
}

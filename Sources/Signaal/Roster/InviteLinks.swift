import Foundation
import Security

/// Personal invite links that can be shown again (a reminder sends the link a person already has)
/// while the database still keeps only their hash: a link's token is an HMAC of the person's id and the
/// link's generation under a key derived from the audit key. "New link" moves to the next generation,
/// so the old link stops working. Links made before this (generation unknown) cannot be shown again.
struct InviteLinks: Sendable {
    private let key: [UInt8]

    init(auditKey: AuditKey) {
        key = HMACSHA256.authenticationCode(for: Array("signaal invite links v1".utf8), key: auditKey.bytes)
    }

    func token(userID: String, generation: Int) -> SecretToken {
        SecretToken(bytes: HMACSHA256.authenticationCode(for: Array("\(userID):\(generation)".utf8), key: key))
    }
}

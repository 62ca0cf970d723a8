import Foundation
import Security

/// What a signed-in person may do.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin
    case manager
    case employee
}

/// A person who can sign in, as the API shows them (never with the password hash).
struct Account: Sendable, Codable, Equatable {
    let id: String
    let role: Role
    let businessId: String?
    let name: String
    let email: String?
    let username: String?
    /// The interface language the person chose (or their manager set), which follows them to any phone; nil until one is chosen.
    var language: String? = nil
}

/// Opaque identifiers: a prefix, then 16 Crockford base32 characters — 5 for the time in
/// milliseconds (25 bits, wrapping every 9.3 hours) and 11 random (55 bits). Ids made close in time sort
/// close together, so new rows land on the same B-tree pages instead of random ones, and a group
/// commit writes far fewer pages. Ids are not secrets: every route checks who may see a row.
enum Identifier {
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    static func make(_ prefix: String) -> String {
        let milliseconds = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        // The order holds within each 9.3-hour window, which is what keeps a busy hour's inserts together.
        let time = (0..<5).reversed().map { alphabet[Int((milliseconds >> (UInt64($0) * 5)) & 31)] }
        return prefix + "_" + String(time + SecureRandom.bytes(11).map { alphabet[Int($0 & 31)] })
    }
}

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
}

/// Opaque random identifiers: a prefix and 16 Crockford base32 characters (80 bits).
enum Identifier {
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    static func make(_ prefix: String) -> String {
        prefix + "_" + String(SecureRandom.bytes(16).map { alphabet[Int($0 & 31)] })
    }
}

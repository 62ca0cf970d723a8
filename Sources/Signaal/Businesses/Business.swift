import Foundation
import Learning

/// A business taking part: what the API shows of it.
struct Business: Sendable, Codable, Equatable {
    enum Status: String, Sendable, Codable, CaseIterable {
        case pending
        case approved
    }

    let id: String
    let name: String
    let sector: Sector
    let city: String
    let kvk: String
    /// The headcount in force: the one an admin approved with the business, or a later one.
    let declaredHeadcount: Int
    let status: Status
    let createdAt: Date
    let approvedAt: Date?
    /// A lower headcount a manager asked for after approval; it counts only once an admin confirms it.
    let pendingHeadcount: PendingHeadcount?

    /// A lowered headcount waiting for an admin.
    struct PendingHeadcount: Sendable, Codable, Equatable {
        let headcount: Int
        let requestedAt: Date
        let requestedBy: String
    }
}

/// Who may see a business: its own managers and admins. Anyone else gets the same 404 as for a
/// business that does not exist, so ids cannot be probed.
enum BusinessAccess {
    static func check(_ principal: Principal, businessID: String) throws {
        switch principal.account.role {
        case .admin: return
        case .manager where principal.account.businessId == businessID: return
        case .manager, .employee: throw APIError.notFound("No business with this id.")
        }
    }
}

/// Input checks for business and roster fields, each with an error that names the field.
enum Validation {
    static func name(_ text: String, field: String = "name") throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200, !trimmed.contains(where: { $0.isNewline }), !hasHiddenCharacters(trimmed) else {
            throw APIError.unprocessable("invalid_\(field)", "Enter a \(field) of 1 to 200 characters on one line, without control characters.")
        }
        return trimmed
    }

    /// Control characters (NUL, BEL, …) and the bidirectional overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069) that can make a name read differently in a CSV export or a PDF.
    static func hasHiddenCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    /// A Chamber of Commerce (KvK) number: exactly 8 digits.
    static func kvk(_ text: String) throws -> String {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw APIError.unprocessable("invalid_kvk", "A KvK number has exactly 8 digits.")
        }
        return digits
    }

    static func headcount(_ value: Int) throws -> Int {
        guard (1...100_000).contains(value) else {
            throw APIError.unprocessable("invalid_headcount", "The headcount must be between 1 and 100,000.")
        }
        return value
    }

    /// A job role the business's course has a module for.
    static func role(_ text: String, offered: [JobRole]) throws -> JobRole {
        guard let role = JobRole(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()), offered.contains(role) else {
            throw APIError.unprocessable("invalid_role", "The job must be one of: \(offered.map(\.rawValue).joined(separator: ", ")).")
        }
        return role
    }

    /// A new business's fields and its first manager's, checked in the order of the form, so the first
    /// field in error is the one named.
    struct NewBusiness: Sendable {
        let name: String
        let sector: Sector
        let city: String
        let kvk: String
        let headcount: Int
        let managerName: String
        let managerEmail: String

        init(name: String, sector: String, city: String, kvk: String, headcount: Int, managerName: String, managerEmail: String) throws {
            self.name = try Validation.name(name)
            self.sector = try Validation.sector(sector)
            self.city = try Validation.name(city, field: "city")
            self.kvk = try Validation.kvk(kvk)
            self.headcount = try Validation.headcount(headcount)
            self.managerName = try Validation.name(managerName)
            guard let email = try Validation.email(managerEmail) else {
                throw APIError.unprocessable("invalid_email", "The manager needs an email address.")
            }
            self.managerEmail = email
        }
    }

    static func language(_ text: String, offered: [String]) throws -> String {
        let code = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard offered.contains(code) else {
            throw APIError.unprocessable("unsupported_language", "The language must be one of: \(offered.joined(separator: ", ")).")
        }
        return code
    }

    static func sector(_ text: String) throws -> Sector {
        guard let sector = Sector(rawValue: text) else {
            throw APIError.unprocessable("invalid_sector", "The sector must be hotel, holiday_park, horeca or taxi.")
        }
        return sector
    }

    static func email(_ text: String?) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard EmailAddress.isValid(text) else { throw APIError.unprocessable("invalid_email", "'\(text)' is not a valid email address.") }
        return text
    }
}

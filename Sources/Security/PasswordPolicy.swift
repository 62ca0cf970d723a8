/// What a new password must be: at least 10 characters and not a commonly used one.
public enum PasswordPolicy {
    public static let minimumLength = 10

    /// Why a password is refused, in words for the person choosing it.
    public enum Problem: Sendable, Equatable {
        case tooShort
        case tooCommon

        public var message: String {
            switch self {
            case .tooShort: "Choose a password of at least \(PasswordPolicy.minimumLength) characters."
            case .tooCommon: "This password is one of the most used ones. Choose another."
            }
        }
    }

    /// The problem with `password`, or nil when it is acceptable.
    public static func problem(with password: String) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if CommonPasswords.list.contains(password.lowercased()) { return .tooCommon }
        return nil
    }
}

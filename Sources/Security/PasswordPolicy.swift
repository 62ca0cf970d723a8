/// What a new password must be: 10 to 200 characters, at least 4 different ones besides spaces, and not
/// a commonly used one.
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// Longer is refused (yescrypt takes at most 511 bytes, and nobody types more). The default is 200.
    public static let maximumLength = 200
    /// Different characters a password needs, not counting spaces, so `aaaaaaaaaa` or ten spaces fail.
    public static let minimumDistinctCharacters = 4

    /// Why a password is refused, in words for the person choosing it.
    public enum Problem: Sendable, Equatable {
        case tooShort
        case tooLong
        case tooSimple
        case tooCommon

        public var message: String {
            switch self {
            case .tooShort: "Choose a password of at least \(PasswordPolicy.minimumLength) characters."
            case .tooLong: "Choose a password of at most \(PasswordPolicy.maximumLength) characters."
            case .tooSimple: "Use at least \(PasswordPolicy.minimumDistinctCharacters) different characters, not only repeats or spaces."
            case .tooCommon: "This password is one of the most used ones. Choose another."
            }
        }
    }

    /// The problem with `password`, or nil when it is acceptable.
    public static func problem(with password: String) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.count > maximumLength || password.utf8.count > 511 { return .tooLong }
        if Set(password.filter { !$0.isWhitespace }).count < minimumDistinctCharacters { return .tooSimple }
        if CommonPasswords.list.contains(password.lowercased()) { return .tooCommon }
        return nil
    }
}

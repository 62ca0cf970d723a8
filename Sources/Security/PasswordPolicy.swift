/// What a new password must be: 10 to 256 characters, at least 4 different ones besides spaces, not a
/// commonly used one, and not the person's own email, name or business name.
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// Longer is refused (yescrypt takes at most 511 bytes, and nobody types more).
    public static let maximumLength = 256
    /// Different characters a password needs, not counting spaces, so `aaaaaaaaaa` or ten spaces fail.
    public static let minimumDistinctCharacters = 4

    /// Why a password is refused, in words for the person choosing it.
    public enum Problem: Sendable, Equatable {
        case tooShort
        case tooLong
        case tooSimple
        case tooCommon
        case tooPersonal

        public var message: String {
            switch self {
            case .tooShort: "Choose a password of at least \(PasswordPolicy.minimumLength) characters."
            case .tooLong: "Choose a password of at most \(PasswordPolicy.maximumLength) characters."
            case .tooSimple: "Use at least \(PasswordPolicy.minimumDistinctCharacters) different characters, not only repeats or spaces."
            case .tooCommon: "This password is one of the most used ones. Choose another."
            case .tooPersonal: "Do not use your email address, your name or your business's name as your password."
            }
        }
    }

    /// The problem with `password`, or nil when it is acceptable. `personal` holds what others may know
    /// of the person (email, name, business name): the password must not be one of them, nor contain
    /// the email's part before the `@`.
    public static func problem(with password: String, personal: [String] = []) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.count > maximumLength || password.utf8.count > 511 { return .tooLong }
        if Set(password.filter { !$0.isWhitespace }).count < minimumDistinctCharacters { return .tooSimple }
        let folded = fold(password)
        if CommonPasswords.list.contains(password.lowercased()) { return .tooCommon }
        for known in personal.map(fold) where !known.isEmpty {
            if folded == known { return .tooPersonal }
            if let local = known.split(separator: "@").first, local.count >= 4, known.contains("@"), folded.contains(local) { return .tooPersonal }
        }
        return nil
    }

    /// Lower case without spaces, so "Hotel De Leeuw" and "hoteldeleeuw" compare equal.
    private static func fold(_ text: String) -> String {
        text.lowercased().filter { !$0.isWhitespace }
    }
}

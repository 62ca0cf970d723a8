import Security

/// A certificate's verification code: 60 random bits as 12 Crockford base32 characters plus a
/// Luhn mod 32 check character, shown in groups (`7K3M-Q9TX-2HDA-R`), so a mistyped code is
/// caught before any lookup.
enum VerificationCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new random code in its display form.
    static func make() -> String {
        let body = (0..<12).map { _ in alphabet[Int(SecureRandom.integer(below: 32))] }
        let characters = body + [checkCharacter(for: body)]
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: "-")
    }

    /// The display form of what someone typed, or nil when it cannot be a code (wrong length,
    /// characters outside the alphabet, or a failed check character).
    static func normalize(_ typed: String) -> String? {
        var characters: [Character] = []
        for character in typed.uppercased() where character != "-" && character != " " {
            switch character {
            case "O": characters.append("0")
            case "I", "L": characters.append("1")
            default:
                guard alphabet.contains(character) else { return nil }
                characters.append(character)
            }
        }
        guard characters.count == 13, checkCharacter(for: Array(characters.prefix(12))) == characters[12] else { return nil }
        return stride(from: 0, to: 13, by: 4).map { String(characters[$0..<min($0 + 4, 13)]) }.joined(separator: "-")
    }

    /// Luhn mod N (N = 32): catches every single wrong character and most swapped neighbours.
    static func checkCharacter(for body: [Character]) -> Character {
        var factor = 2
        var sum = 0
        for character in body.reversed() {
            let value = alphabet.firstIndex(of: character) ?? 0
            var addend = factor * value
            factor = factor == 2 ? 1 : 2
            addend = addend / 32 + addend % 32
            sum += addend
        }
        return alphabet[(32 - sum % 32) % 32]
    }
}

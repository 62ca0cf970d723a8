import Foundation

/// Converting text to WinAnsiEncoding (Windows-1252) bytes and writing PDF string literals.
enum WinAnsi {
    /// The Unicode scalars that Windows-1252 places in 0x80...0x9F (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unused).
    static let highControlRange: [UInt32: UInt8] = [
        0x20AC: 0x80,  // €
        0x201A: 0x82,  // ‚
        0x0192: 0x83,  // ƒ
        0x201E: 0x84,  // „
        0x2026: 0x85,  // …
        0x2020: 0x86,  // †
        0x2021: 0x87,  // ‡
        0x02C6: 0x88,  // ˆ
        0x2030: 0x89,  // ‰
        0x0160: 0x8A,  // Š
        0x2039: 0x8B,  // ‹
        0x0152: 0x8C,  // Œ
        0x017D: 0x8E,  // Ž
        0x2018: 0x91,  // ‘
        0x2019: 0x92,  // ’
        0x201C: 0x93,  // “
        0x201D: 0x94,  // ”
        0x2022: 0x95,  // •
        0x2013: 0x96,  // –
        0x2014: 0x97,  // —
        0x02DC: 0x98,  // ˜
        0x2122: 0x99,  // ™
        0x0161: 0x9A,  // š
        0x203A: 0x9B,  // ›
        0x0153: 0x9C,  // œ
        0x017E: 0x9E,  // ž
        0x0178: 0x9F,  // Ÿ
    ]

    /// The byte written for characters Windows-1252 does not have: "?".
    static let replacement: UInt8 = 0x3F

    /// The Windows-1252 bytes of `string` after canonical composition (so "e" + U+0301 becomes "é").
    /// Printable ASCII and U+00A0...U+00FF map to themselves, the 27 characters of 0x80...0x9F to
    /// their codes, tab, line feed and carriage return to a space, and everything else to "?".
    static func encode(_ string: String) -> [UInt8] {
        let composed = string.precomposedStringWithCanonicalMapping
        var bytes = [UInt8]()
        bytes.reserveCapacity(composed.utf8.count)
        for scalar in composed.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x20...0x7E, 0xA0...0xFF:
                bytes.append(UInt8(value))
            case 0x09, 0x0A, 0x0D:
                bytes.append(0x20)
            default:
                bytes.append(highControlRange[value] ?? replacement)
            }
        }
        return bytes
    }

    /// A PDF literal string for these bytes: parentheses and backslash escaped, bytes outside
    /// printable ASCII written as three-digit octal escapes, so the content stream stays ASCII.
    static func literal(_ bytes: [UInt8]) -> String {
        var result = "("
        for byte in bytes {
            switch byte {
            case 0x28, 0x29, 0x5C:  // ( ) \
                result.unicodeScalars.append("\\")
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x20...0x7E:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        result += ")"
        return result
    }

    /// A PDF text string in UTF-16BE with byte order mark, as hex: for document information entries.
    static func utf16Hex(_ string: String) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var result = "<FEFF"
        for unit in string.utf16 {
            for shift in [12, 8, 4, 0] {
                result.unicodeScalars.append(digits[Int((unit >> UInt16(shift)) & 0xF)])
            }
        }
        result += ">"
        return result
    }
}

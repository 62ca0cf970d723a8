/// A growable sequence of bits, most significant bit first, used to assemble QR data codewords.
struct BitBuffer: Sendable, Equatable {
    /// The bits in order of appending.
    private(set) var bits: [Bool] = []

    /// How many bits have been appended.
    var count: Int { bits.count }

    /// Appends the lowest `bitCount` bits of `value`, most significant first.
    mutating func append(_ value: Int, bitCount: Int) {
        guard bitCount > 0 else { return }
        for shift in stride(from: bitCount - 1, through: 0, by: -1) {
            bits.append((value >> shift) & 1 == 1)
        }
    }

    /// Appends all bits of another buffer.
    mutating func append(_ other: BitBuffer) {
        bits.append(contentsOf: other.bits)
    }

    /// Appends every bit of every byte, most significant first.
    mutating func append(bytes: [UInt8]) {
        for byte in bytes {
            append(Int(byte), bitCount: 8)
        }
    }

    /// The bits packed into bytes, most significant bit first; a final partial byte is padded with zeros.
    var bytes: [UInt8] {
        var result = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit {
            result[index >> 3] |= UInt8(0x80) >> UInt8(index & 7)
        }
        return result
    }
}

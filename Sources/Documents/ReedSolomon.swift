/// Arithmetic in GF(2^8) with the QR Code field polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D).
enum GF256 {
    /// `exp[i]` is α^i for i in 0..<510 (doubled so that sums of two logarithms need no reduction).
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for index in 0..<255 {
            table[index] = UInt8(value)
            table[index + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 {
                value ^= 0x11D
            }
        }
        return table
    }()

    /// `log[v]` is the i with α^i = v, for v in 1...255; `log[0]` is unused.
    static let log: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        var value = 1
        for index in 0..<255 {
            table[value] = index
            value <<= 1
            if value & 0x100 != 0 {
                value ^= 0x11D
            }
        }
        return table
    }()

    /// The product of two field elements.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 {
            return 0
        }
        return exp[log[Int(a)] + log[Int(b)]]
    }
}

/// Reed–Solomon error correction codewords as used by QR Code symbols.
enum ReedSolomon {
    /// The generator polynomial (x - α^0)(x - α^1)…(x - α^(degree-1)), as its `degree` coefficients
    /// from x^(degree-1) down to x^0; the leading coefficient 1 of x^degree is left out.
    static func generator(degree: Int) -> [UInt8] {
        precondition(degree >= 1 && degree <= 254, "Reed–Solomon degree out of range")
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            // Multiply the current polynomial by (x - root); subtraction is XOR in GF(2^8).
            for index in 0..<degree {
                coefficients[index] = GF256.multiply(coefficients[index], root)
                if index + 1 < degree {
                    coefficients[index] ^= coefficients[index + 1]
                }
            }
            root = GF256.multiply(root, 0x02)
        }
        return coefficients
    }

    /// The remainder of data(x)·x^degree divided by the generator: the error correction codewords.
    static func remainder(of data: [UInt8], generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        var result = [UInt8](repeating: 0, count: degree)
        guard degree > 0 else { return result }
        for byte in data {
            let factor = byte ^ result[0]
            for index in 0..<(degree - 1) {
                result[index] = result[index + 1] ^ GF256.multiply(generator[index], factor)
            }
            result[degree - 1] = GF256.multiply(generator[degree - 1], factor)
        }
        return result
    }

    /// The `count` error correction codewords for one block of data codewords.
    static func errorCorrection(for data: [UInt8], count: Int) -> [UInt8] {
        remainder(of: data, generator: generator(degree: count))
    }
}

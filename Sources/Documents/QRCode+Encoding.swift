/// The QR data encoding modes this encoder uses.
enum QRMode: Sendable, Equatable {
    /// 0-9, A-Z, space and $ % * + - . / : — two characters in 11 bits.
    case alphanumeric
    /// Arbitrary bytes, 8 bits each.
    case byte

    /// The 4-bit mode indicator.
    var indicator: Int {
        switch self {
        case .alphanumeric: return 0b0010
        case .byte: return 0b0100
        }
    }
}

/// Turning text into the data codewords and the final interleaved codeword sequence of a symbol.
enum QREncoder {
    /// The 45 characters of alphanumeric mode, in the order of their values 0...44.
    static let alphanumericCharset: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// The alphanumeric value of an ASCII byte, or nil when the byte is not in the charset.
    static func alphanumericValue(_ byte: UInt8) -> Int? {
        alphanumericCharset.firstIndex(of: byte)
    }

    /// The mode for these bytes: alphanumeric when every byte is in its charset (and there is at
    /// least one), byte mode otherwise.
    static func mode(for bytes: [UInt8]) -> QRMode {
        if !bytes.isEmpty && bytes.allSatisfy({ alphanumericValue($0) != nil }) {
            return .alphanumeric
        }
        return .byte
    }

    /// The bits of the payload after the mode indicator and character count.
    static func payloadBits(_ bytes: [UInt8], mode: QRMode) -> BitBuffer {
        var buffer = BitBuffer()
        switch mode {
        case .byte:
            buffer.append(bytes: bytes)
        case .alphanumeric:
            let values = bytes.map { alphanumericValue($0) ?? 0 }
            var index = 0
            while index + 1 < values.count {
                buffer.append(values[index] * 45 + values[index + 1], bitCount: 11)
                index += 2
            }
            if index < values.count {
                buffer.append(values[index], bitCount: 6)
            }
        }
        return buffer
    }

    /// The number of bits the whole segment (mode, count, payload) takes at a version, or nil when
    /// the character count does not fit its indicator.
    static func segmentBitLength(characterCount: Int, payloadBits: Int, mode: QRMode, version: Int) -> Int? {
        let countBits = QRTables.characterCountBits(mode: mode, version: version)
        guard characterCount < (1 << countBits) else { return nil }
        return 4 + countBits + payloadBits
    }

    /// The smallest version in 1...40 whose data capacity at `level` holds the segment, or nil.
    static func smallestVersion(characterCount: Int, payloadBits: Int, mode: QRMode, level: QRErrorCorrection) -> Int? {
        for version in QRTables.minVersion...QRTables.maxVersion {
            let capacity = QRTables.dataCodewords(version: version, level: level) * 8
            if let used = segmentBitLength(characterCount: characterCount, payloadBits: payloadBits, mode: mode, version: version),
               used <= capacity {
                return version
            }
        }
        return nil
    }

    /// The data codewords: mode indicator, character count, payload, terminator, zero bits up to a
    /// byte boundary, then the pad bytes 0xEC and 0x11 alternately up to the version's capacity.
    static func dataCodewords(_ bytes: [UInt8], mode: QRMode, version: Int, level: QRErrorCorrection) -> [UInt8] {
        let capacityBits = QRTables.dataCodewords(version: version, level: level) * 8
        let payload = payloadBits(bytes, mode: mode)
        var buffer = BitBuffer()
        buffer.append(mode.indicator, bitCount: 4)
        buffer.append(bytes.count, bitCount: QRTables.characterCountBits(mode: mode, version: version))
        buffer.append(payload)
        buffer.append(0, bitCount: min(4, max(0, capacityBits - buffer.count)))
        buffer.append(0, bitCount: (8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes
        var padByte: UInt8 = 0xEC
        while codewords.count * 8 < capacityBits {
            codewords.append(padByte)
            padByte = padByte == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data codewords into blocks, appends each block's Reed–Solomon codewords, and
    /// interleaves them: data codewords column by column across blocks, then error correction
    /// codewords column by column. Short blocks come first, as the standard requires.
    static func interleavedCodewords(_ data: [UInt8], version: Int, level: QRErrorCorrection) -> [UInt8] {
        let blockCount = QRTables.errorCorrectionBlocks[level.ordinal][version]
        let eccPerBlock = QRTables.eccCodewordsPerBlock[level.ordinal][version]
        let total = QRTables.totalCodewords(version: version)
        let longBlockCount = total % blockCount
        let shortBlockCount = blockCount - longBlockCount
        let shortDataLength = total / blockCount - eccPerBlock
        let generator = ReedSolomon.generator(degree: eccPerBlock)

        var dataBlocks = [[UInt8]]()
        var eccBlocks = [[UInt8]]()
        var start = 0
        for blockIndex in 0..<blockCount {
            let length = shortDataLength + (blockIndex < shortBlockCount ? 0 : 1)
            let end = min(start + length, data.count)
            let block = start < end ? Array(data[start..<end]) : []
            dataBlocks.append(block)
            eccBlocks.append(ReedSolomon.remainder(of: block, generator: generator))
            start += length
        }

        var result = [UInt8]()
        result.reserveCapacity(total)
        for column in 0..<(shortDataLength + 1) {
            for block in dataBlocks where column < block.count {
                result.append(block[column])
            }
        }
        for column in 0..<eccPerBlock {
            for block in eccBlocks {
                result.append(block[column])
            }
        }
        return result
    }
}

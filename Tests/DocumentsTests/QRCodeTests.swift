@testable import Documents
import Testing

/// Known answers for the QR Code encoder. The expected matrices and codewords come from the
/// worked "HELLO WORLD" 1-Q example, the ISO/IEC 18004 "01234567" 1-M example, and Project
/// Nayuki's reference encoder (qrcodegen 1.8.0, no error correction boost).
struct QRCodeTests {
    /// "HELLO WORLD" at level Q: version 1, mask 0.
    static let helloWorldQuartile = [
        "111111101100001111111",
        "100000101001001000001",
        "101110101001101011101",
        "101110101000001011101",
        "101110101010001011101",
        "100000100010001000001",
        "111111101010101111111",
        "000000001000000000000",
        "011010110000101011111",
        "010000001111000010001",
        "001101110110001011000",
        "011011010011010101110",
        "100010101011101110101",
        "000000001101001000101",
        "111111101010000101100",
        "100000100101101101000",
        "101110101010001111111",
        "101110100101010100010",
        "101110101001011101001",
        "100000101011110001011",
        "111111100001011100001",
    ]

    /// The ISO/IEC 18004 example data codewords for "01234567" (numeric mode) at 1-M.
    static let isoDataCodewords: [UInt8] = [
        0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
    ]

    /// The symbol for those codewords with the lowest-penalty mask (0 under these penalty rules).
    static let isoExampleMedium = [
        "111111100011101111111",
        "100000101110001000001",
        "101110100110001011101",
        "101110100101101011101",
        "101110101101101011101",
        "100000100001001000001",
        "111111101010101111111",
        "000000000000000000000",
        "101010100010100010010",
        "110100001011010100010",
        "000110111011011101110",
        "110011010101110110010",
        "001001110111011100001",
        "000000001010001000010",
        "111111100000100010001",
        "100000100010001001011",
        "101110101110101011101",
        "101110100101010101110",
        "101110101101011100101",
        "100000100001110111000",
        "111111101001011100101",
    ]

    func rows(_ code: QRCode) -> [String] {
        (0..<code.size).map { y in
            String((0..<code.size).map { x in code.isDark(x: x, y: y) ? Character("1") : Character("0") })
        }
    }

    // MARK: Codewords

    @Test func helloWorld_quartile_dataAndErrorCorrectionCodewords() {
        let bytes = Array("HELLO WORLD".utf8)
        #expect(QREncoder.mode(for: bytes) == .alphanumeric)
        let data = QREncoder.dataCodewords(bytes, mode: .alphanumeric, version: 1, level: .quartile)
        #expect(data == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236])
        let ecc = ReedSolomon.errorCorrection(for: data, count: 13)
        #expect(ecc == [168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16])
        #expect(QREncoder.interleavedCodewords(data, version: 1, level: .quartile) == data + ecc)
    }

    @Test func reedSolomon_isoExample_oneM() {
        #expect(
            ReedSolomon.errorCorrection(for: Self.isoDataCodewords, count: 10)
                == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]
        )
    }

    @Test func galoisField_multiplication_usesPolynomial0x11D() {
        #expect(GF256.multiply(0x80, 0x02) == 0x1D)
        #expect(GF256.multiply(0x53, 0xCA) == 0x8F)
        #expect(GF256.multiply(0, 0x37) == 0)
        #expect(GF256.exp[255] == 1)
        for value in 1...255 {
            #expect(GF256.multiply(UInt8(value), 1) == UInt8(value))
        }
    }

    @Test func byteMode_codewords_haveModeCountTerminatorAndPadBytes() {
        let data = QREncoder.dataCodewords(Array("a".utf8), mode: .byte, version: 1, level: .low)
        #expect(data.count == 19)
        // 0100 00000001 01100001 0000, already on a byte boundary, then 0xEC 0x11 alternately.
        #expect(Array(data.prefix(5)) == [0x40, 0x16, 0x10, 0xEC, 0x11])
        // Sixteen pad bytes, starting with 0xEC, so the last is 0x11.
        #expect(data.last == 0x11)
        #expect(Array(data.suffix(16)) == Array(repeating: [UInt8(0xEC), 0x11], count: 8).flatMap { $0 })
    }

    @Test func interleaving_multipleBlocks_shortBlocksFirst() {
        // 5-Q: two blocks of 15 data codewords, then two of 16; 18 error correction codewords each.
        let data = (0..<62).map { UInt8($0) }
        let result = QREncoder.interleavedCodewords(data, version: 5, level: .quartile)
        #expect(result.count == 134)
        #expect(Array(result.prefix(8)) == [0, 15, 30, 46, 1, 16, 31, 47])
        #expect(Array(result[56..<62]) == [14, 29, 44, 60, 45, 61])
        let firstBlockEcc = ReedSolomon.errorCorrection(for: Array(data[0..<15]), count: 18)
        let lastBlockEcc = ReedSolomon.errorCorrection(for: Array(data[46..<62]), count: 18)
        #expect(result[62] == firstBlockEcc[0])
        #expect(result[65] == lastBlockEcc[0])
        #expect(result[133] == lastBlockEcc[17])
    }

    // MARK: Whole symbols

    @Test func helloWorld_quartile_matchesReferenceMatrix() throws {
        let code = try QRCode(encoding: "HELLO WORLD", errorCorrection: .quartile)
        #expect(code.size == 21)
        #expect(code.version == 1)
        #expect(code.mask == 0)
        #expect(rows(code) == Self.helloWorldQuartile)
    }

    @Test func isoExample_medium_matchesReferenceMatrix() {
        let code = QRCode(version: 1, errorCorrection: .medium, dataCodewords: Self.isoDataCodewords, mask: nil)
        #expect(code.mask == 0)
        #expect(rows(code) == Self.isoExampleMedium)
    }

    @Test func isDark_isFalseOutsideTheGrid() throws {
        let code = try QRCode(encoding: "HELLO WORLD", errorCorrection: .quartile)
        #expect(code.isDark(x: 0, y: 0))
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: -1))
        #expect(!code.isDark(x: 21, y: 0))
        #expect(!code.isDark(x: 0, y: 21))
    }

    // MARK: Versions and capacity

    @Test(arguments: [
        (14, 1), (15, 2), (26, 2), (27, 3), (42, 3), (43, 4), (62, 4), (63, 5), (84, 5), (85, 6),
        (106, 6), (107, 7), (122, 7), (123, 8), (152, 8), (153, 9), (180, 9), (181, 10), (213, 10), (214, 11),
    ])
    func byteMode_medium_smallestVersion(length: Int, version: Int) throws {
        let code = try QRCode(encoding: String(repeating: "a", count: length), errorCorrection: .medium)
        #expect(code.version == version)
        #expect(code.size == version * 4 + 17)
    }

    @Test(arguments: [(20, 1), (21, 2), (38, 2), (39, 3), (61, 3), (62, 4)])
    func alphanumericMode_medium_smallestVersion(length: Int, version: Int) throws {
        let code = try QRCode(encoding: String(repeating: "A", count: length), errorCorrection: .medium)
        #expect(code.version == version)
    }

    @Test func smallestVersion_growsWithErrorCorrectionLevel() throws {
        let text = String(repeating: "x", count: 17)
        #expect(try QRCode(encoding: text, errorCorrection: .low).version == 1)
        #expect(try QRCode(encoding: text, errorCorrection: .medium).version == 2)
        #expect(try QRCode(encoding: text, errorCorrection: .quartile).version == 2)
        #expect(try QRCode(encoding: text, errorCorrection: .high).version == 3)
    }

    @Test func upperCaseURL_usesAlphanumericMode_andASmallerSymbol() throws {
        let upper = try QRCode(encoding: "HTTPS://SIGNAAL.EXAMPLE/V/ABC123")
        let lower = try QRCode(encoding: "https://signaal.example/v/abc123")
        #expect(upper.version == 2)
        #expect(lower.version == 3)
    }

    @Test func capacity_version40Low_is2953Bytes() throws {
        let code = try QRCode(encoding: String(repeating: "a", count: 2953), errorCorrection: .low)
        #expect(code.version == 40)
        #expect(code.size == 177)
        #expect(throws: QRCodeError.tooLong) {
            try QRCode(encoding: String(repeating: "a", count: 2954), errorCorrection: .low)
        }
    }

    @Test func capacity_version40High_is1852AlphanumericCharacters() throws {
        #expect(try QRCode(encoding: String(repeating: "Z", count: 1852), errorCorrection: .high).version == 40)
        #expect(throws: QRCodeError.tooLong) {
            try QRCode(encoding: String(repeating: "Z", count: 1853), errorCorrection: .high)
        }
    }

    @Test func capacity_countsUTF8Bytes() throws {
        // "é" is two bytes in UTF-8: 1477 of them make 2954 bytes.
        #expect(throws: QRCodeError.tooLong) {
            try QRCode(encoding: String(repeating: "é", count: 1477), errorCorrection: .low)
        }
        #expect(try QRCode(encoding: String(repeating: "é", count: 8), errorCorrection: .low).version == 1)
    }

    @Test func emptyText_encodesAsVersionOne() throws {
        #expect(try QRCode(encoding: "").version == 1)
    }

    // MARK: Function patterns

    @Test func finderPatterns_atThreeCorners_withLightSeparators() throws {
        let code = try QRCode(encoding: "https://signaal.example/verify/0123456789", errorCorrection: .medium)
        let last = code.size - 1
        for (left, top) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code.isDark(x: left + dx, y: top + dy) == (ring != 2), "finder at \(left),\(top)")
                }
            }
        }
        for index in 0..<8 {
            #expect(!code.isDark(x: 7, y: index))
            #expect(!code.isDark(x: index, y: 7))
            #expect(!code.isDark(x: last - 7, y: index))
            #expect(!code.isDark(x: last - index, y: 7))
            #expect(!code.isDark(x: 7, y: last - index))
            #expect(!code.isDark(x: index, y: last - 7))
        }
        // Timing patterns alternate between the finders; the dark module sits beside the bottom-left finder.
        for index in 8...(last - 8) {
            #expect(code.isDark(x: index, y: 6) == (index % 2 == 0))
            #expect(code.isDark(x: 6, y: index) == (index % 2 == 0))
        }
        #expect(code.isDark(x: 8, y: code.size - 8))
    }

    @Test func alignmentPositions_matchTheStandardTable() {
        #expect(QRTables.alignmentPositions(version: 1) == [])
        #expect(QRTables.alignmentPositions(version: 2) == [6, 18])
        #expect(QRTables.alignmentPositions(version: 7) == [6, 22, 38])
        #expect(QRTables.alignmentPositions(version: 15) == [6, 26, 48, 70])
        #expect(QRTables.alignmentPositions(version: 32) == [6, 34, 60, 86, 112, 138])
        #expect(QRTables.alignmentPositions(version: 36) == [6, 24, 50, 76, 102, 128, 154])
        #expect(QRTables.alignmentPositions(version: 40) == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test func capacityTables_matchTheStandard() {
        #expect(QRTables.totalCodewords(version: 1) == 26)
        #expect(QRTables.totalCodewords(version: 7) == 196)
        #expect(QRTables.totalCodewords(version: 40) == 3706)
        #expect(QRTables.dataCodewords(version: 1, level: .high) == 9)
        #expect(QRTables.dataCodewords(version: 40, level: .low) == 2956)
        #expect(QRTables.dataCodewords(version: 40, level: .high) == 1276)
        for level in QRErrorCorrection.allCases {
            for version in 1...40 {
                let blocks = QRTables.errorCorrectionBlocks[level.ordinal][version]
                let ecc = QRTables.eccCodewordsPerBlock[level.ordinal][version]
                #expect(QRTables.totalCodewords(version: version) > blocks * ecc)
                #expect(QRTables.totalCodewords(version: version) / blocks - ecc >= 1)
            }
        }
    }

    // MARK: Format and version information

    /// Reads the first copy of the format information (around the top-left finder), bit 14 first.
    func formatBitsTopLeft(_ code: QRCode) -> Int {
        let positions = [(0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8),
                         (8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0)]
        return positions.reduce(0) { ($0 << 1) | (code.isDark(x: $1.0, y: $1.1) ? 1 : 0) }
    }

    /// Reads the second copy (bottom-left column, then the row below the top-right finder), bit 14 first.
    func formatBitsSplit(_ code: QRCode) -> Int {
        let n = code.size
        var positions = (0..<7).map { (8, n - 1 - $0) }
        positions += (0..<8).map { (n - 8 + $0, 8) }
        return positions.reduce(0) { ($0 << 1) | (code.isDark(x: $1.0, y: $1.1) ? 1 : 0) }
    }

    @Test func formatBits_knownValues() {
        #expect(QRMatrix.formatBits(level: .low, mask: 0) == 0b111011111000100)
        #expect(QRMatrix.formatBits(level: .medium, mask: 0) == 0b101010000010010)
        #expect(QRMatrix.formatBits(level: .quartile, mask: 0) == 0b011010101011111)
        #expect(QRMatrix.formatBits(level: .high, mask: 7) == 0b000100000111011)
        #expect(QRMatrix.formatBits(level: .medium, mask: 5) == 0b100000011001110)
    }

    @Test func formatInformation_roundTrip_allLevelsAndMasks() {
        let data = Self.isoDataCodewords
        for level in QRErrorCorrection.allCases {
            let capacity = QRTables.dataCodewords(version: 1, level: level)
            let codewords = Array((data + data).prefix(capacity))
            for mask in 0..<8 {
                let code = QRCode(version: 1, errorCorrection: level, dataCodewords: codewords, mask: mask)
                #expect(code.mask == mask)
                let first = formatBitsTopLeft(code)
                #expect(first == formatBitsSplit(code))
                #expect(first == QRMatrix.formatBits(level: level, mask: mask))
                // Unmask, check the BCH(15,5) remainder is zero, and read level and mask back.
                let unmasked = first ^ 0x5412
                var remainder = unmasked
                for shift in stride(from: 14, through: 10, by: -1) where remainder & (1 << shift) != 0 {
                    remainder ^= 0x537 << (shift - 10)
                }
                #expect(remainder == 0)
                #expect(unmasked >> 13 == level.formatBits)
                #expect((unmasked >> 10) & 0b111 == mask)
            }
        }
    }

    @Test func versionInformation_version7_bothCopies() throws {
        let code = try QRCode(encoding: String(repeating: "a", count: 110), errorCorrection: .medium)
        #expect(code.version == 7)
        #expect(QRMatrix.versionBits(version: 7) == 0b000111110010010100)
        #expect(QRMatrix.versionBits(version: 40) == 0x28C69)
        var topRight = 0
        var bottomLeft = 0
        for index in stride(from: 17, through: 0, by: -1) {
            let long = code.size - 11 + index % 3
            let short = index / 3
            topRight = (topRight << 1) | (code.isDark(x: long, y: short) ? 1 : 0)
            bottomLeft = (bottomLeft << 1) | (code.isDark(x: short, y: long) ? 1 : 0)
        }
        #expect(topRight == 0b000111110010010100)
        #expect(bottomLeft == 0b000111110010010100)
    }

    // MARK: Masking and penalties

    @Test func masks_matchTheirDefiningConditions() {
        #expect(QRMatrix.maskInverts(0, x: 1, y: 1))
        #expect(!QRMatrix.maskInverts(0, x: 1, y: 0))
        #expect(QRMatrix.maskInverts(1, x: 5, y: 2))
        #expect(QRMatrix.maskInverts(2, x: 3, y: 1))
        #expect(!QRMatrix.maskInverts(2, x: 1, y: 3))
        #expect(QRMatrix.maskInverts(4, x: 2, y: 1))
        #expect(!QRMatrix.maskInverts(4, x: 3, y: 1))
        #expect(QRMatrix.maskInverts(5, x: 6, y: 1))
        #expect(!QRMatrix.maskInverts(5, x: 1, y: 1))
        #expect(QRMatrix.maskInverts(6, x: 1, y: 1))
        #expect(!QRMatrix.maskInverts(6, x: 5, y: 1))
        #expect(QRMatrix.maskInverts(7, x: 0, y: 0))
    }

    @Test func linePenalty_runsAndFinderLikePatterns() {
        func line(_ text: String) -> [Bool] { text.map { $0 == "1" } }
        #expect(QRMatrix.linePenalty(line("0101010101")) == 0)
        // A run of 5 scores 3, a run of 7 scores 5.
        #expect(QRMatrix.linePenalty(line("1010111110101")) == 3)
        #expect(QRMatrix.linePenalty(line("0111111101")) == 5)
        // 1:1:3:1:1 with four light modules after it and the light beyond the edge before it:
        // both sides have at least four light modules, so it counts twice.
        #expect(QRMatrix.linePenalty(line("10111010000")) == 80)
        // Four light modules before it, three after: counts once.
        #expect(QRMatrix.linePenalty(line("00001011101000111")) == 40)
        // Only three light modules on either side: no N3, just the run of five (3).
        #expect(QRMatrix.linePenalty(line("1111000101110100011111")) == 3)
    }
}

/// A QR symbol under construction: module colours plus which modules belong to function patterns
/// (finders, separators, timing, alignment, format and version information, dark module).
struct QRMatrix: Sendable, Equatable {
    let version: Int
    let size: Int
    /// Row-major colours, `true` for dark.
    private(set) var modules: [Bool]
    /// Row-major flags for modules that data and masking must leave alone.
    private(set) var isFunction: [Bool]

    /// A matrix with every function pattern drawn and the format area reserved (filled with zeros).
    init(version: Int) {
        self.version = version
        self.size = QRTables.size(version: version)
        self.modules = [Bool](repeating: false, count: size * size)
        self.isFunction = [Bool](repeating: false, count: size * size)
        drawFunctionPatterns()
    }

    /// The colour of the module in column `x`, row `y`.
    subscript(x: Int, y: Int) -> Bool {
        modules[y * size + x]
    }

    /// Whether the module in column `x`, row `y` belongs to a function pattern.
    func isFunctionModule(x: Int, y: Int) -> Bool {
        isFunction[y * size + x]
    }

    private mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    // MARK: Function patterns

    private mutating func drawFunctionPatterns() {
        // Timing patterns first: the finders and alignment patterns overwrite their ends.
        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index % 2 == 0)
            setFunction(x: index, y: 6, dark: index % 2 == 0)
        }
        drawFinder(centerX: 3, centerY: 3)
        drawFinder(centerX: size - 4, centerY: 3)
        drawFinder(centerX: 3, centerY: size - 4)

        let positions = QRTables.alignmentPositions(version: version)
        let last = positions.count - 1
        for (i, centerX) in positions.enumerated() {
            for (j, centerY) in positions.enumerated() {
                // The three corners that overlap a finder pattern get no alignment pattern.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) {
                    continue
                }
                drawAlignment(centerX: centerX, centerY: centerY)
            }
        }

        drawFormatBits(0)  // reserves the area and sets the dark module; overwritten per mask
        drawVersionBits()
    }

    /// A 7×7 finder pattern with its light separator, clipped at the symbol edge.
    private mutating func drawFinder(centerX: Int, centerY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centerX + dx
                let y = centerY + dy
                guard x >= 0, x < size, y >= 0, y < size else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: distance != 2 && distance != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark ring, light ring, dark centre.
    private mutating func drawAlignment(centerX: Int, centerY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centerX + dx, y: centerY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// The 15 format bits: level and mask, BCH(15,5) with generator 0x537, XORed with 0x5412.
    static func formatBits(level: QRErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 {
            remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
        }
        return ((data << 10) | remainder) ^ 0x5412
    }

    /// The 18 version bits for versions 7...40: version and BCH(18,6) with generator 0x1F25.
    static func versionBits(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 {
            remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
        }
        return (version << 12) | remainder
    }

    /// Draws both copies of the format information (bit 0 is the least significant) and the dark module.
    mutating func drawFormatBits(_ bits: Int) {
        func bit(_ index: Int) -> Bool {
            (bits >> index) & 1 == 1
        }
        // First copy, around the top-left finder.
        for index in 0...5 {
            setFunction(x: 8, y: index, dark: bit(index))
        }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 {
            setFunction(x: 14 - index, y: 8, dark: bit(index))
        }
        // Second copy: below the top-right finder and beside the bottom-left finder.
        for index in 0..<8 {
            setFunction(x: size - 1 - index, y: 8, dark: bit(index))
        }
        for index in 8..<15 {
            setFunction(x: 8, y: size - 15 + index, dark: bit(index))
        }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// Draws both 6×3 copies of the version information, for versions 7 and up.
    private mutating func drawVersionBits() {
        guard version >= 7 else { return }
        let bits = Self.versionBits(version: version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let long = size - 11 + index % 3
            let short = index / 3
            setFunction(x: long, y: short, dark: dark)
            setFunction(x: short, y: long, dark: dark)
        }
    }

    // MARK: Data

    /// Places the codeword bits in the two-module-wide zigzag from the bottom right, skipping the
    /// vertical timing column and every function module. Remainder modules stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 {
                right = 5
            }
            let upward = ((right + 1) & 2) == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for offset in 0..<2 {
                    let index = y * size + right - offset
                    guard !isFunction[index], bitIndex < totalBits else { continue }
                    let byte = codewords[bitIndex >> 3]
                    modules[index] = (byte >> UInt8(7 - (bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    // MARK: Masking

    /// Whether mask pattern `mask` (0...7) inverts the module in column `x`, row `y` (ISO/IEC 18004 Table 10).
    static func maskInverts(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: return (y + x) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (y + x) % 3 == 0
        case 4: return (y / 2 + x / 3) % 2 == 0
        case 5: return (y * x) % 2 + (y * x) % 3 == 0
        case 6: return ((y * x) % 2 + (y * x) % 3) % 2 == 0
        default: return ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }

    /// Inverts the data and error correction modules where the mask pattern says so.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.maskInverts(mask, x: x, y: y) {
                modules[y * size + x].toggle()
            }
        }
    }

    // MARK: Penalty (ISO/IEC 18004 7.8.3)

    /// The penalty score of the finished symbol: N1 = 3 for runs of five or more, N2 = 3 per 2×2
    /// block of one colour, N3 = 40 per 1:1:3:1:1 finder-like pattern with four light modules on a
    /// side (outside the symbol counts as light), N4 = 10 per 5% the dark share is off 50%.
    func penalty() -> Int {
        var score = 0
        var line = [Bool](repeating: false, count: size)
        for y in 0..<size {
            for x in 0..<size {
                line[x] = modules[y * size + x]
            }
            score += Self.linePenalty(line)
        }
        for x in 0..<size {
            for y in 0..<size {
                line[y] = modules[y * size + x]
            }
            score += Self.linePenalty(line)
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = modules[y * size + x]
                if colour == modules[y * size + x + 1]
                    && colour == modules[(y + 1) * size + x]
                    && colour == modules[(y + 1) * size + x + 1] {
                    score += 3
                }
            }
        }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        // The smallest k with (45 - 5k)% <= dark share <= (55 + 5k)%; total is odd, so never exactly 50%.
        let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        score += max(0, k) * 10
        return score
    }

    /// Rules N1 and N3 for one row or column.
    static func linePenalty(_ line: [Bool]) -> Int {
        // Run lengths alternating light, dark, light, …: even indices are light runs, and the
        // list starts and ends with a light run (of length 0 when the line starts or ends dark).
        var runs = [Int]()
        var colour = false
        var length = 0
        for module in line {
            if module == colour {
                length += 1
            } else {
                runs.append(length)
                colour = module
                length = 1
            }
        }
        runs.append(length)
        if colour {
            runs.append(0)
        }

        var score = 0
        for run in runs where run >= 5 {
            score += 3 + (run - 5)
        }

        // The light area beyond the symbol edge joins the first and last light runs.
        runs[0] += line.count
        runs[runs.count - 1] += line.count
        var start = 0
        while start + 6 < runs.count {
            let unit = runs[start + 1]
            if unit > 0 && runs[start + 2] == unit && runs[start + 3] == 3 * unit
                && runs[start + 4] == unit && runs[start + 5] == unit {
                if runs[start] >= 4 * unit && runs[start + 6] >= unit {
                    score += 40
                }
                if runs[start + 6] >= 4 * unit && runs[start] >= unit {
                    score += 40
                }
            }
            start += 2
        }
        return score
    }
}

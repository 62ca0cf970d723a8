/// The error correction level of a QR Code symbol: about 7%, 15%, 25% or 30% of codewords recoverable.
public enum QRErrorCorrection: Sendable, Equatable, CaseIterable {
    case low, medium, quartile, high

    /// Index into the rows of the capacity tables (L, M, Q, H).
    var ordinal: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .quartile: return 2
        case .high: return 3
        }
    }

    /// The two error correction bits of the format information (L = 01, M = 00, Q = 11, H = 10).
    var formatBits: Int {
        switch self {
        case .low: return 0b01
        case .medium: return 0b00
        case .quartile: return 0b11
        case .high: return 0b10
        }
    }
}

/// Why a QR Code could not be made.
public enum QRCodeError: Error, Sendable, Equatable {
    /// The data does not fit a version 40 symbol at the requested error correction level.
    case tooLong
}

/// A QR Code Model 2 symbol (ISO/IEC 18004), versions 1 to 40, as a square grid of dark and light modules.
///
/// Text is encoded in alphanumeric mode when it consists only of 0-9, A-Z, space and $ % * + - . / :,
/// and as its UTF-8 bytes in byte mode otherwise. The smallest version that fits is chosen, and the
/// mask with the lowest penalty score. The quiet zone (4 modules) is not part of the grid.
public struct QRCode: Sendable, Equatable {
    /// Modules per side: 21 for version 1 up to 177 for version 40.
    public let size: Int
    /// The version, 1...40.
    let version: Int
    /// The error correction level.
    let errorCorrection: QRErrorCorrection
    /// The data mask pattern applied, 0...7.
    let mask: Int
    /// Row-major module colours, `true` for dark.
    private let modules: [Bool]

    /// Encodes `text` in the smallest symbol that holds it at the given error correction level.
    /// - Throws: `QRCodeError.tooLong` when it does not fit version 40.
    public init(encoding text: String, errorCorrection: QRErrorCorrection = .medium) throws {
        let bytes = Array(text.utf8)
        let mode = QREncoder.mode(for: bytes)
        let payload = QREncoder.payloadBits(bytes, mode: mode)
        guard let version = QREncoder.smallestVersion(
            characterCount: bytes.count, payloadBits: payload.count, mode: mode, level: errorCorrection
        ) else {
            throw QRCodeError.tooLong
        }
        let data = QREncoder.dataCodewords(bytes, mode: mode, version: version, level: errorCorrection)
        self.init(version: version, errorCorrection: errorCorrection, dataCodewords: data, mask: nil)
    }

    /// Builds the symbol for already assembled data codewords (exactly the version's data capacity).
    /// With `mask` nil every mask is tried and the one with the lowest penalty kept (the first on a tie).
    init(version: Int, errorCorrection: QRErrorCorrection, dataCodewords: [UInt8], mask forcedMask: Int?) {
        precondition((QRTables.minVersion...QRTables.maxVersion).contains(version), "QR version out of range")
        let codewords = QREncoder.interleavedCodewords(dataCodewords, version: version, level: errorCorrection)
        var base = QRMatrix(version: version)
        base.placeCodewords(codewords)

        let candidates: [Int]
        if let forcedMask, (0..<8).contains(forcedMask) {
            candidates = [forcedMask]
        } else {
            candidates = Array(0..<8)
        }
        var best = base
        var bestMask = candidates[0]
        var bestPenalty = Int.max
        for candidateMask in candidates {
            var candidate = base
            candidate.applyMask(candidateMask)
            candidate.drawFormatBits(QRMatrix.formatBits(level: errorCorrection, mask: candidateMask))
            let penalty = candidates.count == 1 ? 0 : candidate.penalty()
            if penalty < bestPenalty {
                best = candidate
                bestMask = candidateMask
                bestPenalty = penalty
            }
        }

        self.size = best.size
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = bestMask
        self.modules = best.modules
    }

    /// Whether the module in column `x` and row `y` (0-based, from the top left) is dark;
    /// `false` outside the grid, so a quiet zone can be drawn by asking beyond the edges.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}

/// A font from the PDF standard 14 set, written with /Encoding /WinAnsiEncoding (no embedding needed).
public enum PDFFont: Sendable, Equatable, CaseIterable {
    case helvetica, helveticaBold, helveticaOblique

    /// The PostScript name of the font.
    var baseFont: String {
        switch self {
        case .helvetica: return "Helvetica"
        case .helveticaBold: return "Helvetica-Bold"
        case .helveticaOblique: return "Helvetica-Oblique"
        }
    }

    /// The name of the font in every page's resource dictionary.
    var resourceName: String {
        switch self {
        case .helvetica: return "F1"
        case .helveticaBold: return "F2"
        case .helveticaOblique: return "F3"
        }
    }

    /// Advance widths in 1/1000 em for WinAnsiEncoding codes 32...255 (index = code - 32), from
    /// Adobe's Font Metrics files; Helvetica-Oblique shares the widths of Helvetica. The unused codes
    /// 0x7F, 0x81, 0x8D, 0x8F, 0x90 and 0x9D carry the bullet's width, as PDF viewers show a bullet.
    var widths: [Int] {
        switch self {
        case .helvetica, .helveticaOblique: return Self.helveticaWidths
        case .helveticaBold: return Self.helveticaBoldWidths
        }
    }

    /// The width in points of WinAnsi-encoded bytes set at `size` points.
    func width(ofEncoded bytes: [UInt8], size: Double) -> Double {
        let table = widths
        var total = 0
        for byte in bytes where byte >= 32 {
            total += table[Int(byte) - 32]
        }
        return Double(total) * size / 1000
    }

    /// The width in points of `text` set in this font at `size` points (no kerning), after the same
    /// Windows-1252 conversion the page applies when drawing it.
    public func width(of text: String, size: Double) -> Double {
        width(ofEncoded: WinAnsi.encode(text), size: size)
    }

    /// Helvetica (and Helvetica-Oblique), codes 32...255.
    static let helveticaWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // 0x20
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0x30
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // 0x40
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // 0x50
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // 0x60
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,  // 0x70
        556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,  // 0x80
        350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667,  // 0x90
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,  // 0xa0
        400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,  // 0xb0
        667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,  // 0xc0
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,  // 0xd0
        556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,  // 0xe0
        556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,  // 0xf0
    ]

    /// Helvetica-Bold, codes 32...255.
    static let helveticaBoldWidths: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,  // 0x20
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,  // 0x30
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,  // 0x40
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,  // 0x50
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,  // 0x60
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,  // 0x70
        556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,  // 0x80
        350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667,  // 0x90
        278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,  // 0xa0
        400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,  // 0xb0
        722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,  // 0xc0
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,  // 0xd0
        556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,  // 0xe0
        611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,  // 0xf0
    ]
}

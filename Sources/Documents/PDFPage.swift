/// An RGB colour for PDF drawing, each component in 0...1.
public struct PDFColor: Sendable, Equatable {
    /// Red, 0...1.
    public var r: Double
    /// Green, 0...1.
    public var g: Double
    /// Blue, 0...1.
    public var b: Double

    /// A colour from components in 0...1 (values outside are clamped when written).
    public init(r: Double, g: Double, b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// A colour from a 24-bit 0xRRGGBB value, e.g. `PDFColor(hex: 0x1F6FEB)`.
    public init(hex: UInt32) {
        self.init(
            r: Double((hex >> 16) & 0xFF) / 255,
            g: Double((hex >> 8) & 0xFF) / 255,
            b: Double(hex & 0xFF) / 255
        )
    }

    /// Black (0, 0, 0).
    public static let black = PDFColor(r: 0, g: 0, b: 0)
    /// White (1, 1, 1).
    public static let white = PDFColor(r: 1, g: 1, b: 1)

    /// The three components as PDF numbers, separated by spaces.
    var operands: String {
        [r, g, b].map { PDFNumber.format(min(max($0, 0), 1)) }.joined(separator: " ")
    }
}

/// One page's drawing, recorded as PDF content-stream operators. Coordinates are in points
/// (1/72 inch) from the bottom-left corner of the page; text `y` is the baseline.
public struct PDFPage: Sendable, Equatable {
    /// One piece of the page: drawing operators as written, or text whose glyph codes the document
    /// fills in once it knows every glyph each font draws.
    enum Part: Sendable, Equatable {
        case operators(String)
        case text(TextRun)
    }

    /// Text in one font, size and colour starting at one point.
    struct TextRun: Sendable, Equatable {
        let font: PDFFont
        let size: Double
        let x: Double, y: Double
        let color: PDFColor
        let glyphs: [UInt16]
        /// The character each glyph stands for (for the document's map back to Unicode).
        let scalars: [Unicode.Scalar]
    }

    /// The drawing so far, in order.
    private(set) var parts: [Part] = []

    /// An empty page.
    public init() {}

    /// Draws `string` with its baseline starting at (`x`, `y`).
    public mutating func text(_ string: String, x: Double, y: Double, size: Double, font: PDFFont, color: PDFColor = .black) {
        draw(font.glyphs(string), x: x, y: y, size: size, font: font, color: color)
    }

    /// Draws `string` horizontally centred on `centerX`, using the font's glyph widths.
    public mutating func centeredText(_ string: String, centerX: Double, y: Double, size: Double, font: PDFFont, color: PDFColor = .black) {
        let shaped = font.glyphs(string)
        draw(shaped, x: centerX - font.width(of: shaped, size: size) / 2, y: y, size: size, font: font, color: color)
    }

    /// Draws `string` centred on `centerX` at `size` points, or smaller (down to 6 points) when it would
    /// be wider than `width`: a long name or a long translation stays inside the page.
    public mutating func centeredText(_ string: String, centerX: Double, y: Double, size: Double, fitting width: Double, font: PDFFont, color: PDFColor = .black) {
        let shaped = font.glyphs(string)
        let fitted = PDFFont.fit(natural: font.width(of: shaped, size: size), size: size, width: width, minimum: 6)
        draw(shaped, x: centerX - font.width(of: shaped, size: fitted) / 2, y: y, size: fitted, font: font, color: color)
    }

    /// Draws `string` so that it ends at `rightX`, using the font's glyph widths.
    public mutating func rightAlignedText(_ string: String, rightX: Double, y: Double, size: Double, font: PDFFont, color: PDFColor = .black) {
        let shaped = font.glyphs(string)
        draw(shaped, x: rightX - font.width(of: shaped, size: size), y: y, size: size, font: font, color: color)
    }

    /// Records glyphs from `PDFFont.glyphs(_:)`, shaped once by the caller that also measured them.
    private mutating func draw(_ shaped: [(glyph: UInt16, scalar: Unicode.Scalar)], x: Double, y: Double, size: Double, font: PDFFont, color: PDFColor) {
        guard !shaped.isEmpty else { return }
        parts.append(.text(TextRun(font: font, size: size, x: x, y: y, color: color, glyphs: shaped.map(\.glyph), scalars: shaped.map(\.scalar))))
    }

    private mutating func draw(_ operators: String) {
        parts.append(.operators(operators))
    }

    /// Draws a rectangle with its bottom-left corner at (`x`, `y`), filled and/or stroked; nothing when both are nil.
    public mutating func rectangle(
        x: Double, y: Double, width: Double, height: Double,
        fill: PDFColor? = nil, stroke: PDFColor? = nil, lineWidth: Double = 1
    ) {
        let paint: String
        switch (fill, stroke) {
        case (nil, nil): return
        case (.some, nil): paint = "f"
        case (nil, .some): paint = "S"
        case (.some, .some): paint = "B"
        }
        var operators = "q "
        if let fill {
            operators += "\(fill.operands) rg "
        }
        if let stroke {
            operators += "\(stroke.operands) RG \(PDFNumber.format(lineWidth)) w "
        }
        operators += "\(PDFNumber.format(x)) \(PDFNumber.format(y)) "
        operators += "\(PDFNumber.format(width)) \(PDFNumber.format(height)) re \(paint) Q\n"
        draw(operators)
    }

    /// Draws a straight line from (`x1`, `y1`) to (`x2`, `y2`).
    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double,
        color: PDFColor = .black, lineWidth: Double = 1
    ) {
        draw("q \(color.operands) RG \(PDFNumber.format(lineWidth)) w "
            + "\(PDFNumber.format(x1)) \(PDFNumber.format(y1)) m \(PDFNumber.format(x2)) \(PDFNumber.format(y2)) l S Q\n")
    }

    /// Draws the dark modules of `code` in a `size` × `size` square whose bottom-left corner is at
    /// (`x`, `y`). Each horizontal run of dark modules becomes one rectangle, all filled as one path.
    /// The quiet zone (four light modules on every side) is the caller's to leave free.
    public mutating func qrCode(_ code: QRCode, x: Double, y: Double, size: Double, color: PDFColor = .black) {
        guard code.size > 0, size > 0 else { return }
        let module = size / Double(code.size)
        // Work in module units with row 0 at the top: (column, row) → (x + column·m, y + size − row·m).
        var operators = "q \(color.operands) rg "
        operators += "\(PDFNumber.format(module)) 0 0 \(PDFNumber.format(-module)) "
        operators += "\(PDFNumber.format(x)) \(PDFNumber.format(y + size)) cm\n"
        for row in 0..<code.size {
            var column = 0
            while column < code.size {
                guard code.isDark(x: column, y: row) else {
                    column += 1
                    continue
                }
                let start = column
                while column < code.size && code.isDark(x: column, y: row) {
                    column += 1
                }
                operators += "\(start) \(row) \(column - start) 1 re\n"
            }
        }
        operators += "f Q\n"
        draw(operators)
    }
}

/// Writing numbers the way PDF wants them: plain decimals, no exponent, at most four fraction digits.
enum PDFNumber {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = Int((min(max(value, -1e9), 1e9) * 10_000).rounded())
        let magnitude = scaled.magnitude
        var text = scaled < 0 ? "-" : ""
        text += String(magnitude / 10_000)
        var fraction = magnitude % 10_000
        if fraction != 0 {
            var digits = 4
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }
}

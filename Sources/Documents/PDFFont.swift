import Foundation

/// A typeface for PDF text: a `TrueTypeFont` that the document embeds as a subset of the glyphs it
/// draws, with a map back to Unicode, so text in any script the font covers prints, searches and copies.
public struct PDFFont: Sendable, Equatable {
    /// The font file.
    public let face: TrueTypeFont

    /// A PDF font drawn with `face`.
    public init(_ face: TrueTypeFont) {
        self.face = face
    }

    public static func == (left: PDFFont, right: PDFFont) -> Bool {
        left.face === right.face
    }

    /// The glyphs that draw `text`, one per Unicode scalar after composing (NFC) it, with the scalar
    /// each stands for. Control characters (tabs, line breaks) become spaces; a character the font
    /// lacks becomes glyph 0, which viewers show as a box.
    func glyphs(_ text: String) -> [(glyph: UInt16, scalar: Unicode.Scalar)] {
        text.precomposedStringWithCanonicalMapping.unicodeScalars.map { scalar in
            let shown: Unicode.Scalar = scalar.properties.generalCategory == .control ? " " : scalar
            return (face.glyph(for: shown), shown)
        }
    }

    /// The advance width of `glyph` in thousandths of an em, as the PDF's `/W` array gives it.
    func width(ofGlyph glyph: UInt16) -> Int {
        (face.advance(of: glyph) * 1000 + face.unitsPerEm / 2) / face.unitsPerEm
    }

    /// The width in points of `text` set in this font at `size` points (no kerning).
    public func width(of text: String, size: Double) -> Double {
        width(of: glyphs(text), size: size)
    }

    /// The width in points of glyphs from `glyphs(_:)` at `size` points.
    func width(of shaped: [(glyph: UInt16, scalar: Unicode.Scalar)], size: Double) -> Double {
        Double(shaped.reduce(0) { $0 + width(ofGlyph: $1.glyph) }) * size / 1000
    }

    /// `size`, or smaller (down to `minimum`) so that `text` is at most `width` points wide.
    public func size(of text: String, at size: Double, fitting width: Double, minimum: Double = 6) -> Double {
        Self.fit(natural: self.width(of: text, size: size), size: size, width: width, minimum: minimum)
    }

    static func fit(natural: Double, size: Double, width: Double, minimum: Double) -> Double {
        natural <= width ? size : max(minimum, size * width / natural)
    }
}

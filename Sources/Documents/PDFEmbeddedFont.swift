/// One font as a document embeds it: the glyphs its pages draw, subset and renumbered, written as a
/// `Type0` font with `Identity-H` encoding (two-byte codes that are the subset's glyph ids), its
/// `CIDFontType2` descendant with the glyph widths, the font descriptor, the font file and a
/// `ToUnicode` map that gives each code its text back.
struct PDFEmbeddedFont {
    /// The objects it takes: font, descendant, descriptor, file, ToUnicode.
    static let objectCount = 5

    let font: PDFFont
    let subset: TrueTypeSubset
    /// The text each new glyph id stands for, from the runs that drew it.
    private let text: [UInt16: [Unicode.Scalar]]

    /// Collects the glyphs of every run drawn in `font`.
    init(font: PDFFont, runs: [PDFPage.TextRun]) {
        self.font = font
        subset = TrueTypeSubset(font.face, glyphs: runs.flatMap(\.glyphs))
        var text: [UInt16: [Unicode.Scalar]] = [:]
        for run in runs {
            for (glyph, scalar) in zip(run.glyphs, run.scalars) where glyph != 0 {
                if let code = subset.newGlyph[glyph], text[code] == nil { text[code] = [scalar] }
            }
        }
        self.text = text
    }

    /// The hex string a content stream shows for `glyphs` (original ids).
    func codes(_ glyphs: [UInt16]) -> String {
        var hex = "<"
        hex.reserveCapacity(glyphs.count * 4 + 2)
        for glyph in glyphs { hex += PDFHex.word(subset.newGlyph[glyph] ?? 0) }
        return hex + ">"
    }

    /// Six capital letters from the glyph set, so two different subsets of one font get different names.
    var baseFont: String {
        var hash: UInt32 = 2_166_136_261
        for glyph in subset.originalGlyphs {
            hash = (hash ^ UInt32(glyph)) &* 16_777_619
        }
        var tag = ""
        for _ in 0..<6 {
            tag.unicodeScalars.append(Unicode.Scalar(UInt8(65 + hash % 26)))
            hash /= 26
        }
        return "\(tag)+\(font.face.postScriptName)"
    }

    /// Writes the five objects from `first` on.
    func write(to writer: inout PDFWriter, first: Int) {
        let face = font.face
        func scaled(_ units: Int) -> Int { units * 1000 / face.unitsPerEm }
        writer.object(first, "<< /Type /Font /Subtype /Type0 /BaseFont /\(baseFont) /Encoding /Identity-H "
                        + "/DescendantFonts [\(first + 1) 0 R] /ToUnicode \(first + 4) 0 R >>")
        let widths = subset.originalGlyphs.map { String(font.width(ofGlyph: $0)) }.joined(separator: " ")
        writer.object(first + 1, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(baseFont) "
                        + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                        + "/FontDescriptor \(first + 2) 0 R /CIDToGIDMap /Identity /W [0 [\(widths)]] >>")
        let box = face.boundingBox.map { String(scaled($0)) }.joined(separator: " ")
        writer.object(first + 2, "<< /Type /FontDescriptor /FontName /\(baseFont) /Flags 32 /FontBBox [\(box)] "
                        + "/ItalicAngle 0 /Ascent \(scaled(face.ascent)) /Descent \(scaled(face.descent)) "
                        + "/CapHeight \(scaled(face.capHeight)) /StemV \(face.isBold ? 140 : 80) /FontFile2 \(first + 3) 0 R >>")
        writer.stream(first + 3, content: subset.bytes, entries: "/Length1 \(subset.bytes.count)")
        writer.stream(first + 4, content: Array(toUnicode().utf8))
    }

    /// The `ToUnicode` CMap: one `bfchar` entry per glyph that stands for text, at most 100 per block.
    func toUnicode() -> String {
        var map = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        let entries = text.keys.sorted()
        for start in stride(from: 0, to: entries.count, by: 100) {
            let block = entries[start..<min(start + 100, entries.count)]
            map += "\(block.count) beginbfchar\n"
            for code in block {
                map += "<\(PDFHex.word(code))> <\(text[code]!.flatMap { String($0).utf16 }.map(PDFHex.word).joined())>\n"
            }
            map += "endbfchar\n"
        }
        return map + "endcmap\nCMapName currentdict /defineresource exec pop\nend\nend\n"
    }
}

/// Upper-case hexadecimal for PDF strings.
enum PDFHex {
    private static let digits = Array("0123456789ABCDEF".unicodeScalars)

    /// Four hex digits of a 16-bit value.
    static func word(_ value: UInt16) -> String {
        var text = ""
        for shift in [12, 8, 4, 0] { text.unicodeScalars.append(digits[Int((value >> UInt16(shift)) & 0xF)]) }
        return text
    }

    /// A PDF text string in UTF-16BE with its byte-order mark, e.g. for the document title.
    static func textString(_ string: String) -> String {
        "<FEFF" + string.utf16.map(word).joined() + ">"
    }
}

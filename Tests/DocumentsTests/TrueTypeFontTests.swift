@testable import Documents
import Foundation
import Testing

/// The fonts shipped in `certificates/fonts/`, read once for the tests.
enum FontFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("certificates/fonts").path
    static let regularBytes = Array(FileManager.default.contents(atPath: folder + "/DejaVuSans.ttf") ?? Data())
    static let regular = try! TrueTypeFont(bytes: regularBytes)
    static let bold = try! TrueTypeFont(bytes: Array(FileManager.default.contents(atPath: folder + "/DejaVuSans-Bold.ttf") ?? Data()))
}

/// Reading a TrueType font and cutting a subset out of it; the values were read off the file with an
/// independent parser (Python's struct module).
struct TrueTypeFontTests {
    @Test func reads_namesMetricsAndTheUnicodeMap() {
        let font = FontFiles.regular
        #expect(font.postScriptName == "DejaVuSans")
        #expect(FontFiles.bold.postScriptName == "DejaVuSans-Bold")
        #expect(font.unitsPerEm == 2048)
        #expect(font.glyphCount == 6253)
        #expect(!font.isBold && FontFiles.bold.isBold)
        #expect(font.glyph(for: "H") == 43)
        #expect(font.glyph(for: "Ł") == 259)
        #expect(font.glyph(for: "ó") == 181)
        #expect(font.glyph(for: "Ж") == 939)
        #expect(font.advance(of: 43) == 1540)
        #expect(font.advance(of: 939) == 2206)
        // A scalar the font does not draw gets .notdef.
        #expect(font.glyph(for: "\u{10FFFD}") == 0)
        #expect(font.glyph(for: "\u{E000}") == 0)
    }

    @Test func refuses_filesThatAreNotFontsOrAreCutShort() {
        #expect(throws: TrueTypeFont.Invalid.self) { try TrueTypeFont(bytes: []) }
        #expect(throws: TrueTypeFont.Invalid.self) { try TrueTypeFont(bytes: Array("%PDF-1.4 not a font".utf8)) }
        #expect(throws: TrueTypeFont.Invalid.self) { try TrueTypeFont(bytes: Array(FontFiles.regularBytes.prefix(4_000))) }
        // A directory that points past the end of the file.
        var broken = FontFiles.regularBytes
        broken.replaceBigEndian(at: 12 + 8, UInt32(broken.count))
        #expect(throws: TrueTypeFont.Invalid.self) { try TrueTypeFont(bytes: broken) }
    }

    @Test func subset_keepsNotdefAndTheUsedGlyphs_andBringsCompositeParts() {
        let font = FontFiles.regular
        // ó (181) is built from o (82) and the acute accent (118).
        let subset = TrueTypeSubset(font, glyphs: [font.glyph(for: "ó"), font.glyph(for: "H"), font.glyph(for: "H")])
        #expect(subset.originalGlyphs == [0, 43, 181, 82, 118])
        #expect(subset.newGlyph[181] == 2 && subset.newGlyph[82] == 3 && subset.newGlyph[118] == 4)
        let tables = Self.tables(subset.bytes)
        #expect(Set(tables.keys) == ["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"])
        let maxp = tables["maxp"]!
        #expect(UInt16(maxp[4]) << 8 | UInt16(maxp[5]) == 5)
        // The composite's references now name the subset's ids 3 and 4.
        let glyf = tables["glyf"]!, loca = tables["loca"]!
        func offset(_ glyph: Int) -> Int { (0..<4).reduce(0) { $0 << 8 | Int(loca[4 * glyph + $1]) } }
        let composite = glyf[offset(2)..<offset(3)]
        #expect(TrueTypeSubset.components(of: composite).map(\.glyph) == [3, 4])
        // A simple glyph is copied byte for byte.
        #expect(Array(glyf[offset(1)..<offset(1) + font.outline(of: 43).count]) == Array(font.outline(of: 43)))
        #expect(tables["hmtx"]!.count == 5 * 4)
    }

    @Test func subset_hasValidTableAndFileChecksums() {
        let subset = TrueTypeSubset(FontFiles.bold, glyphs: "Готель Київ".unicodeScalars.map(FontFiles.bold.glyph(for:)))
        let bytes = subset.bytes
        #expect(bytes.count % 4 == 0)
        #expect(TrueTypeSubset.checksum(bytes) == 0xB1B0_AFBA)
        let count = Int(bytes[4]) << 8 | Int(bytes[5])
        for index in 0..<count {
            let record = Array(bytes[(12 + 16 * index)..<(28 + 16 * index)])
            let word = { (at: Int) in record[at..<at + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
            let tag = String(decoding: record[0..<4], as: UTF8.self)
            let table = Array(bytes[Int(word(8))..<Int(word(8) + word(12))])
            if tag != "head" { #expect(TrueTypeSubset.checksum(table) == word(4), "\(tag)") }
        }
    }

    /// The tables of a font file by tag.
    static func tables(_ bytes: [UInt8]) -> [String: [UInt8]] {
        var tables: [String: [UInt8]] = [:]
        for index in 0..<(Int(bytes[4]) << 8 | Int(bytes[5])) {
            let record = 12 + 16 * index
            let word = { (at: Int) in bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            tables[String(decoding: bytes[record..<record + 4], as: UTF8.self)] = Array(bytes[word(record + 8)..<word(record + 8) + word(record + 12)])
        }
        return tables
    }
}

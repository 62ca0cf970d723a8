/// A TrueType font (`.ttf`) read once: what a PDF needs to measure text, pick glyphs and embed a subset.
///
/// Only the tables a PDF viewer uses are read: `head`, `hhea`, `maxp`, `hmtx`, `loca`, `glyf`, the
/// Unicode `cmap` (format 4 or 12), `OS/2` for the metrics of the font descriptor and `name` for the
/// PostScript name. The hinting tables (`cvt `, `fpgm`, `prep`) are kept as they are for the subset.
public final class TrueTypeFont: Sendable {
    /// Why a file is not a font this reader can use.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The font's PostScript name (`DejaVuSans-Bold`), used as its PDF `/BaseFont`.
    public let postScriptName: String
    /// Font units per em (2048 for DejaVu Sans).
    public let unitsPerEm: Int
    /// Glyphs in the font.
    let glyphCount: Int
    /// Typographic ascent and descent (negative), in font units.
    let ascent: Int, descent: Int
    /// Height of capital letters in font units (the ascent when the font does not say).
    let capHeight: Int
    /// Bounding box of all glyphs: xMin, yMin, xMax, yMax in font units.
    let boundingBox: [Int]
    /// Whether the font is bold (from `head.macStyle`), for the PDF's stem width hint.
    let isBold: Bool
    /// The glyph for each Unicode scalar the font maps.
    private let glyphs: [UInt32: UInt16]
    /// Advance width of each glyph in font units.
    private let advances: [UInt16]
    /// Left side bearing of each glyph in font units (kept in the subset's `hmtx`).
    let leftSideBearings: [Int16]
    /// Each glyph's byte range in `glyf`; glyph `g` is `glyphOffsets[g]..<glyphOffsets[g + 1]`.
    private let glyphOffsets: [Int]
    /// The raw tables by tag.
    let tables: [String: [UInt8]]

    /// Reads a font file.
    public init(bytes: [UInt8]) throws {
        let reader = FontReader(bytes: bytes)
        let version = try reader.uint32(0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else {
            throw Invalid(description: "not a TrueType font (version 0x\(String(version, radix: 16)))")
        }
        var tables: [String: [UInt8]] = [:]
        for index in 0..<Int(try reader.uint16(4)) {
            let record = 12 + 16 * index
            let tag = String(decoding: try reader.slice(record, 4), as: UTF8.self)
            let offset = Int(try reader.uint32(record + 8)), length = Int(try reader.uint32(record + 12))
            tables[tag] = Array(try reader.slice(offset, length))
        }
        for tag in ["head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"] where tables[tag] == nil {
            throw Invalid(description: "the font has no '\(tag)' table")
        }
        let head = FontReader(bytes: tables["head"]!), hhea = FontReader(bytes: tables["hhea"]!)
        unitsPerEm = Int(try head.uint16(18))
        guard unitsPerEm >= 16 else { throw Invalid(description: "unitsPerEm \(unitsPerEm) is out of range") }
        boundingBox = try [36, 38, 40, 42].map { Int(try head.int16($0)) }
        isBold = try head.uint16(44) & 1 != 0
        let longOffsets = try head.int16(50) == 1
        glyphCount = Int(try FontReader(bytes: tables["maxp"]!).uint16(4))
        ascent = Int(try hhea.int16(4))
        descent = Int(try hhea.int16(6))
        let os2 = FontReader(bytes: tables["OS/2"] ?? [])
        if let version = try? os2.uint16(0), version >= 2, let height = try? os2.int16(88), height > 0 {
            capHeight = Int(height)
        } else {
            capHeight = ascent
        }

        let metricCount = Int(try hhea.uint16(34))
        let hmtx = FontReader(bytes: tables["hmtx"]!)
        guard metricCount >= 1, metricCount <= glyphCount else { throw Invalid(description: "hhea has \(metricCount) metrics for \(glyphCount) glyphs") }
        var advances: [UInt16] = [], bearings: [Int16] = []
        advances.reserveCapacity(glyphCount)
        bearings.reserveCapacity(glyphCount)
        for glyph in 0..<metricCount {
            advances.append(try hmtx.uint16(4 * glyph))
            bearings.append(try hmtx.int16(4 * glyph + 2))
        }
        advances += Array(repeating: advances[metricCount - 1], count: glyphCount - metricCount)
        for glyph in metricCount..<glyphCount { bearings.append(try hmtx.int16(4 * metricCount + 2 * (glyph - metricCount))) }
        self.advances = advances
        self.leftSideBearings = bearings

        let loca = FontReader(bytes: tables["loca"]!)
        glyphOffsets = try (0...glyphCount).map { longOffsets ? Int(try loca.uint32(4 * $0)) : 2 * Int(try loca.uint16(2 * $0)) }
        guard zip(glyphOffsets, glyphOffsets.dropFirst()).allSatisfy({ $0 <= $1 }), glyphOffsets.last! <= tables["glyf"]!.count else {
            throw Invalid(description: "the 'loca' table points outside 'glyf'")
        }
        glyphs = try Self.unicodeMap(FontReader(bytes: tables["cmap"]!), glyphCount: glyphCount)
        postScriptName = Self.postScriptName(tables["name"]) ?? "Embedded"
        self.tables = tables
    }

    /// The glyph that draws `scalar`, or 0 (`.notdef`) when the font has none.
    public func glyph(for scalar: Unicode.Scalar) -> UInt16 {
        glyphs[scalar.value] ?? 0
    }

    /// The advance width of `glyph` in font units.
    func advance(of glyph: UInt16) -> Int {
        Int(glyph) < advances.count ? Int(advances[Int(glyph)]) : 0
    }

    /// The outline bytes of `glyph` in `glyf` (empty for a glyph without outline, such as the space).
    func outline(of glyph: UInt16) -> ArraySlice<UInt8> {
        let index = Int(glyph)
        guard index < glyphCount else { return [] }
        return tables["glyf"]![glyphOffsets[index]..<glyphOffsets[index + 1]]
    }

    /// The Unicode `cmap` subtable, preferring the full repertoire (3,10 format 12) over the BMP (3,1 / 0,x format 4).
    private static func unicodeMap(_ cmap: FontReader, glyphCount: Int) throws -> [UInt32: UInt16] {
        var best: (rank: Int, offset: Int)?
        for index in 0..<Int(try cmap.uint16(2)) {
            let platform = try cmap.uint16(4 + 8 * index), encoding = try cmap.uint16(6 + 8 * index)
            let offset = Int(try cmap.uint32(8 + 8 * index))
            let format = try cmap.uint16(offset)
            let rank: Int
            switch (platform, encoding, format) {
            case (3, 10, 12), (0, 4, 12), (0, 6, 12): rank = 2
            case (3, 1, 4), (0, 3, 4), (0, 0, 4), (0, 1, 4): rank = 1
            default: continue
            }
            if rank > best?.rank ?? 0 { best = (rank, offset) }
        }
        guard let best else { throw Invalid(description: "the font has no Unicode 'cmap' of format 4 or 12") }
        var map: [UInt32: UInt16] = [:]
        func add(_ scalar: UInt32, _ glyph: Int) {
            if glyph > 0, glyph < glyphCount { map[scalar] = UInt16(glyph) }
        }
        let offset = best.offset
        if try cmap.uint16(offset) == 12 {
            for group in 0..<Int(try cmap.uint32(offset + 12)) {
                let record = offset + 16 + 12 * group
                let first = try cmap.uint32(record), last = try cmap.uint32(record + 4), glyph = try cmap.uint32(record + 8)
                guard first <= last, last <= 0x10FFFF, last - first < 0x1_0000 else { throw Invalid(description: "a 'cmap' group is out of range") }
                for scalar in first...last { add(scalar, Int(glyph + (scalar - first))) }
            }
            return map
        }
        let segments = Int(try cmap.uint16(offset + 6)) / 2
        let ends = offset + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, ranges = deltas + 2 * segments
        for segment in 0..<segments {
            let end = try cmap.uint16(ends + 2 * segment), start = try cmap.uint16(starts + 2 * segment)
            let delta = Int(try cmap.uint16(deltas + 2 * segment)), rangeAt = ranges + 2 * segment
            let rangeOffset = Int(try cmap.uint16(rangeAt))
            guard start <= end, start != 0xFFFF else { continue }
            for code in Int(start)...Int(end) {
                if rangeOffset == 0 {
                    add(UInt32(code), (code + delta) & 0xFFFF)
                } else {
                    let glyph = Int(try cmap.uint16(rangeAt + rangeOffset + 2 * (code - Int(start))))
                    add(UInt32(code), glyph == 0 ? 0 : (glyph + delta) & 0xFFFF)
                }
            }
        }
        return map
    }

    /// Name id 6 from the `name` table (Windows UTF-16 or Macintosh Roman), restricted to PDF-safe characters.
    private static func postScriptName(_ table: [UInt8]?) -> String? {
        guard let table else { return nil }
        let name = FontReader(bytes: table)
        guard let count = try? name.uint16(2), let storage = try? name.uint16(4) else { return nil }
        for index in 0..<Int(count) {
            let record = 6 + 12 * index
            guard let platform = try? name.uint16(record), let nameID = try? name.uint16(record + 6), nameID == 6,
                  let length = try? name.uint16(record + 8), let offset = try? name.uint16(record + 10),
                  let bytes = try? name.slice(Int(storage) + Int(offset), Int(length)) else { continue }
            let text = platform == 1 ? String(decoding: bytes, as: UTF8.self)
                : String(decoding: stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }, as: UTF16.self)
            let safe = String(text.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
            if !safe.isEmpty { return safe }
        }
        return nil
    }
}

/// Big-endian reads from a font's bytes that throw instead of trapping at the end.
struct FontReader {
    let bytes: [UInt8]

    func slice(_ offset: Int, _ length: Int) throws -> ArraySlice<UInt8> {
        guard offset >= 0, length >= 0, offset <= bytes.count - length else {
            throw TrueTypeFont.Invalid(description: "the font is cut short (\(length) bytes at \(offset) of \(bytes.count))")
        }
        return bytes[offset..<offset + length]
    }

    func uint16(_ offset: Int) throws -> UInt16 {
        let pair = try slice(offset, 2)
        return UInt16(pair[offset]) << 8 | UInt16(pair[offset + 1])
    }

    func int16(_ offset: Int) throws -> Int16 { Int16(bitPattern: try uint16(offset)) }

    func uint32(_ offset: Int) throws -> UInt32 {
        UInt32(try uint16(offset)) << 16 | UInt32(try uint16(offset + 2))
    }
}

/// A smaller copy of a `TrueTypeFont` with only the glyphs a document draws, renumbered from 0
/// (`.notdef`) in the order of `originalGlyphs`, for embedding as a PDF `FontFile2`.
///
/// Composite glyphs bring the glyphs they are built from, with their references renumbered. The
/// subset keeps the tables a PDF viewer needs (`head`, `hhea`, `maxp`, `hmtx`, `loca`, `glyf` and the
/// hinting tables); the character map stays out, as the PDF maps codes to glyphs itself.
struct TrueTypeSubset {
    /// The original glyph of each new glyph id.
    let originalGlyphs: [UInt16]
    /// The new id of each original glyph that is in the subset.
    let newGlyph: [UInt16: UInt16]
    /// The font file.
    let bytes: [UInt8]

    init(_ font: TrueTypeFont, glyphs used: some Sequence<UInt16>) {
        var order: [UInt16] = [0]
        var index: [UInt16: UInt16] = [0: 0]
        func include(_ glyph: UInt16) {
            guard index[glyph] == nil, Int(glyph) < font.glyphCount else { return }
            index[glyph] = UInt16(order.count)
            order.append(glyph)
        }
        for glyph in Set(used).sorted() { include(glyph) }
        var next = 0
        while next < order.count {
            for component in Self.components(of: font.outline(of: order[next])).map(\.glyph) { include(component) }
            next += 1
        }
        originalGlyphs = order
        newGlyph = index

        var glyf: [UInt8] = [], loca: [UInt8] = [], hmtx: [UInt8] = []
        for original in order {
            loca.appendBigEndian(UInt32(glyf.count))
            var outline = Array(font.outline(of: original))
            for component in Self.components(of: outline[...]) {
                let renumbered = index[component.glyph] ?? 0
                outline[component.offset] = UInt8(renumbered >> 8)
                outline[component.offset + 1] = UInt8(renumbered & 0xFF)
            }
            glyf += outline
            while glyf.count % 4 != 0 { glyf.append(0) }
            hmtx.appendBigEndian(UInt16(font.advance(of: original)))
            hmtx.appendBigEndian(UInt16(bitPattern: font.leftSideBearings[Int(original)]))
        }
        loca.appendBigEndian(UInt32(glyf.count))

        var head = font.tables["head"]!, hhea = font.tables["hhea"]!, maxp = font.tables["maxp"]!
        head.replaceBigEndian(at: 8, UInt32(0))          // checkSumAdjustment, set once the file is whole
        head.replaceBigEndian(at: 50, UInt16(1))         // indexToLocFormat: long offsets
        hhea.replaceBigEndian(at: 34, UInt16(order.count))  // numberOfHMetrics
        maxp.replaceBigEndian(at: 4, UInt16(order.count))   // numGlyphs
        var tables = ["head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf]
        for tag in ["cvt ", "fpgm", "prep"] { tables[tag] = font.tables[tag] }
        bytes = Self.file(tables)
    }

    /// The glyph references of a composite outline and the byte offset of each reference; none for a simple glyph.
    static func components(of outline: ArraySlice<UInt8>) -> [(glyph: UInt16, offset: Int)] {
        let bytes = Array(outline)
        guard bytes.count >= 10, Int16(bitPattern: UInt16(bytes[0]) << 8 | UInt16(bytes[1])) < 0 else { return [] }
        var found: [(glyph: UInt16, offset: Int)] = []
        var at = 10
        while at + 4 <= bytes.count {
            let flags = UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
            found.append((UInt16(bytes[at + 2]) << 8 | UInt16(bytes[at + 3]), at + 2))
            at += 4 + (flags & 0x0001 != 0 ? 4 : 2)                  // ARG_1_AND_2_ARE_WORDS
            if flags & 0x0008 != 0 { at += 2 }                        // WE_HAVE_A_SCALE
            else if flags & 0x0040 != 0 { at += 4 }                   // WE_HAVE_AN_X_AND_Y_SCALE
            else if flags & 0x0080 != 0 { at += 8 }                   // WE_HAVE_A_TWO_BY_TWO
            if flags & 0x0020 == 0 { break }                          // MORE_COMPONENTS
        }
        return found
    }

    /// The font file: the table directory (tags in order, with checksums) and the tables padded to four
    /// bytes, with `head.checkSumAdjustment` making the whole file sum to 0xB1B0AFBA.
    static func file(_ tables: [String: [UInt8]]) -> [UInt8] {
        let tags = tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var power = 1, exponent = 0
        while power * 2 <= tags.count { power *= 2; exponent += 1 }
        var file: [UInt8] = []
        file.appendBigEndian(UInt32(0x0001_0000))
        file.appendBigEndian(UInt16(tags.count))
        file.appendBigEndian(UInt16(power * 16))
        file.appendBigEndian(UInt16(exponent))
        file.appendBigEndian(UInt16(tags.count * 16 - power * 16))
        var offset = 12 + 16 * tags.count
        var headOffset = 0
        for tag in tags {
            let table = tables[tag]!
            file += Array(tag.utf8)
            file.appendBigEndian(checksum(table))
            file.appendBigEndian(UInt32(offset))
            file.appendBigEndian(UInt32(table.count))
            if tag == "head" { headOffset = offset }
            offset += (table.count + 3) / 4 * 4
        }
        for tag in tags {
            file += tables[tag]!
            while file.count % 4 != 0 { file.append(0) }
        }
        file.replaceBigEndian(at: headOffset + 8, 0xB1B0_AFBA &- checksum(file))
        return file
    }

    /// The TrueType checksum: the sum of the big-endian 32-bit words, the last one padded with zeros.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var sum: UInt32 = 0
        var index = 0
        while index < bytes.count {
            var word: UInt32 = 0
            for byte in 0..<4 { word = word << 8 | UInt32(index + byte < bytes.count ? bytes[index + byte] : 0) }
            sum &+= word
            index += 4
        }
        return sum
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendBigEndian(_ value: UInt32) {
        appendBigEndian(UInt16(value >> 16))
        appendBigEndian(UInt16(value & 0xFFFF))
    }

    mutating func replaceBigEndian(at offset: Int, _ value: UInt16) {
        self[offset] = UInt8(value >> 8)
        self[offset + 1] = UInt8(value & 0xFF)
    }

    mutating func replaceBigEndian(at offset: Int, _ value: UInt32) {
        replaceBigEndian(at: offset, UInt16(value >> 16))
        replaceBigEndian(at: offset + 2, UInt16(value & 0xFFFF))
    }
}

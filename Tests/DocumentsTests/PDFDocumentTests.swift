@testable import Documents
import Foundation
import Testing

/// The PDF writer: file structure, cross-reference offsets, embedded fonts and drawing operators.
struct PDFDocumentTests {
    static let dutchName = "Hôtel De Gouden Leeuw — Zoë ’t Hart"
    static let regular = PDFFont(FontFiles.regular)
    static let bold = PDFFont(FontFiles.bold)

    /// The first index at or after `start` where `needle` occurs in `haystack`.
    func index(of needle: String, in haystack: [UInt8], from start: Int = 0) -> Int? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count, start <= haystack.count - pattern.count else {
            return nil
        }
        for position in start...(haystack.count - pattern.count)
        where haystack[position] == pattern[0] && Array(haystack[position..<(position + pattern.count)]) == pattern {
            return position
        }
        return nil
    }

    /// The last index where `needle` occurs in `haystack`.
    func lastIndex(of needle: String, in haystack: [UInt8]) -> Int? {
        var found: Int?
        var start = 0
        while let position = index(of: needle, in: haystack, from: start) {
            found = position
            start = position + 1
        }
        return found
    }

    func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    func twoPageDocument() -> [UInt8] {
        var document = PDFDocument(pageWidth: 595.28, pageHeight: 841.89, title: "Certificaat")
        var first = PDFPage()
        first.centeredText(Self.dutchName, centerX: 297.64, y: 700, size: 24, font: Self.bold, color: .black)
        first.text("Geldig tot 1 januari (incl.) \\ € 0,00", x: 72, y: 650, size: 11, font: Self.regular)
        first.rectangle(x: 36, y: 36, width: 523.28, height: 769.89, fill: nil, stroke: PDFColor(hex: 0x1F6FEB), lineWidth: 2)
        first.line(x1: 72, y1: 640, x2: 523.28, y2: 640)
        if let code = try? QRCode(encoding: "HTTPS://SIGNAAL.EXAMPLE/V/ABC123") {
            first.qrCode(code, x: 400, y: 72, size: 120)
        }
        document.addPage(first)
        var second = PDFPage()
        second.text("Pagina 2", x: 72, y: 770, size: 12, font: Self.regular)
        document.addPage(second)
        return document.render()
    }

    // MARK: File structure

    @Test func render_headerAndEnd() {
        let pdf = twoPageDocument()
        #expect(text(pdf.prefix(9)) == "%PDF-1.4\n")
        // The second line is a comment with bytes above 127, so transfer tools treat the file as binary.
        #expect(pdf[9] == UInt8(ascii: "%"))
        #expect(pdf[10..<14].allSatisfy { $0 >= 0x80 })
        #expect(text(pdf.suffix(6)) == "%%EOF\n")
    }

    @Test func render_crossReferenceOffsetsPointAtTheirObjects() throws {
        let pdf = twoPageDocument()
        let startxref = try #require(lastIndex(of: "startxref\n", in: pdf))
        let afterKeyword = startxref + "startxref\n".utf8.count
        let numberEnd = try #require(index(of: "\n", in: pdf, from: afterKeyword))
        let xrefOffset = try #require(Int(text(pdf[afterKeyword..<numberEnd])))
        #expect(text(pdf[xrefOffset..<(xrefOffset + 5)]) == "xref\n")

        let subsectionStart = xrefOffset + 5
        let subsectionEnd = try #require(index(of: "\n", in: pdf, from: subsectionStart))
        let subsection = text(pdf[subsectionStart..<subsectionEnd]).split(separator: " ")
        #expect(subsection.first == "0")
        let size = try #require(subsection.last.flatMap { Int($0) })
        // Catalog, pages, info, five objects for each of the two fonts, and a page object plus a content stream per page.
        #expect(size == 1 + 3 + 5 * 2 + 2 * 2)

        let entriesStart = subsectionEnd + 1
        #expect(text(pdf[entriesStart..<(entriesStart + 20)]) == "0000000000 65535 f \n")
        for number in 1..<size {
            let entryStart = entriesStart + 20 * number
            let entry = text(pdf[entryStart..<(entryStart + 20)])
            #expect(entry.hasSuffix(" 00000 n \n"), "entry \(number) is 20 bytes in the fixed layout")
            let offset = try #require(Int(entry.prefix(10)))
            let header = "\(number) 0 obj\n"
            #expect(text(pdf[offset..<(offset + header.utf8.count)]) == header, "object \(number)")
        }
        let trailer = try #require(index(of: "trailer\n", in: pdf, from: entriesStart))
        #expect(trailer == entriesStart + 20 * size)
        #expect(index(of: "/Size \(size) /Root 1 0 R", in: pdf, from: trailer) != nil)
    }

    @Test func render_streamLengthsMatchTheirContent() throws {
        let pdf = twoPageDocument()
        var searchFrom = 0
        var streams = 0
        while let lengthKey = index(of: "<< /Length ", in: pdf, from: searchFrom) {
            let numberStart = lengthKey + "<< /Length ".utf8.count
            let numberEnd = try #require(pdf[numberStart...].firstIndex(of: UInt8(ascii: " ")))
            let length = try #require(Int(text(pdf[numberStart..<numberEnd])))
            let dataStart = try #require(index(of: "stream\n", in: pdf, from: numberEnd)) + "stream\n".utf8.count
            #expect(text(pdf[(dataStart + length)..<(dataStart + length + 10)]) == "\nendstream")
            streams += 1
            searchFrom = dataStart + length
        }
        // Per font its file and its ToUnicode map; per page its content.
        #expect(streams == 2 * 2 + 2)
    }

    @Test func render_pageTreeFontsAndInfo() {
        let pdf = twoPageDocument()
        #expect(index(of: "<< /Type /Catalog /Pages 2 0 R >>", in: pdf) != nil)
        #expect(index(of: "/Kids [14 0 R 16 0 R] /Count 2", in: pdf) != nil)
        #expect(index(of: "/MediaBox [0 0 595.28 841.89]", in: pdf) != nil)
        #expect(index(of: "+DejaVuSans-Bold /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 8 0 R", in: pdf) != nil)
        #expect(index(of: "/Subtype /CIDFontType2", in: pdf) != nil)
        #expect(index(of: "/CIDToGIDMap /Identity /W [0 [", in: pdf) != nil)
        #expect(index(of: "/Font << /F1 4 0 R /F2 9 0 R >>", in: pdf) != nil)
        #expect(index(of: "/Producer (Signaal)", in: pdf) != nil)
        // "Certificaat" as UTF-16BE with a byte order mark.
        #expect(index(of: "/Title <FEFF00430065007200740069006600690063006100610074>", in: pdf) != nil)
    }

    @Test func render_textIsGlyphCodesOfTheSubset() {
        var page = PDFPage()
        page.text("Hallo", x: 72, y: 770, size: 12, font: Self.regular)
        var document = PDFDocument(pageWidth: 200, pageHeight: 200)
        document.addPage(page)
        let pdf = document.render()
        // Subset glyphs: 0 .notdef, then H a l o in original order (43, 68, 79, 82) as 1...4.
        #expect(index(of: "/F1 12 Tf 72 770 Td <00010002000300030004> Tj", in: pdf) != nil)
        #expect(index(of: "4 beginbfchar\n<0001> <0048>\n<0002> <0061>\n<0003> <006C>\n<0004> <006F>\nendbfchar", in: pdf) != nil)
        // H 752, a 613, l 278, o 612 thousandths of an em, after .notdef's 600.
        #expect(index(of: "/W [0 [600 752 613 278 612]]", in: pdf) != nil)
    }

    @Test func render_withoutPages_hasOneBlankPage() {
        let pdf = PDFDocument(pageWidth: 419.53, pageHeight: 595.28).render()
        #expect(index(of: "/Count 1", in: pdf) != nil)
        #expect(index(of: "/MediaBox [0 0 419.53 595.28]", in: pdf) != nil)
        #expect(index(of: "<< /Length 0 >>", in: pdf) != nil)
        #expect(index(of: "/Title", in: pdf) == nil)
    }

    // MARK: Metrics and operators

    @Test func centeredAndRightAlignedText_useTheGlyphAdvances() {
        // DejaVu Sans: H 752 + e 615 + l 278 + l 278 + o 612 = 2535 thousandths of an em.
        #expect(abs(Self.regular.width(of: "Hello", size: 10) - 25.35) < 1e-9)
        var page = PDFPage()
        page.centeredText("Hello", centerX: 100, y: 700, size: 10, font: Self.regular)
        page.rightAlignedText("Hello", rightX: 100, y: 50, size: 10, font: Self.regular)
        let starts = page.parts.compactMap { part -> Double? in
            if case .text(let run) = part { return run.x }
            return nil
        }
        #expect(starts.count == 2)
        #expect(abs(starts[0] - (100 - 25.35 / 2)) < 1e-9)
        #expect(abs(starts[1] - (100 - 25.35)) < 1e-9)
    }

    @Test func centeredText_fitting_shrinksTextWiderThanTheSpace() {
        var page = PDFPage()
        page.centeredText("Hello", centerX: 100, y: 700, size: 10, fitting: 100, font: Self.regular)
        page.centeredText("Hello", centerX: 100, y: 700, size: 10, fitting: 20, font: Self.regular)
        page.centeredText("Hello", centerX: 100, y: 700, size: 10, fitting: 1, font: Self.regular)
        let sizes = page.parts.compactMap { part -> Double? in
            if case .text(let run) = part { return run.size }
            return nil
        }
        #expect(sizes.count == 3)
        #expect(sizes[0] == 10)
        #expect(abs(Self.regular.width(of: "Hello", size: sizes[1]) - 20) < 1e-9)
        #expect(sizes[2] == 6)
    }

    @Test func rectangleAndLine_operators() {
        var page = PDFPage()
        page.rectangle(x: 10, y: 20, width: 30, height: 40, fill: .white, stroke: .black, lineWidth: 0.5)
        page.rectangle(x: 1, y: 2, width: 3, height: 4, fill: PDFColor(r: 1, g: 0, b: 0), stroke: nil, lineWidth: 1)
        page.rectangle(x: 1, y: 2, width: 3, height: 4, fill: nil, stroke: nil, lineWidth: 1)
        page.line(x1: 0, y1: 0, x2: 100.5, y2: 0, color: PDFColor(hex: 0x808080), lineWidth: 2)
        #expect(operators(page) == """
            q 1 1 1 rg 0 0 0 RG 0.5 w 10 20 30 40 re B Q
            q 1 0 0 rg 1 2 3 4 re f Q
            q 0.502 0.502 0.502 RG 2 w 0 0 m 100.5 0 l S Q

            """)
    }

    @Test func qrCode_mergesHorizontalRunsIntoRectangles() throws {
        let code = try QRCode(encoding: "HELLO WORLD", errorCorrection: .quartile)
        var page = PDFPage()
        page.qrCode(code, x: 100, y: 200, size: 84)
        let lines = operators(page).split(separator: "\n").map(String.init)
        // Module size 4, rows counted from the top: row 0 maps to y = 200 + 84.
        #expect(lines.first == "q 0 0 0 rg 4 0 0 -4 100 284 cm")
        #expect(lines.last == "f Q")
        // Row 0 is 1111111 0 11 0000 1111111.
        #expect(Array(lines[1...3]) == ["0 0 7 1 re", "8 0 2 1 re", "14 0 7 1 re"])
        var runs = 0
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) && !code.isDark(x: x - 1, y: y) {
                runs += 1
            }
        }
        #expect(lines.count == runs + 2)
    }

    /// The drawing operators of a page without text.
    func operators(_ page: PDFPage) -> String {
        page.parts.map { part in
            if case .operators(let text) = part { return text }
            return ""
        }.joined()
    }

    @Test func numbers_areShortPlainDecimals() {
        #expect(PDFNumber.format(1) == "1")
        #expect(PDFNumber.format(0.5) == "0.5")
        #expect(PDFNumber.format(-2.25) == "-2.25")
        #expect(PDFNumber.format(595.28) == "595.28")
        #expect(PDFNumber.format(1.0 / 3.0) == "0.3333")
        #expect(PDFNumber.format(0.05) == "0.05")
        #expect(PDFNumber.format(0.00004) == "0")
        #expect(PDFNumber.format(-0.00004) == "0")
        #expect(PDFNumber.format(.nan) == "0")
        #expect(PDFNumber.format(1e12) == "1000000000")
    }
}

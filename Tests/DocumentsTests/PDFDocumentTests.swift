@testable import Documents
import Testing

/// The PDF writer: file structure, cross-reference offsets, WinAnsi text and drawing operators.
struct PDFDocumentTests {
    static let dutchName = "Hôtel De Gouden Leeuw — Zoë ’t Hart"

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
        first.centeredText(Self.dutchName, centerX: 297.64, y: 700, size: 24, font: .helveticaBold, color: .black)
        first.text("Geldig tot 1 januari (incl.) \\ € 0,00", x: 72, y: 650, size: 11)
        first.rectangle(x: 36, y: 36, width: 523.28, height: 769.89, fill: nil, stroke: PDFColor(hex: 0x1F6FEB), lineWidth: 2)
        first.line(x1: 72, y1: 640, x2: 523.28, y2: 640)
        if let code = try? QRCode(encoding: "HTTPS://SIGNAAL.EXAMPLE/V/ABC123") {
            first.qrCode(code, x: 400, y: 72, size: 120)
        }
        document.addPage(first)
        var second = PDFPage()
        second.text("Pagina 2", x: 72, y: 770, size: 12, font: .helveticaOblique)
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
        // Catalog, pages, info, three fonts, and a page object plus a content stream per page.
        #expect(size == 1 + 6 + 2 * 2)

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
            let numberEnd = try #require(index(of: " >>", in: pdf, from: numberStart))
            let length = try #require(Int(text(pdf[numberStart..<numberEnd])))
            let dataStart = try #require(index(of: "stream\n", in: pdf, from: numberEnd)) + "stream\n".utf8.count
            #expect(text(pdf[(dataStart + length)..<(dataStart + length + 10)]) == "\nendstream")
            streams += 1
            searchFrom = dataStart + length
        }
        #expect(streams == 2)
    }

    @Test func render_pageTreeFontsAndInfo() {
        let pdf = twoPageDocument()
        #expect(index(of: "<< /Type /Catalog /Pages 2 0 R >>", in: pdf) != nil)
        #expect(index(of: "/Kids [7 0 R 9 0 R] /Count 2", in: pdf) != nil)
        #expect(index(of: "/MediaBox [0 0 595.28 841.89]", in: pdf) != nil)
        #expect(index(of: "/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding", in: pdf) != nil)
        #expect(index(of: "/Producer (Signaal)", in: pdf) != nil)
        // "Certificaat" as UTF-16BE with a byte order mark.
        #expect(index(of: "/Title <FEFF00430065007200740069006600690063006100610074>", in: pdf) != nil)
    }

    @Test func render_textIsWinAnsiWithOctalEscapes() {
        let pdf = twoPageDocument()
        #expect(index(of: "(H\\364tel De Gouden Leeuw \\227 Zo\\353 \\222t Hart) Tj", in: pdf) != nil)
        #expect(index(of: "(Geldig tot 1 januari \\(incl.\\) \\\\ \\200 0,00) Tj", in: pdf) != nil)
        #expect(index(of: "/F3 12 Tf 72 770 Td (Pagina 2) Tj", in: pdf) != nil)
    }

    @Test func render_withoutPages_hasOneBlankPage() {
        let pdf = PDFDocument(pageWidth: 419.53, pageHeight: 595.28).render()
        #expect(index(of: "/Count 1", in: pdf) != nil)
        #expect(index(of: "/MediaBox [0 0 419.53 595.28]", in: pdf) != nil)
        #expect(index(of: "<< /Length 0 >>", in: pdf) != nil)
        #expect(index(of: "/Title", in: pdf) == nil)
    }

    // MARK: WinAnsi

    @Test func winAnsi_mapsWesternEuropeanCharacters() {
        #expect(WinAnsi.encode("é") == [0xE9])
        #expect(WinAnsi.encode("’") == [0x92])
        #expect(WinAnsi.encode("€") == [0x80])
        #expect(WinAnsi.encode("日") == [UInt8(ascii: "?")])
        #expect(WinAnsi.encode("Zoë") == [0x5A, 0x6F, 0xEB])
        #expect(WinAnsi.encode("—–…„“”‘•™") == [0x97, 0x96, 0x85, 0x84, 0x93, 0x94, 0x91, 0x95, 0x99])
        #expect(WinAnsi.encode("ŠšŽžŒœŸƒ") == [0x8A, 0x9A, 0x8E, 0x9E, 0x8C, 0x9C, 0x9F, 0x83])
        #expect(WinAnsi.encode("\u{A0}ÿ") == [0xA0, 0xFF])
    }

    @Test func winAnsi_composesAndReplaces() {
        // "e" followed by a combining acute accent is composed to "é" first.
        #expect(WinAnsi.encode("e\u{301}") == [0xE9])
        #expect(WinAnsi.encode("a\tb\nc") == Array("a b c".utf8))
        #expect(WinAnsi.encode("\u{81}ĳ😀") == Array("???".utf8))
    }

    @Test func literal_escapesDelimitersAndNonASCII() {
        #expect(WinAnsi.literal(Array("a(b)c\\d".utf8)) == "(a\\(b\\)c\\\\d)")
        #expect(WinAnsi.literal([0xE9, 0x0A, 0x80]) == "(\\351\\012\\200)")
        #expect(WinAnsi.literal([]) == "()")
    }

    // MARK: Metrics and operators

    @Test func fontWidths_followTheAdobeMetrics() {
        // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 in Helvetica; 722+556+278+278+611 = 2445 in bold.
        #expect(abs(PDFFont.helvetica.width(of: "Hello", size: 10) - 22.78) < 1e-9)
        #expect(abs(PDFFont.helveticaOblique.width(of: "Hello", size: 10) - 22.78) < 1e-9)
        #expect(abs(PDFFont.helveticaBold.width(of: "Hello", size: 10) - 24.45) < 1e-9)
        #expect(PDFFont.helvetica.widths.count == 224)
        #expect(PDFFont.helveticaBold.widths.count == 224)
        // é (0xE9) is 556 in both; € (0x80) is 556; W is 944.
        #expect(PDFFont.helvetica.width(of: "é€W", size: 1000) == 556 + 556 + 944)
    }

    @Test func centeredText_startsAtHalfTheWidthLeftOfCentre() {
        var page = PDFPage()
        page.centeredText("Hello", centerX: 100, y: 700, size: 10, font: .helvetica, color: .black)
        #expect(page.content == "q 0 0 0 rg BT /F1 10 Tf 88.61 700 Td (Hello) Tj ET Q\n")
    }

    @Test func rightAlignedText_endsAtTheGivenX() {
        var page = PDFPage()
        page.rightAlignedText("Hello", rightX: 100, y: 50, size: 10, font: .helveticaBold)
        #expect(page.content == "q 0 0 0 rg BT /F2 10 Tf 75.55 50 Td (Hello) Tj ET Q\n")
    }

    @Test func rectangleAndLine_operators() {
        var page = PDFPage()
        page.rectangle(x: 10, y: 20, width: 30, height: 40, fill: .white, stroke: .black, lineWidth: 0.5)
        page.rectangle(x: 1, y: 2, width: 3, height: 4, fill: PDFColor(r: 1, g: 0, b: 0), stroke: nil, lineWidth: 1)
        page.rectangle(x: 1, y: 2, width: 3, height: 4, fill: nil, stroke: nil, lineWidth: 1)
        page.line(x1: 0, y1: 0, x2: 100.5, y2: 0, color: PDFColor(hex: 0x808080), lineWidth: 2)
        #expect(page.content == """
            q 1 1 1 rg 0 0 0 RG 0.5 w 10 20 30 40 re B Q
            q 1 0 0 rg 1 2 3 4 re f Q
            q 0.502 0.502 0.502 RG 2 w 0 0 m 100.5 0 l S Q

            """)
    }

    @Test func qrCode_mergesHorizontalRunsIntoRectangles() throws {
        let code = try QRCode(encoding: "HELLO WORLD", errorCorrection: .quartile)
        var page = PDFPage()
        page.qrCode(code, x: 100, y: 200, size: 84)
        let lines = page.content.split(separator: "\n").map(String.init)
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

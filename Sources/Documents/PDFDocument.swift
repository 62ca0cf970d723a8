/// A PDF 1.4 document of same-sized pages drawn with `PDFPage`, serialized by `render()`.
///
/// Sizes are in points: A4 is 595.28 × 841.89, A5 is 419.53 × 595.28. Each font the pages use is
/// embedded as a subset of the glyphs they draw (see `PDFEmbeddedFont`).
public struct PDFDocument: Sendable, Equatable {
    /// Page width in points.
    public let pageWidth: Double
    /// Page height in points.
    public let pageHeight: Double
    /// The document title shown by viewers (the /Title entry of the document information).
    public var title: String?
    /// The pages in order.
    public private(set) var pages: [PDFPage] = []

    /// An empty document whose pages measure `pageWidth` × `pageHeight` points.
    public init(pageWidth: Double, pageHeight: Double, title: String? = nil) {
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.title = title
    }

    /// Appends a page.
    public mutating func addPage(_ page: PDFPage) {
        pages.append(page)
    }

    /// The complete file. A document without pages gets one blank page, as a PDF needs at least one.
    ///
    /// Objects: 1 catalog, 2 page tree, 3 document information, then five per font (in the order the
    /// pages first use them, named F1, F2, …), then for each page its page object and its content stream.
    public func render() -> [UInt8] {
        let renderedPages = pages.isEmpty ? [PDFPage()] : pages
        let runs = renderedPages.flatMap { page in
            page.parts.compactMap { part -> PDFPage.TextRun? in
                if case .text(let run) = part { return run }
                return nil
            }
        }
        var fonts: [PDFFont] = []
        for run in runs where !fonts.contains(run.font) { fonts.append(run.font) }
        let embedded = fonts.map { font in PDFEmbeddedFont(font: font, runs: runs.filter { $0.font == font }) }
        let firstPageObject = 4 + PDFEmbeddedFont.objectCount * fonts.count
        func pageObject(_ index: Int) -> Int { firstPageObject + 2 * index }

        var writer = PDFWriter(objectCount: firstPageObject - 1 + 2 * renderedPages.count)
        writer.write("%PDF-1.4\n")
        writer.write(bytes: [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])  // binary comment: "%âãÏÓ"

        writer.object(1, "<< /Type /Catalog /Pages 2 0 R >>")

        let kids = renderedPages.indices.map { "\(pageObject($0)) 0 R" }.joined(separator: " ")
        writer.object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(renderedPages.count) >>")

        var info = "<< /Producer (Signaal)"
        if let title, !title.isEmpty {
            info += " /Title \(PDFHex.textString(title))"
        }
        info += " >>"
        writer.object(3, info)

        var fontEntries = [String]()
        for (offset, font) in embedded.enumerated() {
            let number = 4 + PDFEmbeddedFont.objectCount * offset
            font.write(to: &writer, first: number)
            fontEntries.append("/F\(offset + 1) \(number) 0 R")
        }
        let resources = "<< /Font << \(fontEntries.joined(separator: " ")) >> /ProcSet [/PDF /Text] >>"
        let mediaBox = "[0 0 \(PDFNumber.format(pageWidth)) \(PDFNumber.format(pageHeight))]"

        for (index, page) in renderedPages.enumerated() {
            let number = pageObject(index)
            writer.object(
                number,
                "<< /Type /Page /Parent 2 0 R /MediaBox \(mediaBox) /Resources \(resources) /Contents \(number + 1) 0 R >>"
            )
            writer.stream(number + 1, content: Array(Self.content(page, fonts: embedded).utf8))
        }

        writer.finish(root: 1, info: 3)
        return writer.bytes
    }

    /// A page's content stream, its text shown with the glyph codes of the embedded subsets.
    static func content(_ page: PDFPage, fonts: [PDFEmbeddedFont]) -> String {
        var content = ""
        for part in page.parts {
            switch part {
            case .operators(let operators):
                content += operators
            case .text(let run):
                guard let index = fonts.firstIndex(where: { $0.font == run.font }) else { continue }
                content += "q \(run.color.operands) rg BT /F\(index + 1) \(PDFNumber.format(run.size)) Tf "
                content += "\(PDFNumber.format(run.x)) \(PDFNumber.format(run.y)) Td \(fonts[index].codes(run.glyphs)) Tj ET Q\n"
            }
        }
        return content
    }
}

/// Serializes numbered objects and records their byte offsets for the cross-reference table.
struct PDFWriter {
    private(set) var bytes: [UInt8] = []
    /// Byte offset of each object, indexed by object number; index 0 is the free-list head.
    private var offsets: [Int]

    init(objectCount: Int) {
        offsets = [Int](repeating: 0, count: objectCount + 1)
    }

    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(bytes more: [UInt8]) {
        bytes.append(contentsOf: more)
    }

    /// Writes `number 0 obj`, the body, and `endobj`.
    mutating func object(_ number: Int, _ body: String) {
        offsets[number] = bytes.count
        write("\(number) 0 obj\n\(body)\nendobj\n")
    }

    /// Writes a stream object whose /Length is the exact byte count of `content`, with any further dictionary `entries`.
    mutating func stream(_ number: Int, content: [UInt8], entries: String = "") {
        offsets[number] = bytes.count
        write("\(number) 0 obj\n<< /Length \(content.count)\(entries.isEmpty ? "" : " " + entries) >>\nstream\n")
        write(bytes: content)
        write("\nendstream\nendobj\n")
    }

    /// Writes the cross-reference table (20-byte entries), the trailer, `startxref` and `%%EOF`.
    mutating func finish(root: Int, info: Int) {
        let xrefOffset = bytes.count
        write("xref\n0 \(offsets.count)\n")
        write("0000000000 65535 f \n")
        for offset in offsets.dropFirst() {
            write("\(Self.padded(offset, width: 10)) 00000 n \n")
        }
        write("trailer\n<< /Size \(offsets.count) /Root \(root) 0 R /Info \(info) 0 R >>\n")
        write("startxref\n\(xrefOffset)\n%%EOF\n")
    }

    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

import Documents
import Foundation

/// Cut-out reminder slips, 8 to an A4 page (two columns, four rows, with cutting lines): the person's
/// name, the QR code of their own link, the link itself, and one line in their language.
struct ReminderSlips: Sendable {
    let templates: CertificateTemplates

    /// One slip.
    struct Slip: Sendable {
        let name: String
        let url: String
        let line: String
        /// Arabic and other right-to-left lines need shaping the PDF writer does not do: those slips carry the Dutch line.
        let rightToLeft: Bool
        let dutchLine: String
    }

    static let perPage = 8

    func render(_ slips: [Slip]) throws -> [UInt8] {
        let (width, height) = CertificateDocuments.a4
        let slipWidth = width / 2, slipHeight = height / 4
        var document = PDFDocument(pageWidth: width, pageHeight: height, title: "Signaal")
        for start in stride(from: 0, to: max(slips.count, 1), by: Self.perPage) {
            var page = PDFPage()
            for index in 1..<4 { page.line(x1: 0, y1: slipHeight * Double(index), x2: width, y2: slipHeight * Double(index), color: CertificateDocuments.grey, lineWidth: 0.3) }
            page.line(x1: slipWidth, y1: 0, x2: slipWidth, y2: height, color: CertificateDocuments.grey, lineWidth: 0.3)
            for (offset, slip) in slips.dropFirst(start).prefix(Self.perPage).enumerated() {
                let x = Double(offset % 2) * slipWidth, top = height - Double(offset / 2) * slipHeight
                let qrSize = 112.0
                page.qrCode(try QRCode(encoding: slip.url, errorCorrection: .medium), x: x + 16, y: top - 16 - qrSize, size: qrSize)
                let textX = x + 16 + qrSize + 12, textWidth = slipWidth - qrSize - 44
                let name = String(slip.name.prefix(60))
                page.text(name, x: textX, y: top - 40, size: templates.bold.size(of: name, at: 13, fitting: textWidth, minimum: 5), font: templates.bold)
                let line = slip.rightToLeft ? slip.dutchLine : slip.line
                for (index, part) in wrap(line, width: textWidth, size: 10).prefix(5).enumerated() {
                    page.text(part, x: textX, y: top - 62 - Double(index) * 13, size: 10, font: templates.regular)
                }
                page.text(slip.url, x: x + 16, y: top - slipHeight + 18, size: templates.regular.size(of: slip.url, at: 7.5, fitting: slipWidth - 32, minimum: 5),
                          font: templates.regular, color: CertificateDocuments.grey)
            }
            document.addPage(page)
        }
        return document.render()
    }

    /// The line broken at spaces into pieces that fit `width`.
    private func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if templates.regular.width(of: candidate, size: size) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

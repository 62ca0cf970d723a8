import Documents
import Foundation

/// Renders the certificate (A4), the window sticker (A5) and the staff sign-up poster (A4) with our
/// PDF writer and QR encoder.
struct CertificateDocuments: Sendable {
    let templates: CertificateTemplates
    let threshold: Int

    static let a4 = (width: 595.28, height: 841.89)
    static let a5 = (width: 419.53, height: 595.28)
    static let navy = PDFColor(hex: 0x0B5394)
    static let grey = PDFColor(hex: 0x444444)

    func certificate(_ certificate: Certificate, verifyURL: String, language: String) throws -> [UInt8] {
        let values = [
            "business": certificate.businessName, "city": certificate.city, "threshold": String(threshold),
            "sector": templates.text("sector-\(certificate.sector)", language), "completed": String(certificate.completed),
            "denominator": String(certificate.denominator), "issued": VerifyPage.day(certificate.issuedAt),
            "expires": VerifyPage.day(certificate.expiresAt), "url": verifyURL, "code": certificate.code,
        ]
        func text(_ key: String) -> String { templates.text(key, language, values) }
        let (width, height) = Self.a4
        let center = width / 2
        var page = PDFPage()
        page.rectangle(x: 28, y: 28, width: width - 56, height: height - 56, stroke: Self.navy, lineWidth: 3)
        page.rectangle(x: 36, y: 36, width: width - 72, height: height - 72, stroke: Self.navy, lineWidth: 0.8)
        page.centeredText(text("title"), centerX: center, y: height - 130, size: 30, font: .helveticaBold, color: Self.navy)
        page.centeredText(text("subtitle"), centerX: center, y: height - 160, size: 13, font: .helveticaOblique, color: Self.grey)
        page.centeredText(text("awarded-to"), centerX: center, y: height - 240, size: 14, font: .helvetica, color: Self.grey)
        page.centeredText(certificate.businessName, centerX: center, y: height - 285,
                          size: fitted(certificate.businessName, font: .helveticaBold, maximum: 30, width: width - 120), font: .helveticaBold)
        page.centeredText(text("place"), centerX: center, y: height - 315, size: 14)
        page.centeredText(text("body-1"), centerX: center, y: height - 375, size: fitted(text("body-1"), font: .helvetica, maximum: 12, width: width - 110))
        page.centeredText(text("body-2"), centerX: center, y: height - 393, size: fitted(text("body-2"), font: .helvetica, maximum: 12, width: width - 110))
        page.centeredText(text("counts"), centerX: center, y: height - 425, size: 11, color: Self.grey)
        page.centeredText(text("issued"), centerX: center, y: height - 470, size: 13, font: .helveticaBold)
        page.centeredText(text("valid-until"), centerX: center, y: height - 490, size: 13, font: .helveticaBold)
        let code = try QRCode(encoding: verifyURL, errorCorrection: .medium)
        page.qrCode(code, x: center - 70, y: 130, size: 140)
        page.centeredText(text("verify"), centerX: center, y: 108, size: fitted(text("verify"), font: .helvetica, maximum: 10, width: width - 100), color: Self.grey)
        page.centeredText(text("code"), centerX: center, y: 90, size: 12, font: .helveticaBold)
        var document = PDFDocument(pageWidth: width, pageHeight: height, title: "\(text("title")) — \(certificate.businessName)")
        document.addPage(page)
        return document.render()
    }

    func sticker(_ certificate: Certificate, verifyURL: String, language: String) throws -> [UInt8] {
        let values = ["expires": VerifyPage.day(certificate.expiresAt)]
        let (width, height) = Self.a5
        let center = width / 2
        var page = PDFPage()
        page.rectangle(x: 0, y: height - 150, width: width, height: 150, fill: Self.navy)
        page.centeredText("SIGNAAL", centerX: center, y: height - 75, size: 40, font: .helveticaBold, color: .white)
        page.centeredText(templates.text("sticker-title", language), centerX: center, y: height - 120, size: 20, font: .helveticaBold, color: .white)
        page.centeredText(certificate.businessName, centerX: center, y: height - 200,
                          size: fitted(certificate.businessName, font: .helveticaBold, maximum: 22, width: width - 60), font: .helveticaBold)
        page.centeredText(templates.text("sticker-body", language), centerX: center, y: height - 230,
                          size: fitted(templates.text("sticker-body", language), font: .helvetica, maximum: 12, width: width - 50))
        page.qrCode(try QRCode(encoding: verifyURL, errorCorrection: .quartile), x: center - 85, y: 110, size: 170)
        page.centeredText(templates.text("sticker-expiry", language, values), centerX: center, y: 80, size: 12, font: .helveticaBold)
        page.centeredText(verifyURL, centerX: center, y: 60, size: fitted(verifyURL, font: .helvetica, maximum: 9, width: width - 40), color: Self.grey)
        var document = PDFDocument(pageWidth: width, pageHeight: height, title: "Signaal — \(certificate.businessName)")
        document.addPage(page)
        return document.render()
    }

    func poster(businessName: String, signupURL: String, language: String) throws -> [UInt8] {
        let values = ["business": businessName]
        let (width, height) = Self.a4
        let center = width / 2
        var page = PDFPage()
        page.rectangle(x: 0, y: height - 170, width: width, height: 170, fill: Self.navy)
        page.centeredText("SIGNAAL", centerX: center, y: height - 85, size: 44, font: .helveticaBold, color: .white)
        page.centeredText(templates.text("poster-title", language), centerX: center, y: height - 135, size: 24, font: .helveticaBold, color: .white)
        for (index, key) in ["poster-body-1", "poster-body-2"].enumerated() {
            let line = templates.text(key, language, values)
            page.centeredText(line, centerX: center, y: height - 230 - Double(index) * 20, size: fitted(line, font: .helvetica, maximum: 14, width: width - 80))
        }
        page.qrCode(try QRCode(encoding: signupURL, errorCorrection: .quartile), x: center - 120, y: 250, size: 240)
        page.centeredText(templates.text("poster-scan", language), centerX: center, y: 210, size: 13)
        page.centeredText(signupURL, centerX: center, y: 185, size: fitted(signupURL, font: .helveticaBold, maximum: 13, width: width - 60), font: .helveticaBold)
        page.centeredText(templates.text("poster-after", language), centerX: center, y: 150, size: 12, color: Self.grey)
        var document = PDFDocument(pageWidth: width, pageHeight: height, title: "Signaal — \(businessName)")
        document.addPage(page)
        return document.render()
    }

    /// The largest size up to `maximum` at which `text` fits `width`.
    private func fitted(_ text: String, font: PDFFont, maximum: Double, width: Double) -> Double {
        let natural = font.width(of: text, size: maximum)
        return natural <= width ? maximum : max(6, maximum * width / natural)
    }
}

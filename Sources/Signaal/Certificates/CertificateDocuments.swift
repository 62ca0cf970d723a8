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
        page.centeredText(text("title"), centerX: center, y: height - 130, size: 30, fitting: width - 100, font: templates.bold, color: Self.navy)
        page.centeredText(text("subtitle"), centerX: center, y: height - 160, size: 13, fitting: width - 100, font: templates.regular, color: Self.grey)
        page.centeredText(text("awarded-to"), centerX: center, y: height - 240, size: 14, fitting: width - 100, font: templates.regular, color: Self.grey)
        page.centeredText(certificate.businessName, centerX: center, y: height - 285,
                          size: 30, fitting: width - 120, font: templates.bold)
        page.centeredText(text("place"), centerX: center, y: height - 315, size: 14, fitting: width - 100, font: templates.regular)
        page.centeredText(text("body-1"), centerX: center, y: height - 375, size: 12, fitting: width - 110, font: templates.regular)
        page.centeredText(text("body-2"), centerX: center, y: height - 393, size: 12, fitting: width - 110, font: templates.regular)
        page.centeredText(text("counts"), centerX: center, y: height - 425, size: 11, fitting: width - 100, font: templates.regular, color: Self.grey)
        page.centeredText(text("issued"), centerX: center, y: height - 470, size: 13, fitting: width - 100, font: templates.bold)
        page.centeredText(text("valid-until"), centerX: center, y: height - 490, size: 13, fitting: width - 100, font: templates.bold)
        let code = try QRCode(encoding: verifyURL, errorCorrection: .medium)
        page.qrCode(code, x: center - 70, y: 130, size: 140)
        page.centeredText(text("verify"), centerX: center, y: 108, size: 10, fitting: width - 100, font: templates.regular, color: Self.grey)
        page.centeredText(text("code"), centerX: center, y: 90, size: 12, fitting: width - 100, font: templates.bold)
        var document = PDFDocument(pageWidth: width, pageHeight: height, title: "\(text("title")) — \(certificate.businessName)")
        document.addPage(page)
        return document.render()
    }

    /// The A5 window sticker, in Dutch with English beneath: guests of any language read it.
    func sticker(_ certificate: Certificate, verifyURL: String) throws -> [UInt8] {
        let values = ["expires": VerifyPage.day(certificate.expiresAt)]
        func both(_ key: String) -> (dutch: String, english: String) {
            (templates.text(key, "nl", values), templates.text(key, "en", values))
        }
        let (width, height) = Self.a5
        let center = width / 2
        var page = PDFPage()
        page.rectangle(x: 0, y: height - 160, width: width, height: 160, fill: Self.navy)
        page.centeredText("SIGNAAL", centerX: center, y: height - 72, size: 40, fitting: width - 40, font: templates.bold, color: .white)
        let title = both("sticker-title"), body = both("sticker-body"), expiry = both("sticker-expiry")
        page.centeredText(title.dutch, centerX: center, y: height - 114, size: 20, fitting: width - 40, font: templates.bold, color: .white)
        page.centeredText(title.english, centerX: center, y: height - 138, size: 14, fitting: width - 40, font: templates.regular, color: .white)
        page.centeredText(certificate.businessName, centerX: center, y: height - 200, size: 22, fitting: width - 60, font: templates.bold)
        page.centeredText(body.dutch, centerX: center, y: height - 228, size: 12, fitting: width - 50, font: templates.regular)
        page.centeredText(body.english, centerX: center, y: height - 244, size: 11, fitting: width - 50, font: templates.regular, color: Self.grey)
        page.qrCode(try QRCode(encoding: verifyURL, errorCorrection: .quartile), x: center - 80, y: 112, size: 160)
        page.centeredText(expiry.dutch, centerX: center, y: 92, size: 12, fitting: width - 40, font: templates.bold)
        page.centeredText(expiry.english, centerX: center, y: 77, size: 11, fitting: width - 40, font: templates.regular)
        page.centeredText(verifyURL, centerX: center, y: 58, size: 9, fitting: width - 40, font: templates.regular, color: Self.grey)
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
        page.centeredText("SIGNAAL", centerX: center, y: height - 85, size: 44, fitting: width - 60, font: templates.bold, color: .white)
        page.centeredText(templates.text("poster-title", language), centerX: center, y: height - 135, size: 24, fitting: width - 60, font: templates.bold, color: .white)
        for (index, key) in ["poster-body-1", "poster-body-2"].enumerated() {
            let line = templates.text(key, language, values)
            page.centeredText(line, centerX: center, y: height - 230 - Double(index) * 20, size: 14, fitting: width - 80, font: templates.regular)
        }
        page.qrCode(try QRCode(encoding: signupURL, errorCorrection: .quartile), x: center - 120, y: 250, size: 240)
        page.centeredText(templates.text("poster-scan", language), centerX: center, y: 210, size: 13, fitting: width - 60, font: templates.regular)
        page.centeredText(signupURL, centerX: center, y: 185, size: 13, fitting: width - 60, font: templates.bold)
        page.centeredText(templates.text("poster-after", language), centerX: center, y: 150, size: 12, fitting: width - 60, font: templates.regular, color: Self.grey)
        var document = PDFDocument(pageWidth: width, pageHeight: height, title: "Signaal — \(businessName)")
        document.addPage(page)
        return document.render()
    }
}

import Documents
import Foundation

/// The editable wording of certificates, stickers and posters, one file per language in `certificates/`,
/// and the fonts they are set in (`certificates/fonts/`).
struct CertificateTemplates: Sendable {
    /// Words per language, by key.
    let languages: [String: [String: String]]
    /// DejaVu Sans, embedded in every PDF as a subset: Latin and Cyrillic names print as written.
    let regular: PDFFont
    /// DejaVu Sans Bold.
    let bold: PDFFont

    /// A template file is missing keys that `nl.txt` has, or cannot be read.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads every `<language>.txt` in `folder`; each must have every key of `nl.txt`.
    static func load(_ folder: String) throws -> CertificateTemplates {
        var languages: [String: [String: String]] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasSuffix(".txt") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            var words: [String: String] = [:]
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                guard let colon = trimmed.firstIndex(of: ":") else {
                    throw Invalid(description: "\(folder)/\(name):\(index + 1): expected 'key: value'")
                }
                words[String(trimmed[..<colon])] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            languages[String(name.dropLast(4))] = words
        }
        guard let dutch = languages["nl"] else { throw Invalid(description: "\(folder)/nl.txt is missing") }
        for (language, words) in languages {
            let missing = Set(dutch.keys).subtracting(words.keys).sorted()
            if !missing.isEmpty { throw Invalid(description: "\(folder)/\(language).txt:1: missing \(missing.joined(separator: ", "))") }
        }
        return CertificateTemplates(languages: languages, regular: try font(folder + "/fonts/DejaVuSans.ttf"), bold: try font(folder + "/fonts/DejaVuSans-Bold.ttf"))
    }

    private static func font(_ path: String) throws -> PDFFont {
        guard let data = FileManager.default.contents(atPath: path) else { throw Invalid(description: "\(path) is missing") }
        do {
            return PDFFont(try TrueTypeFont(bytes: Array(data)))
        } catch {
            throw Invalid(description: "\(path): \(error)")
        }
    }

    /// The text for `key` in `language` with `{placeholders}` filled in.
    func text(_ key: String, _ language: String, _ values: [String: String] = [:]) -> String {
        var text = languages[language]?[key] ?? languages["nl"]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    var availableLanguages: [String] { languages.keys.sorted() }
}

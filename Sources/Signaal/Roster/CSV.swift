import Foundation

/// CSV as spreadsheets write it (RFC 4180): quoted fields with `""` escapes, separators and line
/// breaks inside quotes, a UTF-8 byte-order mark, and `;` as the separator when the first line uses
/// it (Dutch spreadsheet exports do).
enum CSV {
    /// One record and the line it starts on.
    struct Record: Sendable, Equatable {
        let line: Int
        let fields: [String]
    }

    /// Why a file is not valid CSV; nothing is imported then.
    struct Invalid: Error, Equatable {
        let line: Int
        let reason: String
    }

    static func parse(_ bytes: [UInt8]) throws(Invalid) -> [Record] {
        var data = bytes[...]
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else { throw Invalid(line: 1, reason: "the file is not UTF-8 text") }
        let separator = detectSeparator(text)
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var quoted = false
        var afterQuote = false
        var fieldStarted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            fieldStarted = false
            afterQuote = false
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard !fieldStarted else { throw Invalid(line: line, reason: "a quote inside an unquoted field") }
                quoted = true
                fieldStarted = true
            case separator:
                fields.append(field)
                field = ""
                fieldStarted = false
                afterQuote = false
            case "\r":
                let next = iterator.next()
                guard next == "\n" || next == nil else { throw Invalid(line: line, reason: "a carriage return without a line feed") }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                guard !afterQuote else { throw Invalid(line: line, reason: "text after a closing quote") }
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if quoted { throw Invalid(line: recordLine, reason: "a quoted field is never closed") }
        if fieldStarted || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }

    /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
    static func detectSeparator(_ text: String) -> Unicode.Scalar {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "\n" { break }
            if scalar == "," { commas += 1 }
            if scalar == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    /// One CSV line (CRLF-terminated) with fields quoted where needed and spreadsheet formulas
    /// neutralised: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            var value = field
            if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { value = "'" + value }
            let needsQuotes = value.contains { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }.joined(separator: ",") + "\r\n"
    }
}

/// Renders the lesson Markdown subset of `modules/README.md` to HTML, escaping everything else.
///
/// Headings, paragraphs, lists, emphasis, https links, images from the module's `images/` folder
/// and `> ` "what to do" callouts become elements; any other markup (HTML tags, scripts) is shown
/// as text. Problems (a link that is not https, a missing image) are reported by line.
public struct LessonRenderer {
    /// A problem found while rendering: the line and what is wrong.
    public struct Problem: Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    /// URL prefix under which the module's images are served (e.g. `/api/v1/modules/core-signals/`).
    let imageBase: String
    /// Image paths that exist, relative to the module folder (`images/towels.png`).
    let existingImages: Set<String>
    private(set) var problems: [Problem] = []

    public init(imageBase: String, existingImages: Set<String>) {
        self.imageBase = imageBase
        self.existingImages = existingImages
    }

    /// The lesson's title (its first `# ` line) and the HTML of the rest.
    public mutating func render(_ markdown: String) -> (title: String, html: String, problems: [Problem]) {
        problems = []
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingTrailingCarriageReturn() }
        var title = ""
        if let first = lines.first, first.hasPrefix("# ") {
            title = String(first.dropFirst(2)).trimmed()
            lines[0] = ""
        } else {
            problems.append(Problem(line: 1, message: "a lesson must start with '# Title'"))
        }
        var html = ""
        var paragraph: [String] = []
        var list: (tag: String, items: [String])?
        var callout: [String] = []
        var lineNumber = 0

        func flush() {
            if !paragraph.isEmpty {
                html += "<p>" + inline(paragraph.joined(separator: " "), line: lineNumber) + "</p>\n"
                paragraph = []
            }
            if let current = list {
                html += "<\(current.tag)>" + current.items.map { "<li>\($0)</li>" }.joined() + "</\(current.tag)>\n"
                list = nil
            }
            if !callout.isEmpty {
                html += #"<aside class="callout" role="note">"# + callout.map { "<p>\($0)</p>" }.joined() + "</aside>\n"
                callout = []
            }
        }

        for (index, raw) in lines.enumerated() {
            lineNumber = index + 1
            let line = raw.trimmed()
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("### ") || line.hasPrefix("## ") {
                flush()
                let level = line.hasPrefix("### ") ? 3 : 2
                html += "<h\(level)>" + inline(String(line.dropFirst(level + 1)), line: lineNumber) + "</h\(level)>\n"
            } else if line.hasPrefix(">") {
                if list != nil || !paragraph.isEmpty { flush() }
                let text = String(line.dropFirst()).trimmed()
                if !text.isEmpty { callout.append(inline(text, line: lineNumber)) }
            } else if let item = Self.listItem(line) {
                if list?.tag != item.tag || !paragraph.isEmpty || !callout.isEmpty { flush() }
                if list == nil { list = (item.tag, []) }
                list?.items.append(inline(item.text, line: lineNumber))
            } else {
                if list != nil || !callout.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return (title, html, problems)
    }

    private static func listItem(_ line: String) -> (tag: String, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return ("ul", String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            return ("ol", String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Emphasis, strong, links and images inside one block; every other character is escaped.
    private mutating func inline(_ text: String, line: Int) -> String {
        var out = ""
        var rest = Substring(text)
        while let character = rest.first {
            if rest.hasPrefix("!["), let (alt, target, remainder) = Self.bracketed(rest.dropFirst()) {
                out += image(alt: alt, path: target, line: line)
                rest = remainder
            } else if character == "[", let (label, target, remainder) = Self.bracketed(rest) {
                out += link(label: label, url: target, line: line)
                rest = remainder
            } else if rest.hasPrefix("**"), let end = Self.indexOfDoubleStar(in: rest.dropFirst(2)) {
                out += "<strong>" + inline(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end]), line: line) + "</strong>"
                rest = rest[rest.index(end, offsetBy: 2)...]
            } else if character == "*", let end = rest.dropFirst().firstIndex(of: "*"), end > rest.index(after: rest.startIndex) {
                out += "<em>" + inline(String(rest[rest.index(after: rest.startIndex)..<end]), line: line) + "</em>"
                rest = rest[rest.index(after: end)...]
            } else {
                out += Self.escape(String(character))
                rest = rest.dropFirst()
            }
        }
        return out
    }

    private static func indexOfDoubleStar(in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == "*", next < text.endIndex, text[next] == "*" { return index }
            index = next
        }
        return nil
    }

    /// `[label](target)` at the start of `text`: the label, the target and what follows.
    private static func bracketed(_ text: Substring) -> (String, String, Substring)? {
        guard text.first == "[", let close = text.firstIndex(of: "]") else { return nil }
        let afterClose = text[text.index(after: close)...]
        guard afterClose.first == "(", let end = afterClose.firstIndex(of: ")") else { return nil }
        let label = String(text[text.index(after: text.startIndex)..<close])
        let target = String(afterClose[afterClose.index(after: afterClose.startIndex)..<end]).trimmed()
        return (label, target, afterClose[afterClose.index(after: end)...])
    }

    private mutating func link(label: String, url: String, line: Int) -> String {
        guard url.lowercased().hasPrefix("https://"), !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }) else {
            problems.append(Problem(line: line, message: "link '\(url)' must be an https:// address"))
            return Self.escape(label)
        }
        return #"<a href="\#(Self.escape(url))" rel="noopener noreferrer" target="_blank">\#(Self.escape(label))</a>"#
    }

    private mutating func image(alt: String, path: String, line: Int) -> String {
        guard path.hasPrefix("images/"), !path.contains(".."), existingImages.contains(path) else {
            problems.append(Problem(line: line, message: "image '\(path)' does not exist in this module's images folder"))
            return Self.escape(alt)
        }
        return #"<img src="\#(Self.escape(imageBase + path))" alt="\#(Self.escape(alt))" loading="lazy">"#
    }

    /// Text made safe for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension StringProtocol {
    /// Without the spaces and tabs at either end (walked as Unicode scalars: content files are long).
    func trimmed() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start] == " " || scalars[start] == "\t" { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard scalars[last] == " " || scalars[last] == "\t" else { break }
            end = last
        }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    func trimmingTrailingCarriageReturn() -> String {
        hasSuffix("\r") ? String(dropLast()) : String(self)
    }
}

/// One thing wrong in the course content, printed as `file:line: message`.
public struct ContentProblem: Sendable, Hashable, CustomStringConvertible, Comparable {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }

    public static func < (left: ContentProblem, right: ContentProblem) -> Bool {
        (left.file, left.line, left.message) < (right.file, right.line, right.message)
    }
}

/// A `key: value` line of a content text file, with its line number.
struct KeyValueLine: Sendable {
    let line: Int
    let key: String
    let value: String

    /// The lines of `text` that hold values; comments (`#`) and blank lines are skipped, and a line
    /// that is not `key: value` is reported.
    static func parse(_ text: String, file: String, problems: inout [ContentProblem]) -> [KeyValueLine] {
        var result: [KeyValueLine] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingTrailingCarriageReturn().trimmed()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }),
                  colon != line.startIndex
            else {
                problems.append(ContentProblem(file: file, line: index + 1, message: "expected 'key: value'"))
                continue
            }
            result.append(KeyValueLine(line: index + 1, key: String(line[..<colon]),
                                       value: String(line[line.index(after: colon)...]).trimmed()))
        }
        return result
    }

    /// Splits lines into the header (before the first `question:`) and one block per question.
    static func blocks(_ lines: [KeyValueLine]) -> (header: [KeyValueLine], questions: [[KeyValueLine]]) {
        var header: [KeyValueLine] = []
        var questions: [[KeyValueLine]] = []
        for line in lines {
            if line.key == "question" {
                questions.append([line])
            } else if questions.isEmpty {
                header.append(line)
            } else {
                questions[questions.count - 1].append(line)
            }
        }
        return (header, questions)
    }
}

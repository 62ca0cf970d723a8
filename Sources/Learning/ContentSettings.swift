/// The figures course text names that are configuration, not content: the text writes `{threshold}`,
/// `{certificate-months}` and `{completion-months}`, and the parser fills in these values, so a changed
/// setting can never leave a lesson teaching the old figure.
public struct ContentSettings: Sendable, Equatable {
    /// Percent of staff that must be trained. The default is 60.
    public var thresholdPercent: Int
    /// Months a certificate is valid. The default is 12.
    public var certificateMonths: Int
    /// Months a completion counts. The default is 24.
    public var completionMonths: Int

    public init(thresholdPercent: Int = 60, certificateMonths: Int = 12, completionMonths: Int = 24) {
        self.thresholdPercent = thresholdPercent
        self.certificateMonths = certificateMonths
        self.completionMonths = completionMonths
    }

    /// Placeholder name → value.
    public var values: [String: String] {
        ["threshold": String(thresholdPercent), "certificate-months": String(certificateMonths), "completion-months": String(completionMonths)]
    }

    /// `text` with every known `{name}` filled in, and the names of unknown placeholders (`{a-z and -}`) it holds.
    func fill(_ text: String) -> (text: String, unknown: [String]) {
        guard text.contains("{") else { return (text, []) }
        var output = ""
        var unknown: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = rest[afterOpen..<close]
            if let value = values[String(name)] {
                output += value
            } else {
                if !name.isEmpty, name.allSatisfy({ $0 == "-" || ($0.isASCII && $0.isLowercase) }) { unknown.append(String(name)) }
                output += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return (output, unknown)
    }
}

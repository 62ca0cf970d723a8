/// One module folder: the structure file, the language files and the lessons.
extension ContentParser {
    private static let headerKeys: Set<String> = ["id", "version", "kind", "sectors", "roles", "required", "minutes",
                                                  "pass-mark", "questions-per-attempt", "lessons", "source"]
    private static let questionKeys: Set<String> = ["question", "type", "answer", "options", "correct", "action"]

    mutating func parseModule(_ folder: String) -> Module? {
        let file = "\(folder)/module.txt"
        let countBefore = problems.count
        let lines = KeyValueLine.parse(files[file] ?? "", file: file, problems: &problems)
        let (header, blocks) = KeyValueLine.blocks(lines)
        var values: [String: KeyValueLine] = [:]
        var sources: [Source] = []
        for entry in header {
            guard Self.headerKeys.contains(entry.key) else { report(file, entry.line, "unknown key '\(entry.key)'"); continue }
            if entry.key == "source" {
                let parts = entry.value.split(separator: "|", maxSplits: 1).map { $0.trimmed() }
                guard parts.count == 2, parts[1].hasPrefix("https://") else {
                    report(file, entry.line, "source must be 'Title | https://address'")
                    continue
                }
                sources.append(Source(title: parts[0], url: parts[1]))
            } else {
                if values[entry.key] != nil { report(file, entry.line, "'\(entry.key)' is given twice") }
                values[entry.key] = entry
            }
        }
        for key in Self.headerKeys.subtracting(["source"]).sorted() where values[key] == nil {
            report(file, 1, "missing '\(key):'")
        }
        if sources.isEmpty { report(file, 1, "a module must list at least one 'source:'") }
        if let id = values["id"], id.value != folder { report(file, id.line, "id '\(id.value)' must match the folder name '\(folder)'") }

        let version = number(values["version"], file: file, in: 1...10_000)
        let minutes = number(values["minutes"], file: file, in: 1...120)
        let passMark = number(values["pass-mark"], file: file, in: 1...100, message: "pass-mark must be between 1 and 100")
        let perAttempt = number(values["questions-per-attempt"], file: file, in: 1...100)
        let kind = values["kind"].flatMap { entry -> ModuleKind? in
            let kind = ModuleKind(rawValue: entry.value)
            if kind == nil { report(file, entry.line, "kind must be core, role or sector") }
            return kind
        }
        var sectors = Set<Sector>()
        if let entry = values["sectors"] {
            for name in entry.value.split(separator: " ") {
                if let sector = Sector(rawValue: String(name)) { sectors.insert(sector) } else { report(file, entry.line, "unknown sector '\(name)'") }
            }
        }
        let roles = values["roles"].map { $0.value == "all" ? [] : $0.value.split(separator: " ").map(String.init) } ?? []
        if let entry = values["roles"], let unknown = roles.first(where: { JobRole(rawValue: $0) == nil }) {
            report(file, entry.line, "unknown role '\(unknown)'; roles are \(JobRole.allCases.map(\.rawValue).joined(separator: " "))")
        }
        var required = true
        if let entry = values["required"] {
            switch entry.value {
            case "yes": required = true
            case "no": required = false
            default: report(file, entry.line, "required must be yes or no")
            }
        }
        let lessonIDs = values["lessons"]?.value.split(separator: " ").map(String.init) ?? []
        if let entry = values["lessons"], lessonIDs.isEmpty { report(file, entry.line, "a module needs at least one lesson") }

        var questions: [Question] = []
        var questionLines: [String: Int] = [:]
        for block in blocks {
            guard let question = parseQuestion(block, file: file) else { continue }
            if questionLines[question.id] != nil { report(file, block[0].line, "question '\(question.id)' is defined twice") }
            questionLines[question.id] = block[0].line
            questions.append(question)
        }
        if let perAttempt, let entry = values["questions-per-attempt"], questions.count < perAttempt {
            report(file, entry.line, "questions-per-attempt is \(perAttempt) but the pool has only \(questions.count) questions")
        }

        let texts = parseLanguages(folder: folder, questions: questions, lessonIDs: lessonIDs, lessonsLine: values["lessons"]?.line ?? 1)
        guard problems.count == countBefore, let version, let minutes, let passMark, let perAttempt, let kind else { return nil }
        return Module(id: folder, version: version, kind: kind, sectors: sectors, roles: roles, isRequired: required,
                      minutes: minutes, passMark: passMark, questionsPerAttempt: perAttempt, lessonIDs: lessonIDs,
                      sources: sources, questions: questions, texts: texts)
    }

    private mutating func number(_ entry: KeyValueLine?, file: String, in range: ClosedRange<Int>, message: String? = nil) -> Int? {
        guard let entry else { return nil }
        guard let value = Int(entry.value), range.contains(value) else {
            report(file, entry.line, message ?? "\(entry.key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    private mutating func parseQuestion(_ block: [KeyValueLine], file: String) -> Question? {
        let id = block[0].value
        let line = block[0].line
        var values: [String: String] = [:]
        for entry in block {
            guard Self.questionKeys.contains(entry.key) else { report(file, entry.line, "unknown key '\(entry.key)' in question '\(id)'"); continue }
            values[entry.key] = entry.value
        }
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            report(file, line, "question id '\(id)' may only use a-z, 0-9 and '-'")
            return nil
        }
        guard let type = values["type"] else { report(file, line, "question '\(id)' has no type"); return nil }
        let isScenario = type == "scenario"
        let formName = isScenario ? (values["answer"] ?? "") : type
        let form: AnswerForm
        switch formName {
        case "single": form = .single
        case "multiple": form = .multiple
        case "true-false": form = .trueFalse
        default:
            report(file, line, isScenario ? "scenario question '\(id)' needs 'answer: single | multiple | true-false'"
                                          : "question '\(id)' has unknown type '\(type)'")
            return nil
        }
        var action: SafetyAction?
        if let name = values["action"] {
            action = SafetyAction(rawValue: name)
            if action == nil { report(file, line, "question '\(id)' has 'action: \(name)'; use emergency or report"); return nil }
            if form == .trueFalse { report(file, line, "true-false question '\(id)' cannot carry an action: it has no options to say it"); return nil }
        }
        let correct = (values["correct"] ?? "").split(separator: " ").map(String.init)
        if form == .trueFalse {
            guard correct == ["true"] || correct == ["false"] else {
                report(file, line, "true-false question '\(id)' needs 'correct: true' or 'correct: false'")
                return nil
            }
            return Question(id: id, isScenario: isScenario, form: form, optionIDs: ["true", "false"], correctOptionIDs: Set(correct), action: nil)
        }
        let options = (values["options"] ?? "").split(separator: " ").map(String.init)
        if let bad = options.first(where: { !$0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") } }) {
            report(file, line, "option '\(bad)' of question '\(id)' may only use a-z, 0-9 and '-'")
            return nil
        }
        let unknown = correct.filter { !options.contains($0) }
        if !unknown.isEmpty { report(file, line, "question '\(id)' marks unknown option(s) \(unknown.joined(separator: ", ")) as correct"); return nil }
        if Set(options).count != options.count { report(file, line, "question '\(id)' lists an option twice"); return nil }
        switch form {
        case .single where options.count < 3 || correct.count != 1:
            report(file, line, "single-choice question '\(id)' needs at least 3 options and exactly one correct, has \(options.count) and \(correct.count)")
            return nil
        case .multiple where correct.isEmpty || correct.count >= options.count || options.count < 3:
            report(file, line, "multiple-choice question '\(id)' needs at least 3 options, one or more correct and one or more wrong, has \(correct.count) of \(options.count)")
            return nil
        case .single, .multiple, .trueFalse:
            return Question(id: id, isScenario: isScenario, form: form, optionIDs: options, correctOptionIDs: Set(correct), action: action)
        }
    }
}

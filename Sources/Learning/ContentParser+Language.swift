/// The words of a module per language, and its lessons.
extension ContentParser {
    /// Language codes that have a text file in the folder (`nl.txt` → `nl`).
    func languageCodes(in folder: String) -> [String] {
        files.keys.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            guard parts.count == 2, parts[0] == folder, parts[1].hasSuffix(".txt"), parts[1] != "module.txt" else { return nil }
            let code = parts[1].dropLast(4)
            return code.count >= 2 && code.count <= 3 && code.allSatisfy({ $0.isASCII && $0.isLowercase }) ? String(code) : nil
        }.sorted()
    }

    mutating func parseLanguages(folder: String, questions: [Question], lessonIDs: [String], lessonsLine: Int) -> [String: ModuleTexts] {
        let codes = languageCodes(in: folder)
        for required in Self.requiredLanguages where !codes.contains(required) {
            report("\(folder)/module.txt", 1, "missing translation: \(required).txt")
        }
        let images = Set(files.keys.compactMap { path in path.hasPrefix("\(folder)/images/") ? String(path.dropFirst(folder.count + 1)) : nil })
        var texts: [String: ModuleTexts] = [:]
        for code in codes {
            let file = "\(folder)/\(code).txt"
            guard var moduleTexts = parseLanguageFile(file, questions: questions) else { continue }
            for lessonID in lessonIDs {
                let lessonFile = "\(folder)/lessons/\(lessonID).\(code).md"
                guard let markdown = files[lessonFile] else {
                    report("\(folder)/module.txt", lessonsLine, "missing translation: lesson '\(lessonID)' has no file lessons/\(lessonID).\(code).md")
                    continue
                }
                var renderer = LessonRenderer(imageBase: imageURLPrefix + folder + "/", existingImages: images)
                let rendered = renderer.render(markdown)
                for problem in rendered.problems { report(lessonFile, problem.line, problem.message) }
                moduleTexts.lessons[lessonID] = LessonText(title: rendered.title, html: rendered.html)
            }
            texts[code] = moduleTexts
        }
        let known = Set(lessonIDs)
        for path in files.keys.sorted() where path.hasPrefix("\(folder)/lessons/") {
            let name = path.dropFirst("\(folder)/lessons/".count)
            let lessonID = name.split(separator: ".").first.map(String.init) ?? ""
            if !known.contains(lessonID) { report(path, 1, "lesson '\(lessonID)' is not listed in module.txt") }
        }
        return texts
    }

    private mutating func parseLanguageFile(_ file: String, questions: [Question]) -> ModuleTexts? {
        let lines = KeyValueLine.parse(files[file] ?? "", file: file, problems: &problems)
        let (header, blocks) = KeyValueLine.blocks(lines)
        var title = ""
        var summary = ""
        for entry in header {
            switch entry.key {
            case "title": title = entry.value
            case "summary": summary = entry.value
            default: report(file, entry.line, "unknown key '\(entry.key)'")
            }
        }
        if title.isEmpty { report(file, 1, "missing 'title:'") }
        var texts: [String: QuestionText] = [:]
        var lineOf: [String: Int] = [:]
        for block in blocks {
            let id = block[0].value
            lineOf[id] = block[0].line
            guard let question = questions.first(where: { $0.id == id }) else {
                report(file, block[0].line, "unknown question '\(id)' (not in module.txt)")
                continue
            }
            var text = QuestionText(situation: nil, text: "", options: [:], explanation: "")
            for entry in block.dropFirst() {
                switch entry.key {
                case "situation": text.situation = entry.value
                case "text": text.text = entry.value
                case "explanation": text.explanation = entry.value
                case let key where question.optionIDs.contains(key) && question.form != .trueFalse: text.options[key] = entry.value
                default: report(file, entry.line, "unknown key '\(entry.key)' in question '\(id)'")
                }
            }
            if text.text.isEmpty { report(file, block[0].line, "question '\(id)' has no 'text:'") }
            if text.explanation.isEmpty { report(file, block[0].line, "question '\(id)' has no 'explanation:'") }
            if question.isScenario, text.situation == nil { report(file, block[0].line, "scenario question '\(id)' has no 'situation:'") }
            if question.form != .trueFalse {
                for option in question.optionIDs where text.options[option] == nil {
                    report(file, block[0].line, "question '\(id)' has no text for option '\(option)'")
                }
            }
            checkAction(of: question, in: text, file: file, line: block[0].line)
            texts[id] = text
        }
        for question in questions where texts[question.id] == nil {
            report(file, 1, "missing translation of question '\(question.id)'")
        }
        return ModuleTexts(title: title, summary: summary, questions: texts, lessons: [:])
    }

    /// Holds a marked scenario to the action rule in this language: an emergency's right options say 112, a
    /// report's never do, so no translation can teach a different action.
    private mutating func checkAction(of question: Question, in text: QuestionText, file: String, line: Int) {
        guard let action = question.action else { return }
        for option in question.optionIDs where question.correctOptionIDs.contains(option) {
            let saysEmergencyNumber = text.options[option]?.contains("112") ?? false
            switch action {
            case .emergency where !saysEmergencyNumber:
                report(file, line, "question '\(question.id)' is an emergency but its right option '\(option)' does not say 112")
            case .report where saysEmergencyNumber:
                report(file, line, "question '\(question.id)' is a report but its right option '\(option)' says 112")
            case .emergency, .report:
                break
            }
        }
    }
}

/// Reads and validates the course content folder, given as file paths and texts (no I/O here).
///
/// Paths are relative to the folder: `courses.txt`, `core-signals/module.txt`, `core-signals/nl.txt`,
/// `core-signals/lessons/spot-the-pattern.nl.md`, `core-signals/images/desk.png`.
public struct ContentParser {
    /// Languages every module must have.
    public static let requiredLanguages = ["nl", "en"]

    /// The content's files; `parse()` fills their placeholders in.
    var files: [String: String]
    /// Prefix of image URLs in rendered lessons; the module id and `/` follow it.
    let imageURLPrefix: String
    /// The figures that fill the text's placeholders.
    let settings: ContentSettings
    var problems: [ContentProblem] = []

    public init(files: [String: String], imageURLPrefix: String = "/api/v1/modules/", settings: ContentSettings = ContentSettings()) {
        self.files = files
        self.imageURLPrefix = imageURLPrefix
        self.settings = settings
    }

    /// The catalog when the content is valid, and every problem found (sorted by file and line).
    public mutating func parse() -> (catalog: Catalog?, problems: [ContentProblem]) {
        problems = []
        fillPlaceholders()
        let folders = Set(files.keys.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count >= 2 ? String(parts[0]) : nil
        })
        var modules: [String: Module] = [:]
        for folder in folders.sorted() {
            guard files["\(folder)/module.txt"] != nil else {
                problems.append(ContentProblem(file: folder, line: 0, message: "module folder has no module.txt"))
                continue
            }
            if let module = parseModule(folder) { modules[module.id] = module }
        }
        let courses = parseCourses(modules: modules, folders: folders)
        let sorted = problems.sorted()
        return (sorted.isEmpty ? Catalog(modules: modules, courses: courses) : nil, sorted)
    }

    /// Puts the configured figures into the words (language files and lessons); an unknown placeholder is a problem.
    private mutating func fillPlaceholders() {
        for (path, text) in files where (path.hasSuffix(".txt") && !path.hasSuffix("/module.txt") && path != "courses.txt") || path.hasSuffix(".md") {
            let filled = settings.fill(text)
            guard filled.text != text || !filled.unknown.isEmpty else { continue }
            files[path] = filled.text
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for name in settings.fill(String(line)).unknown {
                    report(path, index + 1, "unknown placeholder {\(name)}; use {threshold}, {certificate-months} or {completion-months}")
                }
            }
        }
    }

    mutating func report(_ file: String, _ line: Int, _ message: String) {
        problems.append(ContentProblem(file: file, line: line, message: message))
    }

    // MARK: courses.txt

    private mutating func parseCourses(modules: [String: Module], folders: Set<String>) -> [Sector: Course] {
        let file = "courses.txt"
        guard let text = files[file] else {
            report(file, 0, "courses.txt is missing")
            return [:]
        }
        var courses: [Sector: Course] = [:]
        var current: (line: Int, sector: Sector?, version: Int?, modules: [String], retrainFrom: Int?)?

        func finish(_ parser: inout ContentParser) {
            guard let block = current, let sector = block.sector else { return }
            guard let version = block.version else {
                parser.report(file, block.line, "course '\(sector.rawValue)' needs a version")
                return
            }
            if courses[sector] != nil { parser.report(file, block.line, "course '\(sector.rawValue)' is defined twice") }
            courses[sector] = Course(sector: sector, version: version, moduleIDs: block.modules, retrainFrom: block.retrainFrom)
        }

        for entry in KeyValueLine.parse(text, file: file, problems: &problems) {
            switch entry.key {
            case "course":
                finish(&self)
                let sector = Sector(rawValue: entry.value)
                if sector == nil { report(file, entry.line, "unknown sector '\(entry.value)'; use hotel, holiday_park, horeca or taxi") }
                current = (entry.line, sector, nil, [], nil)
            case "version", "retrain-from":
                guard current != nil else { report(file, entry.line, "'\(entry.key)' before any 'course:'"); continue }
                guard let number = Int(entry.value), number >= 1 else {
                    report(file, entry.line, "\(entry.key) must be a whole number of at least 1")
                    continue
                }
                if entry.key == "version" { current?.version = number } else { current?.retrainFrom = number }
            case "modules":
                guard current != nil else { report(file, entry.line, "'modules' before any 'course:'"); continue }
                let ids = entry.value.split(separator: " ").map(String.init)
                // A folder whose module is invalid has its own problems reported already.
                for id in ids where modules[id] == nil && !folders.contains(id) {
                    report(file, entry.line, "unknown module '\(id)'")
                }
                current?.modules = ids
            default:
                report(file, entry.line, "unknown key '\(entry.key)'")
            }
        }
        finish(&self)
        for sector in Sector.allCases where courses[sector] == nil {
            report(file, 0, "no course for sector '\(sector.rawValue)'")
        }
        let used = Set(courses.values.flatMap(\.moduleIDs))
        for id in modules.keys.sorted() where !used.contains(id) {
            report("\(id)/module.txt", 1, "module '\(id)' is in no course")
        }
        for course in courses.values {
            for id in course.moduleIDs {
                if let module = modules[id], !module.sectors.contains(course.sector) {
                    report(file, 0, "module '\(id)' is in the \(course.sector.rawValue) course but does not list that sector")
                }
            }
        }
        return courses
    }
}

/// The four sectors; each business has one and each sector has one course.
public enum Sector: String, Sendable, Codable, CaseIterable, Hashable {
    case hotel
    case holidayPark = "holiday_park"
    case horeca
    case taxi
}

/// Where a module sits in a course.
public enum ModuleKind: String, Sendable, Codable {
    case core
    case role
    case sector
}

/// The form of the question a learner answers.
public enum AnswerForm: String, Sendable, Codable {
    case single
    case multiple
    case trueFalse = "true_false"
}

/// A quiz question as the structure file defines it: its form and which options are right.
/// The words live in `QuestionText`, per language, so a translation can never change an answer.
public struct Question: Sendable, Hashable {
    public let id: String
    /// True for a scenario: a situation followed by a question of `form`.
    public let isScenario: Bool
    public let form: AnswerForm
    /// Option ids in authored order (`true`/`false` for true-false questions).
    public let optionIDs: [String]
    public let correctOptionIDs: Set<String>
    /// The action a "what do you do?" scenario teaches, when its author marked one; the checker holds the right
    /// options to it in every language.
    public let action: SafetyAction?
}

/// The one action rule every module teaches the same way.
public enum SafetyAction: String, Sendable, Hashable {
    /// Acute danger to anyone, or a minor at risk right now: 112 first, then the manager.
    case emergency
    /// Signals and suspicions: write it down, tell the manager or contact person, follow the protocol.
    case report
}

/// One language's words for a question.
public struct QuestionText: Sendable, Hashable {
    public var situation: String?
    public var text: String
    public var options: [String: String]
    public var explanation: String
}

/// One lesson in one language, already rendered to safe HTML.
public struct LessonText: Sendable, Hashable {
    public let title: String
    public let html: String
}

/// Everything a module says in one language.
public struct ModuleTexts: Sendable {
    public var title: String
    public var summary: String
    public var questions: [String: QuestionText]
    public var lessons: [String: LessonText]
}

/// A source a module's facts come from.
public struct Source: Sendable, Hashable, Codable {
    public let title: String
    public let url: String
}

/// A unit of learning: lessons and a question pool with a pass mark. Immutable once loaded, and
/// shared by reference so serving it never copies its texts.
public final class Module: Sendable {
    public let id: String
    public let version: Int
    public let kind: ModuleKind
    public let sectors: Set<Sector>
    /// The roles it is written for; empty means all.
    public let roles: [String]
    /// Only required modules count towards course completion.
    public let isRequired: Bool
    public let minutes: Int
    /// Percent of drawn questions that must be right (1–100).
    public let passMark: Int
    public let questionsPerAttempt: Int
    public let lessonIDs: [String]
    public let sources: [Source]
    public let questions: [Question]
    /// Words per language code (`nl`, `en`, `pl`, …).
    public let texts: [String: ModuleTexts]
    /// The language codes it has, sorted.
    public let languages: [String]
    private let questionsByID: [String: Question]

    init(id: String, version: Int, kind: ModuleKind, sectors: Set<Sector>, roles: [String], isRequired: Bool, minutes: Int,
         passMark: Int, questionsPerAttempt: Int, lessonIDs: [String], sources: [Source], questions: [Question],
         texts: [String: ModuleTexts]) {
        self.id = id
        self.version = version
        self.kind = kind
        self.sectors = sectors
        self.roles = roles
        self.isRequired = isRequired
        self.minutes = minutes
        self.passMark = passMark
        self.questionsPerAttempt = questionsPerAttempt
        self.lessonIDs = lessonIDs
        self.sources = sources
        self.questions = questions
        self.texts = texts
        self.languages = texts.keys.sorted()
        self.questionsByID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func question(_ id: String) -> Question? { questionsByID[id] }
}

/// A sector's course: which modules it is made of, and its version.
public struct Course: Sendable {
    public let sector: Sector
    public let version: Int
    public let moduleIDs: [String]
    /// Completions of course versions below this must be redone (nil: every version counts).
    public let retrainFrom: Int?
}

/// All modules and courses, validated.
public struct Catalog: Sendable {
    public let modules: [String: Module]
    public let courses: [Sector: Course]

    private let modulesBySector: [Sector: [Module]]
    /// Every language some module of the sector's course has, sorted.
    public let languagesBySector: [Sector: [String]]

    public init(modules: [String: Module], courses: [Sector: Course]) {
        self.modules = modules
        self.courses = courses
        let bySector = Dictionary(uniqueKeysWithValues: courses.map { sector, course in
            (sector, course.moduleIDs.compactMap { modules[$0] })
        })
        modulesBySector = bySector
        languagesBySector = bySector.mapValues { Array(Set($0.flatMap(\.languages))).sorted() }
    }

    /// The modules of a sector's course, in course order.
    public func modules(for sector: Sector) -> [Module] {
        modulesBySector[sector] ?? []
    }

    /// A learner's estimated time: the required modules of their path. While the role is not known, the
    /// longest role module stands in for theirs.
    public func estimatedMinutes(for sector: Sector, role: JobRole?) -> Int {
        let path = path(for: sector, role: role)
        let required = path.filter(\.isRequired).map(\.minutes).reduce(0, +)
        guard role == nil else { return required }
        return required + (modules(for: sector).filter { $0.kind == .role && $0.isRequired }.map(\.minutes).max() ?? 0)
    }
}
